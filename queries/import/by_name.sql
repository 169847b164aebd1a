-- by_name: the rows matched by project name (names_matched.sql), in file order.
select line, project_name, fiscal_year, plan_code, projects from import_by_name order by line
