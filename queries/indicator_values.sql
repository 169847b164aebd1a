-- indicator_values: every indicator of fiscal year $year (of project $code when given) with its
-- latest actual value entered for a month up to $month, and who entered it. The status is
-- rules.indicator_status (it compares the symbol, the target and the value). Of the sections in
-- $scope (NULL = all).
select i.project_code, p.project_name, p.section, i.seq, i.level_1, i.level_2, i.level_3,
       i.symbol, i.target_value, i.unit,
       a.month as value_month, a.actual_value, a.judged_status, a.entered_by, a.entered_at
from indicators i
join projects p on p.fiscal_year = i.fiscal_year and p.project_code = i.project_code
left join (
    select * from indicator_actuals
    where fiscal_year = $year and month <= $month
    qualify row_number() over (partition by project_code, seq order by month desc) = 1
) a on a.project_code = i.project_code and a.seq = i.seq
where i.fiscal_year = $year
  and ($code::varchar is null or i.project_code = $code)
  and ($scope::varchar[] is null or list_contains($scope::varchar[], p.section))
order by p.section, i.project_code, i.seq
