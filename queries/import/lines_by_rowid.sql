-- lines_by_rowid: the lines of a CSV that DuckDB read (import_file, in file order), each numbered as the
-- file numbers it: {first_line} is the line after the header. {extra}: the key, first and amount_next cells.
create or replace temp view import_lines as
select (rowid + {first_line})::bigint as line, *, {extra} from import_file
