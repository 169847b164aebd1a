-- unit_choices: the 预算单位 of fiscal year $year's projects (of the sections in $scope: a section user's own), each
-- with its projects, for the pages' unit filter and the check of an address naming a unit.
select unit_code, any_value(unit_name order by unit_name) as unit_name, count(*) as projects
from projects
where fiscal_year = $year and unit_code is not null
  and ($scope::varchar[] is null or list_contains($scope::varchar[], section))
group by unit_code
order by unit_code
