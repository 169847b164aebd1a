-- lines_from_csv: the temp view import_lines over an import_file DuckDB read (file_from_csv.sql): its rows
-- are stored in file order, so a row's line is its rowid after the header's line ({first_line}, a number).
-- {extra}: key_cell, first_cell and amount_next, named from the kind's columns (db.select_list).
create or replace temp view import_lines as select (rowid + {first_line})::bigint as line, *, {extra} from import_file
