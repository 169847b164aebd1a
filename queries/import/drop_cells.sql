-- drop_cells: the file's cells (import_file, or the view import_csv of a CSV DuckDB reads, and their views
-- import_lines, import_raw; the odd rows of import_marks) once the rows are staged, their problems named and the head
-- kept: at 10 million rows, a gigabyte of import_file that a write would spill to disk.
drop view import_raw;
drop view import_lines;
drop view if exists import_csv;
drop table if exists import_file;
drop table if exists import_marks;
