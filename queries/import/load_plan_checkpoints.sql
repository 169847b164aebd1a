-- load_plan_checkpoints: the new checkpoints of batch $batch, one row per month given.
insert into plan_checkpoints (fiscal_year, project_code, month, plan_pct, batch_id, plan_yuan)
select fiscal_year, project_code, c.month, c.pct, $batch, c.yuan
from (select fiscal_year, project_code, unnest(checkpoints) as c from import_new)
