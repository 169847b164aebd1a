-- project_payments: one project's payments up to the end of month $month, newest first,
-- with a flag for rows that came in as sample data. Single payments stay in 元 (390.17, not 0.04 万元).
-- Each line with what its file said (SPEC §5): its detail line, 指标文号, source, 直达, 政府采购, 预算单位.
select d.pay_date, d.voucher_no, d.amount_yuan, d.payee, d.summary,
       nullif(d.line_no, '') as line_no, d.quota_doc_no, d.source, d.direct, d.procurement,
       nullif(concat_ws(' ', d.unit_code, d.unit_name), '') as budget_unit, b.is_sample
from disbursements d
join import_batches b using (batch_id)
where d.fiscal_year = $year and d.project_code = $code
  and d.pay_date <= last_day(make_date($year, $month, 1))
order by d.pay_date desc, d.voucher_no desc, d.line_no desc
