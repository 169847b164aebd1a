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
