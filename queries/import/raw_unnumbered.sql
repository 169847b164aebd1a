-- raw_unnumbered: the temp view import_raw as raw_lines.sql makes it, but every line 0 and never read from the file:
-- the staging of a CSV DuckDB reads where it lies (lines_from_csv.sql) then runs on every thread, and the staged rows,
-- kept in file order (one CREATE TABLE … AS SELECT, preserve_insertion_order), take their lines from their rowids
-- (lines_from_rowid.sql). Only for a file without 合计 lines (no row left out before the staging).
create or replace temp view import_raw as
select 0::bigint as line, * exclude (line, key_cell, first_cell) from import_lines
