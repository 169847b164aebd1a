-- lines_from_csv: the temp view import_lines over the CSV DuckDB reads (file_from_csv.sql), each row with its line
-- (rows come in file order: the first is the line after the header's, {header_line}, a number). The line numbers are
-- a streaming window (row_number() over ()), which DuckDB runs on one thread: a query that reads them runs on one
-- thread; one that does not (odd_rows.sql, the staging over raw_unnumbered.sql) reads the file on every thread.
-- {extra}: key_cell, first_cell and amount_next, named from the kind's columns (db.select_list).
create or replace temp view import_lines as
select (row_number() over () + {header_line})::bigint as line, *, {extra} from import_csv
