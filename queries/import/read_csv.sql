-- read_csv: a regular UTF-8 CSV read by DuckDB as import_file ({names}: its columns c0, c1, … named;
-- {columns}: every column VARCHAR; {max_line}: files.MAX_CELL_CHARS). Fails on ragged or irregular lines.
create or replace temp table import_file as
select {names}
from read_csv($path, header = false, skip = $skip, delim = ',', quote = '"', escape = '"',
              null_padding = false, auto_detect = false, strict_mode = true, max_line_size = {max_line},
              columns = {columns})
