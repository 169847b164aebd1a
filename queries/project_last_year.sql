-- project_last_year: project $code's execution in each month of fiscal year $year (the 项目 page passes
-- the year before, for a project that continues under the same 项目编码): paid in the month, paid to
-- date, executed %, plan % and status at each month's end. No rows when the project was not in that year.
select p.as_of_month, p.project_name, p.section, p.budget_wan,
       round2(coalesce(m.amount_yuan, 0) * 100, 1000000) as paid_in_month_wan,
       p.actual_wan, p.actual_pct, p.plan_pct, p.deviation_pp, p.status
from project_pace($year, $yellow::decimal(18, 6), $red::decimal(18, 6)) p
left join monthly_actuals m
       on m.fiscal_year = p.fiscal_year and m.project_code = p.project_code and m.month = p.as_of_month
where p.project_code = $code
order by p.as_of_month
