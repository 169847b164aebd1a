-- project_detail: one project's plan as stored: names, initial budget, 资金用途, 绩效目标.
select fiscal_year, project_code, project_name, section, to_wan(budget_yuan) as initial_budget_wan,
       purpose, goal_1, goal_2
from projects
where fiscal_year = $year and project_code = $code
