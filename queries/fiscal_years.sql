-- fiscal_years: the years that have a plan, newest first, with the last month that has payments
-- and the day of the last payment imported (数据截至).
with
paid as (
    select fiscal_year, max(pay_date) as last_pay_date from disbursements group by fiscal_year
),
planned as (
    select fiscal_year, count(*) as projects from projects group by fiscal_year
)
select p.fiscal_year, p.projects,
       (select case when max(month) > 12 then 12 else max(month) end from monthly_actuals m   -- 13..18: carry-over months, so December is in
        where m.fiscal_year = p.fiscal_year and m.amount_yuan <> 0) as last_paid_month,
       d.last_pay_date
from planned p
left join paid d using (fiscal_year)
order by p.fiscal_year desc
