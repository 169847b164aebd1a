-- raw_all: import_lines without its helper cells, as import_raw (the file has no total lines).
create or replace temp view import_raw as select * exclude (key_cell, first_cell) from import_lines
