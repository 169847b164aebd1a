-- by_name: the payments that name their project only (temp table import_by_name, names_matched.sql), in file order.
select line, project_name, fiscal_year, plan_code, projects from import_by_name order by line
