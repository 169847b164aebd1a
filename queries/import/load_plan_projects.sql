-- load_plan_projects: insert new projects, or replace name, section, initial budget (and the
-- 资金用途/goals when the file has those columns: $has_* flags) of stored ones.
insert into projects (fiscal_year, project_code, project_name, section, budget_yuan, purpose, goal_1, goal_2, batch_id)
select fiscal_year, project_code, project_name, section, budget_yuan, purpose, goal_1, goal_2, $batch
from import_new
on conflict (fiscal_year, project_code) do update set
    project_name = excluded.project_name,
    section = excluded.section,
    budget_yuan = excluded.budget_yuan,
    purpose = case when $has_purpose then excluded.purpose else projects.purpose end,
    goal_1 = case when $has_goal_1 then excluded.goal_1 else projects.goal_1 end,
    goal_2 = case when $has_goal_2 then excluded.goal_2 else projects.goal_2 end,
    batch_id = excluded.batch_id
