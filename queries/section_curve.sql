-- section_curve: one section's sums for every month of fiscal year $year (科室 page).
select as_of_month, projects, budget_wan, actual_wan, plan_wan, gap_wan, behind_wan, ahead_wan,
       actual_pct, plan_pct, time_pct, deviation_pp, on_track, lagging, severe, overspent, status
from section_pace($year, $yellow::decimal(18, 6), $red::decimal(18, 6), true, [$section]::varchar[])
order by as_of_month
