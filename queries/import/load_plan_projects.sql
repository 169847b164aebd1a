-- load_plan_projects: insert new projects, or replace name, section, initial budget (and the
-- 资金用途/goals, the 预算单位 and the 资金来源/直达 when the file has those columns: $has_* flags) of stored ones.
insert into projects (fiscal_year, project_code, project_name, section, budget_yuan, purpose, goal_1, goal_2, batch_id,
                      unit_code, unit_name, source, direct)
select fiscal_year, project_code, project_name, section, budget_yuan, purpose, goal_1, goal_2, $batch,
       unit_code, unit_name, source, direct
from import_new
on conflict (fiscal_year, project_code) do update set
    project_name = excluded.project_name,
    section = excluded.section,
    budget_yuan = excluded.budget_yuan,
    purpose = case when $has_purpose then excluded.purpose else projects.purpose end,
    goal_1 = case when $has_goal_1 then excluded.goal_1 else projects.goal_1 end,
    goal_2 = case when $has_goal_2 then excluded.goal_2 else projects.goal_2 end,
    unit_code = case when $has_unit then excluded.unit_code else projects.unit_code end,
    unit_name = case when $has_unit then excluded.unit_name else projects.unit_name end,
    source = case when $has_source then excluded.source else projects.source end,
    direct = case when $has_direct then excluded.direct else projects.direct end,
    batch_id = excluded.batch_id
