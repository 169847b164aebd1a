-- file_from_csv: a CSV whose rows are exactly its lines, read by DuckDB where it lies (csv_source.sql): the
-- temp view import_csv, the cells after the header line as text, each row's line beside them (rows come in file
-- order: the first is the line after the header's, {header_line}, a number). No copy of the file is made: each query
-- over the view reads the file again (odd_rows.sql once, the staging once, the head its first rows), strict
-- (a ragged row, a byte that is not UTF-8 or a line longer than the maximum fails: the file is then read in Python).
-- The line numbers are a streaming window (row_number() over ()), which DuckDB runs on one thread: a query that
-- reads them (the staging) runs on one thread; one that does not (odd_rows.sql) reads the file on every thread.
-- {columns}: the kind's columns taken from the file's cells (db.select_list: names vary with the file).
create or replace temp view import_csv as
select (row_number() over () + {header_line})::bigint as line, {columns}
from read_csv(getvariable('import_csv').path, header = false, skip = getvariable('import_csv').skip, delim = ',',
              quote = '"', escape = '"', null_padding = false, auto_detect = false, strict_mode = true,
              max_line_size = getvariable('import_csv').max_line, columns = getvariable('import_csv').types)
