-- new_projects: the (fiscal year, project) pairs of the rows written (import_new, new_rows.sql).
select distinct fiscal_year, project_code from import_new
