-- keep_head: the first {rows} rows as read (ingest.HEAD_ROWS), all the import page shows once the rows are staged.
create or replace temp table import_head as select * from import_raw order by line limit {rows}
