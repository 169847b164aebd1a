-- negative_spending: projects of fiscal year $year whose cumulative payments go below 0 at the end
-- of a month up to $month (a reversal or refund stored without the payment it reverses). One row per
-- project: the first such month and the cumulative amount then. For the pages and the import preview;
-- of the sections in $scope (NULL = all).
with cumulative as (
    select fiscal_year, project_code, month,
        sum(amount_yuan) over (partition by fiscal_year, project_code order by month) as cumulative_yuan
    from monthly_actuals
    where fiscal_year = $year and month <= $month
),
first_negative as (
    select fiscal_year, project_code, min(month) as month, arg_min(cumulative_yuan, month) as cumulative_yuan
    from cumulative
    where cumulative_yuan < 0
    group by all
)
select n.fiscal_year, n.project_code, p.project_name, p.section, n.month, n.cumulative_yuan,
    (round(n.cumulative_yuan, -2) / 10000)::decimal(18, 2) as cumulative_wan
from first_negative n
left join projects p on p.fiscal_year = n.fiscal_year and p.project_code = n.project_code
where $scope::varchar[] is null or list_contains($scope::varchar[], p.section)
order by n.fiscal_year, n.project_code
