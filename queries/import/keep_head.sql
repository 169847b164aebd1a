-- keep_head: the first $rows rows as read (temp view import_raw, which gives them in file order: only they are
-- read) into the temp table import_head, for the import page; the file's cells are then dropped (drop_cells.sql).
create or replace temp table import_head as select * from (select * from import_raw limit $rows) order by line
