-- unit_mismatch: staged payment or adjustment (指标) rows naming a 预算单位 that is not their project's
-- (same_unit, SPEC §5); a project without a unit, or a row naming none, is never a mismatch. The project's unit as 代码 - 名称.
select s.line, coalesce(s.unit_code || ' - ' || s.unit_name, s.unit_code, s.unit_name) as row_unit,
       coalesce(p.unit_code || ' - ' || p.unit_name, p.unit_code, p.unit_name) as project_unit
from import_staged s
join projects p on p.fiscal_year = s.fiscal_year and p.project_code = s.project_code
where s.row_ok
  and coalesce(s.unit_code, s.unit_name) is not null
  and coalesce(p.unit_code, p.unit_name) is not null
  and not same_unit(s.unit_code, s.unit_name, p.unit_code, p.unit_name)
order by s.line
