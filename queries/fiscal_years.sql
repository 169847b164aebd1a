-- fiscal_years: the years that have a plan, newest first, with the last month that has payments.
select p.fiscal_year,
       count(*) as projects,
       (select max(month) from monthly_actuals m
        where m.fiscal_year = p.fiscal_year and m.amount_yuan <> 0) as last_paid_month
from projects p
group by p.fiscal_year
order by p.fiscal_year desc
