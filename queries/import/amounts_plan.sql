-- amounts_plan: the temp view import_amounts, each staged plan row's project and budget in 元 (project_subtotals.sql).
create or replace temp view import_amounts as
select fiscal_year, project_code, project_name, budget_yuan::decimal(18, 2) as amount_yuan, row_ok from import_staged
