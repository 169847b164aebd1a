-- mark_repeated: a later row of a key given more than once in the file is not ok; first_line
-- names the row that gave the key first (temp table import_repeated, from repeated_rows.sql).
update import_staged s
set first_line = r.first_line, row_ok = false
from import_repeated r
where s.line = r.line
