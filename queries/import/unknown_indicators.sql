-- unknown_indicators: staged indicator values whose project has no indicator of that 序号 in
-- that fiscal year.
select s.line, s.seq, s.project_code, s.fiscal_year
from import_staged s
where s.row_ok
  and not exists (select 1 from indicators i
                  where i.fiscal_year = s.fiscal_year and i.project_code = s.project_code and i.seq = s.seq)
order by s.line
