-- lines_from_csv: the temp view import_lines over the CSV DuckDB reads (file_from_csv.sql: it has its lines).
-- {extra}: key_cell, first_cell and amount_next, named from the kind's columns (db.select_list).
create or replace temp view import_lines as select *, {extra} from import_csv
