-- most_behind: the $limit projects furthest behind plan in money (gap_wan, 万元) at the end of
-- month $month of fiscal year $year (总览 page), of the sections in $scope (NULL = all).
select section, project_code, project_name, gap_wan, deviation_pp, actual_pct, plan_pct, status
from project_pace($year, $yellow::decimal(18, 6), $red::decimal(18, 6))
where as_of_month = $month and gap_wan > 0
  and ($scope::varchar[] is null or list_contains($scope::varchar[], section))
order by gap_wan desc, project_code
limit $limit
