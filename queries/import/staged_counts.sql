-- staged_counts: of the staged file (temp table import_staged), how many rows and how many with a problem.
select count(*) as rows_in_file, count(*) filter (where not row_ok) as bad_rows
from import_staged
