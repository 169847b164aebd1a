-- drop_by_name: import_by_name (names_matched.sql) once its rows are reported.
drop table import_by_name
