-- file_from_csv: a CSV whose rows are exactly its lines, read by DuckDB where it lies (csv_source.sql): the
-- temp view import_csv, the cells after the header line as text, in file order, without line numbers (a query that
-- reads only the cells reads the file on every thread; lines_from_csv.sql numbers the rows). No copy of the file is
-- made: each query over the view reads the file again (odd_rows.sql once, the staging once, the head its first rows),
-- strict (a ragged row, a byte that is not UTF-8 or a line longer than the maximum fails: the file is then read in
-- Python). {columns}: the kind's columns taken from the file's cells (db.select_list: names vary with the file).
create or replace temp view import_csv as
select {columns}
from read_csv(getvariable('import_csv').path, header = false, skip = getvariable('import_csv').skip, delim = ',',
              quote = '"', escape = '"', null_padding = false, auto_detect = false, strict_mode = true,
              max_line_size = getvariable('import_csv').max_line, columns = getvariable('import_csv').types)
