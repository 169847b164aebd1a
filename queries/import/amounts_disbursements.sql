-- amounts_disbursements: the temp view import_amounts, each staged payment's project and amount (project_subtotals.sql).
create or replace temp view import_amounts as
select fiscal_year, project_code, project_name, amount_yuan::decimal(18, 2) as amount_yuan, row_ok from import_staged
