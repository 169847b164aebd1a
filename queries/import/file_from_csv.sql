-- file_from_csv: a CSV whose rows are exactly its lines read by DuckDB into the temp table import_file:
-- the cells after the header line ($skip) as text ($types: c0, c1, … VARCHAR), strict (a ragged row, a byte
-- that is not UTF-8 or a line longer than $max_line fails: the file is then read in Python).
-- {columns}: the kind's columns taken from the file's cells (db.select_list: names vary with the file).
create or replace temp table import_file as
select {columns}
from read_csv($path, header = false, skip = $skip, delim = ',', quote = '"', escape = '"', null_padding = false,
              auto_detect = false, strict_mode = true, max_line_size = $max_line, columns = $types)
