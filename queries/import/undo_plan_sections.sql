-- undo_plan_sections: sections plan batch $batch added that no project names any more.
delete from sections s
where s.batch_id = $batch
  and not exists (select 1 from projects p where p.fiscal_year = s.fiscal_year and p.section = s.section)
