-- Schema version 18 (task J, issue 33): plans in amounts (below) and an 指标分配 export is an adjustments file, and what it says of each
-- 指标 is kept with the adjustment, under the names the payment side uses for the same ideas (migration 014):
-- 指标文号 (quota_doc_no), 资金来源/指标来源 (source), 是否直达资金/直达资金标识 (direct); NULL where not given
-- (every adjustment stored before this version). "if not exists": re-running it on a database that has them is harmless.
alter table adjustments add column if not exists quota_doc_no varchar;
alter table adjustments add column if not exists source varchar;
alter table adjustments add column if not exists direct boolean;
-- A 用款计划 in amounts (SPEC §5 Plans in amounts) keeps them: a checkpoint may hold its cumulative planned amount
-- in 元 (plan_yuan), which the pace then uses exactly (queries/macros.sql); its plan_pct is that amount as a share
-- of the initial budget, rounded, for display. NULL for a checkpoint of a plan in percentages.
alter table plan_checkpoints add column if not exists plan_yuan decimal(18, 2);
alter table plan_checkpoint_versions add column if not exists plan_yuan decimal(18, 2);
