-- undo_plan_remove_checkpoints: the checkpoints of the projects plan batch $batch holds.
delete from plan_checkpoints c
using projects p
where p.batch_id = $batch and c.fiscal_year = p.fiscal_year and c.project_code = p.project_code
