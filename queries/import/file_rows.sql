-- file_rows: the rows DuckDB read into import_file.
select count(*) from import_file
