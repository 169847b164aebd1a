-- claim_disbursements: the rows of batch $batch that were already stored identically (skipped): the batch
-- brought them too, so undoing the batch that stored them first hands them over instead of removing them.
-- row_key: the voucher, and a detail line's line_no after chr(31) (code() leaves no control character in a key).
insert into batch_claims (batch_id, fiscal_year, project_code, row_key)
select $batch, s.fiscal_year, s.project_code, s.voucher_no || case when s.line_no <> '' then chr(31) || s.line_no else '' end
from import_staged s
join import_stored t on t.line = s.line
where t.differs = ''
