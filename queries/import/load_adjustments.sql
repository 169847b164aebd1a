-- load_adjustments: write the new adjustments of batch $batch.
insert into adjustments (fiscal_year, project_code, doc_no, effective_date, amount_yuan, reason, batch_id)
select fiscal_year, project_code, doc_no, effective_date, amount_yuan, reason, $batch
from import_new
