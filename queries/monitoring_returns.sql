-- monitoring_returns: the 绩效运行监控表 entered for month $month of fiscal year $year (of project
-- $code when given; of the sections in $scope when it is a list): the latest version of each, with the name of
-- the account that entered it (entered_by_name: 填报人 as people read it, the login when the account has no name).
select r.project_code, p.project_name, p.section, r.month, r.version, to_wan(r.forecast_yuan) as forecast_wan,
       r.forecast_method, r.deviation_cause, r.likelihood, r.corrective_action, r.cause_text, r.catch_up_month, r.entered_by, r.entered_at,
       coalesce(a.display_name, r.entered_by) as entered_by_name
from monitoring_returns r
join projects p on p.fiscal_year = r.fiscal_year and p.project_code = r.project_code
left join accounts a on a.email = r.entered_by
where r.fiscal_year = $year and r.month = $month
  and ($code::varchar is null or r.project_code = $code)
  and ($scope::varchar[] is null or list_contains($scope::varchar[], p.section))
qualify r.version = max(r.version) over (partition by r.project_code)
order by p.section, r.project_code
