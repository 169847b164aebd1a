-- stored_disbursements: staged payments whose key (fiscal year, voucher_no, line_no) is already stored,
-- and which parsed values differ (blank = missing); '' means identical (skipped, not a conflict).
-- A voucher stored as one payment without a detail line ('') and given lines in the file (or the other way
-- round) is a conflict on line_no, never a second payment: the first such stored line is compared.
create or replace temp table import_stored as
select s.line, s.voucher_no, d.line_no,   -- the stored line compared (conflicts_disbursements.sql)
    concat_ws(', ',
        case when s.project_code is distinct from d.project_code then 'project_code' end,
        case when s.pay_date is distinct from d.pay_date then 'pay_date' end,
        case when s.amount_yuan is distinct from d.amount_yuan then 'amount_yuan' end,
        case when s.payee is distinct from d.payee then 'payee' end,
        case when s.summary is distinct from d.summary then 'summary' end,
        case when s.line_no <> d.line_no then 'line_no' end,
        case when s.quota_doc_no is distinct from d.quota_doc_no then 'quota_doc_no' end,
        case when s.source is distinct from d.source then 'source' end,
        case when s.direct is distinct from d.direct then 'direct' end,
        case when s.procurement is distinct from d.procurement then 'procurement' end,
        case when s.unit_code is distinct from d.unit_code then 'unit_code' end,
        case when s.unit_name is distinct from d.unit_name then 'unit_name' end) as differs
from import_staged s
join disbursements d on d.fiscal_year = s.fiscal_year and d.voucher_no = s.voucher_no
    and (d.line_no = s.line_no or d.line_no = '' or s.line_no = '')
where s.row_ok
qualify row_number() over (partition by s.line order by d.line_no = s.line_no desc, d.line_no) = 1
order by s.line
