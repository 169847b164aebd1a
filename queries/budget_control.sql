-- budget_control: 预算控制率 inputs per section and (section NULL) for the bureau: initial budgets
-- and 本年追加预算 (the sum of positive adjustments effective up to the end of month $month).
-- Exact yuan; rules.budget_control turns them into the rate and the document's score.
-- Of the sections in $scope (NULL = all; the "bureau" row then sums those sections).
with
additions as (
    select fiscal_year, project_code, sum(amount_yuan) as added_yuan
    from adjustments
    where fiscal_year = $year and amount_yuan > 0
      and effective_date <= last_day(make_date($year, $month, 1))
    group by all
)
select p.section, sum(p.budget_yuan) as initial_yuan, coalesce(sum(a.added_yuan), 0) as added_yuan
from projects p
left join additions a on a.fiscal_year = p.fiscal_year and a.project_code = p.project_code
where p.fiscal_year = $year
  and ($scope::varchar[] is null or list_contains($scope::varchar[], p.section))
group by grouping sets ((p.section), ())
order by p.section nulls first
