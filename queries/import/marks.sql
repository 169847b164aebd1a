-- marks: the cells of the odd rows marked_lines.sql found (temp table import_marked: a 合计/小计/总计 line, a line
-- break in a key or code) into the temp table import_marks, for total_rows.sql, total_with_data.sql and
-- key_line_breaks.sql. Run only when there is one: it reads every cell of the file again.
create or replace temp table import_marks as
select * from import_lines where line in (select line from import_marked where odd)
