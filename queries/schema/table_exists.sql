-- table_exists: how many tables named $table this database holds (0 before the migration that makes it).
-- duckdb_tables(), as base_tables.sql: information_schema.tables is a view over it and the views (4 ms, not
-- 1 ms, twice for every connection).
select count(*) from duckdb_tables() where table_name = $table and database_name = current_database()
