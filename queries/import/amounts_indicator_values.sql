-- amounts_indicator_values: the temp view import_amounts for indicator values: their projects, no amount (0).
create or replace temp view import_amounts as
select fiscal_year, project_code, null::varchar as project_name, 0::decimal(18, 2) as amount_yuan, row_ok from import_staged
