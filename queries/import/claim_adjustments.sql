-- claim_adjustments: the rows of batch $batch that were already stored identically (skipped): the batch
-- brought them too, so undoing the batch that stored them first hands them over instead of removing them.
insert into batch_claims (batch_id, fiscal_year, project_code, row_key)
select $batch, s.fiscal_year, s.project_code, s.doc_no
from import_staged s
join import_stored t on t.line = s.line
where t.differs = ''
