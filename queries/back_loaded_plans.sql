-- back_loaded_plans: projects of fiscal year $year that plan to pay less than half of their
-- budget by the end of month $by_month (集中在年底支出), most back-loaded first; of the sections
-- in $scope (NULL = all).
select section, project_code, project_name, budget_wan, plan_pct as plan_pct_by_then
from project_pace($year, 10, 20)
where as_of_month = $by_month and plan_pct < 50
  and ($scope::varchar[] is null or list_contains($scope::varchar[], section))
order by plan_pct, budget_wan desc
