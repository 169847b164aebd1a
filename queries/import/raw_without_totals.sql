-- raw_without_totals: import_lines without its total lines and its helper cells, as import_raw.
create or replace temp view import_raw as
select * exclude (key_cell, first_cell) from import_lines
where not coalesce(is_total_row(first_cell, project_code, key_cell), false)
