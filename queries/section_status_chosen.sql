-- section_status_chosen: `sections --source/--direct` (SPEC §5): 科室汇总 at the end of month $month of fiscal year
-- $year counting only the money of the sources in $sources / 直达资金 when $direct (pace_rollup by section);
-- the columns of section_status.
select fiscal_year, strftime(make_date($year, $month, 1), '%Y-%m') as as_of, as_of_month,
    group_code as section, projects,
    budget_wan, actual_wan, actual_pct, plan_pct, deviation_pp,
    on_track, lagging, severe, overspent,
    time_pct, plan_wan, gap_wan, status, unbudgeted_wan
from pace_rollup($year, $month, $yellow::decimal(18, 6), $red::decimal(18, 6), null, null,
                 $sources::varchar[], $direct::boolean, false)
order by deviation_pp asc nulls last, section
