-- amounts_view: the staged rows' amounts in 元 ({amount}) and names ({project_name}), for project_subtotals.sql.
create or replace temp view import_amounts as
select fiscal_year, project_code, {project_name} as project_name, {amount}::decimal(18, 2) as amount_yuan, row_ok
from import_staged
