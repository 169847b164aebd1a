-- file_from_rows: the rows a file reader of spending.files gave (an Arrow table the caller registers as import_rows:
-- line_no, c0, c1, … as text) into the temp table import_file. {columns}: as in file_from_csv.sql.
create or replace temp table import_file as select line_no as line, {columns} from import_rows
