-- new_rows: the staged rows that will be written: valid, and not identical to a stored row
-- (temp table import_stored holds the stored_<kind> comparison). A temp view, import_new.
select s.*
from import_staged s
where s.row_ok
  and not exists (select 1 from import_stored t where t.line = s.line and t.differs = '')
