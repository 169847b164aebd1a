-- table_exists: how many tables named $table this database holds (0 before the migration that makes it).
select count(*) from information_schema.tables where table_name = $table and table_catalog = current_database()
