-- load_adjustments: write the new adjustments of batch $batch (with what an 指标 file says of each: 指标文号,
-- 资金来源, 直达).
insert into adjustments (fiscal_year, project_code, doc_no, effective_date, amount_yuan, reason, batch_id,
                         quota_doc_no, source, direct)
select fiscal_year, project_code, doc_no, effective_date, amount_yuan, reason, $batch, quota_doc_no, source, direct
from import_new
