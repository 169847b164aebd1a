-- raw_without_totals: the temp view import_raw, the file's rows (import_lines without its helper columns)
-- but its 合计/小计/总计 lines (total_rows.sql).
create or replace temp view import_raw as select * exclude (key_cell, first_cell) from import_lines
where not coalesce(is_total_row(first_cell, project_code, key_cell), false)
