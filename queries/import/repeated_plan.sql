-- repeated_plan: the good staged rows whose key (fiscal year, project_code) an earlier good row
-- of the file already has, with that row's line as first_line.
with keys as (
    select fiscal_year, project_code, min(line) as first_line
    from import_staged
    where row_ok
    group by all
    having count(*) > 1
)
select s.line, k.first_line
from import_staged s
join keys k using (fiscal_year, project_code)
where s.row_ok and s.line <> k.first_line
