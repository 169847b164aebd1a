-- table_exists: how many tables named $table this database holds (0 before the migration that makes it).
-- duckdb_tables() rather than information_schema.tables (a view over it and the views): 1 ms, not 4 ms,
-- twice for every connection.
select count(*) from duckdb_tables() where table_name = $table and database_name = current_database()
