-- names_matched: the staged payments that name their project (project_name) but give no code, with the
-- projects of exactly that name in the plan of the payment's year: how many, and the code when one.
create or replace temp table import_by_name as
select s.line, s.project_name, s.fiscal_year, count(p.project_code) as projects,
    case when count(p.project_code) = 1 then any_value(p.project_code) end as plan_code
from import_staged s
left join projects p on p.fiscal_year = s.fiscal_year and p.project_name = s.project_name
where s.row_ok and s.project_code is null and s.project_name is not null
group by s.line, s.project_name, s.fiscal_year
