-- lines: the temp view import_lines over an import_file read in Python (file_from_rows.sql: it has its lines).
-- {extra}: as in lines_from_csv.sql.
create or replace temp view import_lines as select *, {extra} from import_file
