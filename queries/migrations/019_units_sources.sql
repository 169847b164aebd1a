-- Schema version 19: whose money and from where (SPEC §5, issue 34, task K).
-- projects: the project's 预算单位 (unit_code, unit_name; NULL = not named) and its default 资金来源 — the source of
--   its 年初预算数 (source NULL = 本级安排资金, the default_source macro) and whether that is 直达资金 (direct).
-- plan_versions keeps the same, so that undoing a plan batch brings a replaced project's unit and source back.
alter table projects add column if not exists unit_code varchar;
alter table projects add column if not exists unit_name varchar;
alter table projects add column if not exists source varchar;
alter table projects add column if not exists direct boolean;
alter table plan_versions add column if not exists unit_code varchar;
alter table plan_versions add column if not exists unit_name varchar;
alter table plan_versions add column if not exists source varchar;
alter table plan_versions add column if not exists direct boolean;

-- source_cache: the money of every project by source (name, 直达) at every month end it has any, kept by the importer
-- beside pace_cache in the same transaction (db.refresh_pace: queries/refresh_sources_*.sql), so that `sources`,
-- `--source` and `--direct` read a few rows per project instead of grouping every payment line on each call.
-- budget_fen: the 年初预算数 when it is the project's default source + that source's adjustments to the month end;
-- actual_fen: its payment lines paid by then; has_budget: the project has a budget line in that source (else 无指标支付).
create table if not exists source_cache (
    fiscal_year  integer not null,
    as_of_month  integer not null,
    project_code varchar not null,
    source       varchar not null,
    direct       boolean not null,
    budget_fen   hugeint not null,
    actual_fen   hugeint not null,
    has_budget   boolean not null
);
