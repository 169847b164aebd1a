-- spending_plan_rows: how many rows of a 用款计划 hold something (its amount cells' distinct lines).
select count(distinct line) from import_plan_cells
