-- Schema version 18 (task J, issue 33): an 指标分配 export is an adjustments file, and what it says of each
-- 指标 is kept with the adjustment, under the names the payment side uses for the same ideas (migration 014):
-- 指标文号 (quota_doc_no), 资金来源/指标来源 (source), 是否直达资金/直达资金标识 (direct); NULL where not given
-- (every adjustment stored before this version). "if not exists": re-running it on a database that has them is harmless.
alter table adjustments add column if not exists quota_doc_no varchar;
alter table adjustments add column if not exists source varchar;
alter table adjustments add column if not exists direct boolean;
