-- nfkc_table: the temp table import_nfkc, the odd values of a column and what they normalise to.
create or replace temp table import_nfkc (old varchar, new varchar)
