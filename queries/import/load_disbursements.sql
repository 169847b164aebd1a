-- load_disbursements: write the new payments of batch $batch.
insert into disbursements (fiscal_year, voucher_no, project_code, pay_date, amount_yuan, payee, summary, batch_id)
select fiscal_year, voucher_no, project_code, pay_date, amount_yuan, payee, summary, $batch
from import_new
