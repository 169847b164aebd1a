-- marked_lines: the lines of the file (temp view import_lines) that a later query looks at by themselves, found in
-- one pass that reads only the cells it needs, into the temp table import_marked(line, odd): odd, the 合计/小计/总计
-- lines (total_rows.sql) and the rows a key or code of which ($codes) may hold a line break (key_line_breaks.sql
-- checks each column: a break inside any of them is one inside their concatenation); and, not odd, the rows from
-- line $last on (a CSV DuckDB reads has a row of its last line only if it read every line as a row; NULL: none).
create or replace temp table import_marked as
select line, odd
from (select line, coalesce(is_total_row(first_cell, project_code, key_cell), false)
                   or coalesce(line_break_inside(keys), false) as odd
      from (select line, first_cell, project_code, key_cell, concat_ws(chr(31), *columns($codes)) as keys  -- made once
            from import_lines))
where odd or line >= $last
