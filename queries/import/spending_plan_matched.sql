-- spending_plan_matched: each amount cell of a 用款计划 (import_plan_cells) with its project: by code, else by
-- its unique name (and 科室, when given) in the year's plan (matches: how many projects have that name).
create or replace temp table import_plan_matched as
with
by_code as (
    select c.*, p.project_code, 1 as matches
    from import_plan_cells c
    left join projects p on c.code is not null and p.fiscal_year = c.fiscal_year and p.project_code = c.code
    where c.code is not null
),
by_name as (
    select c.*, min(p.project_code) as project_code, count(p.project_code) as matches
    from import_plan_cells c
    left join projects p on p.fiscal_year = c.fiscal_year and p.project_name = c.name
                        and (c.section is null or p.section = c.section)
    where c.code is null and c.name is not null
    group by all
)
select * from by_code
union all by name
select * from by_name
union all by name
select c.*, NULL as project_code, 0 as matches from import_plan_cells c where c.code is null and c.name is null
