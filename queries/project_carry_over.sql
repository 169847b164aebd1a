-- project_carry_over: project $code's carry-over payments (跨年/结转期) of fiscal year $year: paid after
-- 31 December, in the next year's first months, from that year's budget (预算年度 $year). No month end of
-- the year counts them (SPEC §1: pay_date <= cut-off); newest first, with what each line's file said.
select d.pay_date, d.voucher_no, d.amount_yuan, d.payee, d.summary,
       nullif(d.line_no, '') as line_no, d.quota_doc_no, d.source, d.direct, d.procurement,
       nullif(concat_ws(' ', d.unit_code, d.unit_name), '') as budget_unit, b.is_sample
from disbursements d
join import_batches b using (batch_id)
where d.fiscal_year = $year and d.project_code = $code and d.pay_date > make_date($year, 12, 31)
order by d.pay_date desc, d.voucher_no desc, d.line_no desc
