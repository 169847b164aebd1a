-- project_month_too_large: payments whose project-month total (stored plus the file's new rows, temp view
-- import_new) would reach 10^14 yuan, beyond what the pacing arithmetic (integer fen × 100) can hold;
-- names the file's largest payment of that project and month, and lists all of its lines there.
with added as (
    select fiscal_year, project_code, (year(pay_date) - fiscal_year) * 12 + month(pay_date) as month,   -- as monthly_actuals
        sum(amount_yuan) as amount_yuan,
        arg_max(line, abs(amount_yuan)) as line, arg_max(amount_yuan, abs(amount_yuan)) as largest,
        list(line) as lines
    from import_new
    group by all
)
select a.line, a.project_code, a.largest, a.lines
from added a
left join monthly_actuals m using (fiscal_year, project_code, month)
where abs(a.amount_yuan::decimal(38, 2) + coalesce(m.amount_yuan, 0)) >= 1e14
order by a.line
