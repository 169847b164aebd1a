-- mark_not_ok: rows found wrong against the stored data ($lines) are left out of the rows to write, so
-- that a dry run (ingest.preview) can go on with the others and report every problem at once.
update import_staged set row_ok = false where line in (select unnest($lines::bigint[]))
