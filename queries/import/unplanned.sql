-- unplanned: staged payment or adjustment rows whose project has no plan in that fiscal year.
select s.line, s.project_code, s.fiscal_year
from import_staged s
where s.row_ok
  and not exists (select 1 from projects p
                  where p.fiscal_year = s.fiscal_year and p.project_code = s.project_code)
order by s.line
