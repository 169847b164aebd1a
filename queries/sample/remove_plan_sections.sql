-- remove_plan_sections: the 科室 that sample plan batch $batch named and that no project uses any more.
delete from sections s
where s.batch_id = $batch
  and not exists (select 1 from projects p where p.fiscal_year = s.fiscal_year and p.section = s.section)
