-- names_differ: staged payments whose project name (项目名称, or of a 代码 - 名称 cell) is not the name
-- the plan of that year gives the project's code.
select s.line, s.project_name, s.fiscal_year, p.project_name as stored
from import_staged s
join projects p on p.fiscal_year = s.fiscal_year and p.project_code = s.project_code
where s.row_ok and s.project_name is not null and s.project_name <> p.project_name
order by s.line
