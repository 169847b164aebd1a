-- skipped_count: staged rows identical to a stored row (temp table import_stored): skipped, not written.
select count(*) from import_stored where differs = ''
