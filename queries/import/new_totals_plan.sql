-- new_totals_plan: how many plan rows import_new holds (new_rows.sql), the sum of their budgets and of its absolute values.
select count(*), coalesce(sum(budget_yuan), 0), coalesce(sum(abs(budget_yuan)), 0) from import_new
