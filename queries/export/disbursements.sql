-- disbursements: every payment with its project's section (the unit to partition by), for Parquet.
select d.fiscal_year, p.section, d.voucher_no, d.project_code, d.pay_date, d.amount_yuan, d.payee, d.summary,
       d.batch_id
from disbursements d
join projects p on p.fiscal_year = d.fiscal_year and p.project_code = d.project_code
