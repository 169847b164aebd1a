-- section_dues: per section in $scope (NULL: all), the reply-by date of its inquiries of month $month of $year
-- (the earliest, as its 问询函 says): the one date the 按科室分发 packet names too (issue 36).
select section, min(due) as due
from inquiries
where fiscal_year = $year and month = $month
  and ($scope::varchar[] is null or list_contains($scope::varchar[], section))
group by section
