-- drop_cells: the file's cells (import_file and its views import_lines, import_raw) once the rows are staged,
-- their problems named and the head kept: a gigabyte at 10 million rows that a write would spill to disk.
drop view import_raw;
drop view import_lines;
drop table import_file;
