-- checkpoint_months: the months in which some project of fiscal year $year (of section
-- $section, when given; of the sections in $scope, NULL = all) has a planned checkpoint; the curves mark them.
select distinct c.month
from plan_checkpoints c
join projects p using (fiscal_year, project_code)
where c.fiscal_year = $year
  and ($section::varchar is null or p.section = $section)
  and ($scope::varchar[] is null or list_contains($scope::varchar[], p.section))
order by c.month
