-- spending_plan_problems: the problems of a 用款计划's cells and rows (import_plan_matched): year, project,
-- period, amount, a (project, month) given twice, a project planned both by month and by quarter.
create or replace temp table import_plan_problems as
with
cells as (
    select line, 'fiscal_year' as column_name, year_text as value, year_error as code, NULL::integer as first, fiscal_year
    from import_plan_matched where year_error is not null
    union all
    select line, 'project_code', code, 'unplanned', NULL, fiscal_year from import_plan_matched
    where year_error is null and code is not null and project_code is null
    union all
    select line, 'project_name', name, case when matches = 0 then 'name_unknown' else 'name_ambiguous' end, matches,
        fiscal_year
    from import_plan_matched where year_error is null and code is null and name is not null and matches <> 1
    union all
    select line, 'project_code', NULL, 'plan_no_project', NULL, fiscal_year from import_plan_matched where code is null and name is null
    union all
    select line, case when quarterly then 'quarter' else 'month' end, coalesce(month_text, quarter_text), period_error, NULL,
        fiscal_year
    from import_plan_matched where period_error is not null
    union all
    select line, column_name, amount_text, amount_error, NULL, fiscal_year from import_plan_matched
    where amount_error is not null and period_error is null
),
ranked as (      -- a (project, month) given twice: the later line is the problem
    select line, column_name, amount_text, fiscal_year, project_code, month,
        min(line) over (partition by fiscal_year, project_code, month) as first
    from import_plan_matched
    where project_code is not null and month is not null and period_error is null
),
mixed as (
    select fiscal_year, project_code, max(line) as line
    from import_plan_matched where project_code is not null and period_error is null
    group by all having count(distinct quarterly) > 1
)
select line, column_name, value, code, first, fiscal_year from cells
union all
select line, column_name, amount_text, 'plan_period_twice', first, fiscal_year from ranked where line <> first
union all
select line, 'quarter', NULL, 'plan_mixed', NULL, fiscal_year from mixed
