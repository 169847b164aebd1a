-- drop_table: a temp table of the import, once it is no longer needed ({table}: its name).
drop table {table}
