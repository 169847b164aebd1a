-- negative_budget_plan_row: the plan row of project $code in $year whose budget leaves an adjusted budget
-- below 0 (negative_budgets.sql): its line and 年初预算数.
select line, budget_wan from import_new where fiscal_year = $year and project_code = $code
