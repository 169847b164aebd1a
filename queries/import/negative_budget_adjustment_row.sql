-- negative_budget_adjustment_row: the file's last adjustment of project $code in $year up to $day, the day its
-- adjusted budget goes below 0 (negative_budgets.sql): its line and 调整金额.
select line, amount_wan from import_new
where fiscal_year = $year and project_code = $code and effective_date <= $day
order by effective_date desc, line desc
limit 1
