-- raw_lines: the temp view import_raw, the file's rows (import_lines without its helper columns) when
-- it has no 合计/小计/总计 line.
create or replace temp view import_raw as select * exclude (key_cell, first_cell) from import_lines
