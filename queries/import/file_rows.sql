-- file_rows: how many rows DuckDB read into import_file (file_from_csv.sql).
select count(*) from import_file
