-- undo_plan_restore_checkpoints: the checkpoints of those versions, back in place.
insert into plan_checkpoints (fiscal_year, project_code, month, plan_pct, batch_id, plan_yuan)
select fiscal_year, project_code, month, plan_pct, batch_id, plan_yuan
from plan_checkpoint_versions
where replaced_by = $batch
