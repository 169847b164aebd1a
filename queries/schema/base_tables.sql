-- base_tables: the name of every table (not view) of this database.
select table_name from duckdb_tables() where database_name = current_database()
