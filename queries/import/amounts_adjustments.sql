-- amounts_adjustments: the temp view import_amounts, each staged adjustment's project and amount in 元
-- (project_subtotals.sql); an adjustment file names no project.
create or replace temp view import_amounts as
select fiscal_year, project_code, null::varchar as project_name, amount_yuan::decimal(18, 2) as amount_yuan, row_ok
from import_staged
