-- new_budget_of: the written plan row of a project (its line and budget), for the negative-budget report.
select line, budget_wan from import_new where fiscal_year = $year and project_code = $code
