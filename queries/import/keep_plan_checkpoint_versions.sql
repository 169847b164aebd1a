-- keep_plan_checkpoint_versions: the stored checkpoints of the projects the plan batch $batch is
-- about to replace.
insert into plan_checkpoint_versions (replaced_by, fiscal_year, project_code, month, plan_pct, batch_id, plan_yuan)
select $batch, c.fiscal_year, c.project_code, c.month, c.plan_pct, c.batch_id, c.plan_yuan
from plan_checkpoints c
join import_new n on n.fiscal_year = c.fiscal_year and n.project_code = c.project_code
