-- keep_plan_versions: the stored projects the plan batch $batch is about to replace, as they are,
-- so that undoing the batch brings them back.
insert into plan_versions (replaced_by, fiscal_year, project_code, project_name, section, budget_yuan,
                           purpose, goal_1, goal_2, batch_id, unit_code, unit_name, source, direct)
select $batch, p.fiscal_year, p.project_code, p.project_name, p.section, p.budget_yuan, p.purpose, p.goal_1,
       p.goal_2, p.batch_id, p.unit_code, p.unit_name, p.source, p.direct
from projects p
join import_new n on n.fiscal_year = p.fiscal_year and n.project_code = p.project_code
