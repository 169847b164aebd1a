-- undo_plan_restore_projects: the versions of the projects plan batch $batch replaced, back in place.
insert into projects (fiscal_year, project_code, project_name, section, budget_yuan, purpose, goal_1, goal_2, batch_id,
                      unit_code, unit_name, source, direct)
select fiscal_year, project_code, project_name, section, budget_yuan, purpose, goal_1, goal_2, batch_id,
       unit_code, unit_name, source, direct
from plan_versions
where replaced_by = $batch
