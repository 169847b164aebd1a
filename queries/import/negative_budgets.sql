-- negative_budgets: projects whose adjusted budget (initial + adjustments up to a date, all of
-- one day's together) is below 0 at some date, with the first such date. Run inside an import
-- or undo transaction, after writing: any row here rolls the change back (SPEC §2).
with
per_day as (
    select fiscal_year, project_code, effective_date, sum(amount_yuan) as moved
    from adjustments
    group by all
),
running as (
    select d.fiscal_year, d.project_code, d.effective_date,
           p.budget_yuan + sum(d.moved) over (partition by d.fiscal_year, d.project_code
                                              order by d.effective_date) as budget_yuan
    from per_day d
    join projects p on p.fiscal_year = d.fiscal_year and p.project_code = d.project_code
)
select fiscal_year, project_code, min(effective_date) as first_negative_date
from running
where budget_yuan < 0
group by all
order by all
