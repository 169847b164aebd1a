-- section_status: 科室汇总 at the end of month $month of fiscal year $year, one row per
-- section that has projects that year (of the sections in $scope; NULL = all); the last four
-- columns count projects by status (no_plan, 未编制计划, after them: not a `sections` CSV column).
select
    fiscal_year, strftime(make_date(fiscal_year, as_of_month, 1), '%Y-%m') as as_of, as_of_month,
    section, projects,
    budget_wan, actual_wan, actual_pct, plan_pct, deviation_pp,
    on_track, lagging, severe, overspent, no_plan,
    time_pct, plan_wan, gap_wan, status
from section_pace($year, $yellow::decimal(18, 6), $red::decimal(18, 6), true, $scope::varchar[])
where as_of_month = $month
order by deviation_pp asc nulls last, section
