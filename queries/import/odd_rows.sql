-- odd_rows: of the file's rows (temp view import_lines), how many DuckDB read and how many are odd, looked at by
-- themselves: the 合计/小计/总计 lines (total_rows.sql) and the rows a key or code of which ($codes) may hold a line
-- break (key_line_breaks.sql checks each column: a break inside any of them is one inside their concatenation).
-- Reads only the cells it needs and no line number, so that DuckDB reads the file on every thread; marks.sql keeps
-- the odd rows (the same condition) when there is one.
select count(*) as rows_read, count(*) filter (where odd) as odd_rows
from (select coalesce(is_total_row(first_cell, project_code, key_cell), false)
             or coalesce(line_break_inside(keys), false) as odd
      from (select first_cell, project_code, key_cell, concat_ws(chr(31), *columns($codes)) as keys  -- made once
            from import_lines))
