-- repeated_count: how many rows repeat a key given earlier in the file (temp table import_repeated).
select count(*) from import_repeated
