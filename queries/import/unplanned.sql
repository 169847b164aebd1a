-- unplanned: staged payment or adjustment rows whose project has no plan in that fiscal year.
select s.line, s.project_code, s.fiscal_year
from import_staged s
anti join projects p on p.fiscal_year = s.fiscal_year and p.project_code = s.project_code
where s.row_ok
order by s.line
