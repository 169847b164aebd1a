-- flagged_projects: the $limit projects lagging or severely lagging behind plan, or overspent, at the
-- end of month $month of fiscal year $year, of the sections in $scope (NULL = all): 总览's first
-- screen (issue 37). amount_wan (万元) is how far behind plan (gap_wan) for lagging and severe, how
-- far past the budget (actual − budget) for overspent; the largest first.
select section, project_code, project_name, status, deviation_pp,
       case when status = 'overspent' then actual_wan - budget_wan else gap_wan end as amount_wan
from project_pace($year, $yellow::decimal(18, 6), $red::decimal(18, 6))
where as_of_month = $month and status in ('lagging', 'severe', 'overspent')
  and ($scope::varchar[] is null or list_contains($scope::varchar[], section))
order by amount_wan desc, project_code
limit $limit
