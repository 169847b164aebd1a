-- base_tables: the name of every table (not view) of this database.
select table_name from information_schema.tables where table_type = 'BASE TABLE' and table_catalog = current_database()
