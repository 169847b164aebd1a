-- warnings: every project behind plan or overspent at the end of month $month of fiscal year $year
-- (预警), of the sections in $scope (NULL: all), with its figures and its status in the two months
-- before (status_1: month − 1, status_2: month − 2; NULL before January) for the rule
-- "滞后 three months in a row is 红色" (notices.level).
with pace as (
    select *
    from project_pace($year, $yellow::decimal(18, 6), $red::decimal(18, 6))
    where as_of_month between $month - 2 and $month
      and ($scope::varchar[] is null or list_contains($scope::varchar[], section))
)
select n.fiscal_year, n.as_of_month as month, n.section, n.project_code, n.project_name,
       round(n.budget_wan, 6) as budget_wan, round(n.actual_wan, 6) as actual_wan,
       round(n.actual_pct, 2) as actual_pct, round(n.plan_pct, 2) as plan_pct,
       round(n.deviation_pp, 2) as deviation_pp, round(n.gap_wan, 6) as gap_wan, n.status,
       b1.status as status_1, b2.status as status_2
from pace n
left join pace b1 on b1.project_code = n.project_code and b1.as_of_month = $month - 1
left join pace b2 on b2.project_code = n.project_code and b2.as_of_month = $month - 2
where n.as_of_month = $month and n.status not in ('on_track', 'no_plan')   -- no plan is never behind it
order by n.section, n.project_code
