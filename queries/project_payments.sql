-- project_payments: one project's payments up to the end of month $month, newest first,
-- with a flag for rows that came in as sample data.
select d.pay_date, d.voucher_no, d.amount_yuan / 10000 as amount_wan, d.payee, d.summary, b.is_sample
from disbursements d
join import_batches b using (batch_id)
where d.fiscal_year = $year and d.project_code = $code
  and d.pay_date <= last_day(make_date($year, $month, 1))
order by d.pay_date desc, d.voucher_no desc
