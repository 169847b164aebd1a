-- unit_status: the `units` rollup (SPEC §5, the 支出进度排名 the bureau publishes) at the end of month $month of
-- fiscal year $year: per 预算单位 its sections and projects, money and pace summed as 科室汇总 (SPEC §1), the
-- projects by status, and its rank by 执行率 (1 = highest; ties share a rank). Of the sections in $scope (a section
-- user's own; NULL = all), counting only the sources in $sources / 直达资金 when $direct. Highest 执行率 first.
select fiscal_year, strftime(make_date($year, $month, 1), '%Y-%m') as as_of, as_of_month,
    group_code as unit_code, group_name as unit_name, sections, projects,
    budget_wan, actual_wan, actual_pct, plan_pct, deviation_pp, gap_wan,
    on_track, lagging, severe, overspent, no_plan, rank,
    time_pct, time_deviation_pp, plan_wan, status, unbudgeted_wan
from pace_rollup($year, $month, $yellow::decimal(18, 6), $red::decimal(18, 6), $scope::varchar[], null,
                 $sources::varchar[], $direct::boolean, true)
order by rank, unit_code nulls last, unit_name
