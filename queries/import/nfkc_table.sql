-- nfkc_table: the odd codes of one column and what files.normalise_code makes of them (filled by nfkc_add).
create or replace temp table import_nfkc (old varchar, new varchar)
