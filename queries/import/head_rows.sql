-- head_rows: the first rows of the file as read (temp table import_head, kept by keep_head.sql), for the
-- import page's preview (spending.ingest.Parsed.preview_rows names their columns in Chinese).
select * from import_head order by line
