-- preview_rows: the first rows as read (import_head), under the kind's Chinese column names for the
-- import page; {columns} is "<column> as <中文>" for each column the file has (ingest.COLUMNS).
select line as "行号", {columns} from import_head order by line
