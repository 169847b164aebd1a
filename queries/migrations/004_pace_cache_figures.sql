-- Schema version 4: pace_cache also holds every threshold-free figure of a project-month,
-- rounded once when the importer refreshes it, and deviation_micro, the deviation in
-- millionths of a point rounded down, so that a page's status is a comparison of integers
-- (exact: thresholds have at most 6 decimals, see pace_status in queries/macros.sql).
-- Figures are DECIMAL(18, 2) (int64 inside: 3× faster to sort and to fetch than DECIMAL(38, 2)).
-- Filled again by db.migrate (refresh_pace) right after this migration.
drop table pace_cache;
create table pace_cache (
    fiscal_year              integer not null,
    as_of_month              integer not null,
    section                  varchar not null,
    project_code             varchar not null,
    project_name             varchar not null,
    budget_fen               hugeint not null,
    actual_fen               hugeint not null,
    plan_num                 hugeint not null,      -- plan_pct × 2,772,000
    plan_amount_num          hugeint not null,      -- budget_fen × plan_num
    deviation_micro          hugeint,               -- floor(deviation_pp × 10^6); NULL when the budget is 0
    next_month               integer,
    next_bp                  hugeint,               -- the next checkpoint in basis points
    budget_wan               decimal(18, 2),
    actual_wan               decimal(18, 2),
    actual_pct               decimal(18, 2),
    plan_pct                 decimal(18, 2),
    time_pct                 decimal(18, 2),
    deviation_pp             decimal(18, 2),
    time_deviation_pp        decimal(18, 2),
    plan_wan                 decimal(18, 2),
    gap_wan                  decimal(18, 2),
    next_checkpoint_pct      decimal(18, 2),
    next_checkpoint_need_wan decimal(18, 2)
);
