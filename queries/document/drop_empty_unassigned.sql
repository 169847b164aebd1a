-- drop_empty_unassigned: once every project of fiscal year $year has its 科室, the 未分配科室 placeholder goes.
delete from sections
where fiscal_year = $year and section = '未分配科室'
  and not exists (select 1 from projects p where p.fiscal_year = $year and p.section = '未分配科室')
