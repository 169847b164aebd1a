-- negative_spending (import preview): the projects of the file (temp view import_new) whose cumulative
-- payments would go below 0 at the end of some month once the file is written: a reversal without its
-- payment. Run inside the preview's transaction, after the write; a warning, not a reason to reject.
with touched as (
    select distinct fiscal_year, project_code from import_new
),
cumulative as (
    select m.fiscal_year, m.project_code, m.month,
        sum(m.amount_yuan) over (partition by m.fiscal_year, m.project_code order by m.month) as cumulative_yuan
    from monthly_actuals m
    join touched t using (fiscal_year, project_code)
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
order by n.fiscal_year, n.project_code
