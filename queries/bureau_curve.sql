-- bureau_curve: the whole bureau (全局合计) for every month of fiscal year $year: the
-- cumulative curve of the 总览 page and its KPIs (the row of the as-of month, and the one before).
-- $scope: the sections a user may see (NULL = all; a section user's 全局 is its own sections).
-- gap_wan nets the projects behind (behind_wan, behind_projects) against those ahead (ahead_wan, ahead_projects).
select as_of_month, projects, budget_wan, actual_wan, plan_wan, gap_wan, behind_wan, ahead_wan,
       behind_projects, ahead_projects,
       actual_pct, plan_pct, time_pct, deviation_pp, on_track, lagging, severe, overspent, no_plan, status
from section_pace($year, $yellow::decimal(18, 6), $red::decimal(18, 6), false, $scope::varchar[])
order by as_of_month
