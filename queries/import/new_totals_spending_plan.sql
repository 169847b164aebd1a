-- new_totals_spending_plan: of a 用款计划 in amounts (stage_spending_plan.sql), the rows import_new holds (new_rows.sql):
-- the planned amounts' total (each project's cumulative planned amount at its last checkpoint) and, beside it, the
-- adjusted budgets (年初预算数 + the year's adjustments) of those projects. new_totals_plan's sum is the budgets.
select coalesce(sum(planned_yuan), 0)::decimal(18, 2), coalesce(sum(adjusted_yuan), 0)::decimal(18, 2) from import_new
