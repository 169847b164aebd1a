-- new_rows: the staged rows that will be written: valid, and not identical to a stored row
-- (temp table import_stored holds the stored_<kind> comparison). A temp view, import_new.
-- An anti join on the few identical rows: NOT EXISTS here made DuckDB group all 10 million lines first.
create or replace temp view import_new as
select s.*
from import_staged s
anti join (select line from import_stored where differs = '') t on t.line = s.line
where s.row_ok
