-- Schema version 20: unit_cache, the pace of every 预算单位 (every section, all the money) at every month end (task B,
-- issue 34: `units` within 100 ms beyond process start at 10 M payment lines), kept by the importer beside pace_cache
-- in the same transaction (db.refresh_pace: queries/refresh_units_*.sql), so that `units` reads one row per unit
-- instead of summing every project's cached pace joined to its project. unit_inputs (queries/macros.sql) makes it:
-- pace_rollup's sums, figures and rank, and `behind`, the deviation_micro of each project some thresholds may find
-- 滞后 or 严重滞后, so that unit_pace counts them exactly for any --yellow/--red. Unit NULL: not named.
-- Filled by db.migrate (refresh_pace) right after this migration.
create table if not exists unit_cache (
    fiscal_year       integer not null,
    as_of_month       integer not null,
    unit_code         varchar,
    unit_name         varchar,
    sections          bigint not null,
    projects          bigint not null,
    budget_fen        hugeint not null,
    actual_fen        hugeint not null,
    plan_amount_num   hugeint not null,
    overspent         bigint not null,
    no_plan           bigint not null,
    has_plan          boolean not null,
    behind            hugeint[] not null,
    deviation_micro   hugeint,
    budget_wan        decimal(38, 2),
    actual_wan        decimal(38, 2),
    actual_pct        decimal(38, 2),
    plan_pct          decimal(38, 2),
    time_pct          decimal(38, 2),
    deviation_pp      decimal(38, 2),
    time_deviation_pp decimal(38, 2),
    plan_wan          decimal(38, 2),
    gap_wan           decimal(38, 2),
    rank              bigint not null
);
