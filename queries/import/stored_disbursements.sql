-- stored_disbursements: staged payments whose key (fiscal year, voucher_no) is already stored,
-- and which parsed values differ (blank = missing); '' means identical (skipped, not a conflict).
create or replace temp table import_stored as
select s.line, s.voucher_no,
    concat_ws(', ',
        case when s.project_code is distinct from d.project_code then 'project_code' end,
        case when s.pay_date is distinct from d.pay_date then 'pay_date' end,
        case when s.amount_yuan is distinct from d.amount_yuan then 'amount_yuan' end,
        case when s.payee is distinct from d.payee then 'payee' end,
        case when s.summary is distinct from d.summary then 'summary' end) as differs
from import_staged s
join disbursements d on d.fiscal_year = s.fiscal_year and d.voucher_no = s.voucher_no
where s.row_ok
order by s.line
