-- lines_of_file: import_file with the key, first and amount_next cells ({extra}), as import_lines.
create or replace temp view import_lines as select *, {extra} from import_file
