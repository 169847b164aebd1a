-- marks: the odd rows odd_rows.sql counted (the same condition: a 合计/小计/总计 line, a line break in a key or code
-- of $codes), with their cells and lines, into the temp table import_marks, for total_rows.sql, total_with_data.sql
-- and key_line_breaks.sql. Run only when there is one: it reads the file again, with its line numbers.
create or replace temp table import_marks as
select * from import_lines
where is_total_row(first_cell, project_code, key_cell) or line_break_inside(concat_ws(chr(31), *columns($codes)))
