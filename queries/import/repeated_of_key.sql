-- repeated_of_key: the repeated rows of the file (repeated_rows.sql) by the kind's key, {key} a struct of
-- its key columns (ingest.KEYS), as temp table import_repeated.
create or replace temp table import_repeated as select * from repeated_rows({key})
