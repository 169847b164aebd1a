-- csv_source: the CSV DuckDB reads for an import (file_from_csv.sql), as the cursor's variable import_csv: its
-- $path, the $skip lines before its rows (title rows and header), $max_line (the longest line allowed, bytes)
-- and $types (c0, c1, … VARCHAR). A view takes no parameter: it reads them with getvariable.
set variable import_csv = {'path': $path, 'skip': $skip, 'max_line': $max_line, 'types': $types}
