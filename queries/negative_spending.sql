-- negative_spending: projects of fiscal year $year whose cumulative payments go below 0 at the end
-- of a month up to $month (a reversal or refund stored without the payment it reverses). One row per
-- project: the first such month and the cumulative amount then. For the pages and the import preview;
-- of the sections in $scope (NULL = all). Read from pace_cache, which holds every project's cumulative
-- payments at every month end (actual_fen, actual_wan) and is kept in step in each writer's transaction.
select fiscal_year, project_code, project_name, section,
    min(as_of_month) as month,
    arg_min(actual_fen, as_of_month) * 0.01 as cumulative_yuan,
    arg_min(actual_wan, as_of_month) as cumulative_wan
from pace_cache
where fiscal_year = $year and as_of_month <= $month and actual_fen < 0
  and ($scope::varchar[] is null or list_contains($scope::varchar[], section))
group by fiscal_year, project_code, project_name, section
order by fiscal_year, project_code
