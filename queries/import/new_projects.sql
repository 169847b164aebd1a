-- new_projects: the years and projects of the rows written.
select distinct fiscal_year, project_code from import_new
