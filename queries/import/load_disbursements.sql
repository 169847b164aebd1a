-- load_disbursements: write the new payments of batch $batch, grouped by project (so that one
-- project's payments sit in few row groups, which a query for them reads alone).
insert into disbursements (fiscal_year, voucher_no, project_code, pay_date, amount_yuan, payee, summary, batch_id,
                           line_no, quota_doc_no, source, direct, procurement, unit_code, unit_name)
select fiscal_year, voucher_no, project_code, pay_date, amount_yuan, payee, summary, $batch,
       line_no, quota_doc_no, source, direct, procurement, unit_code, unit_name
from import_new
order by fiscal_year, project_code, pay_date
