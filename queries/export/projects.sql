-- projects: the plan of every project with its 12 checkpoint columns (NULL = none), for Parquet; y01 … y12: the
-- cumulative amounts (元) of a 用款计划 in amounts at those checkpoints (migration 018), NULL for a plan in %.
select p.fiscal_year, p.section, p.project_code, p.project_name, p.budget_yuan, p.purpose, p.goal_1, p.goal_2,
       max(c.plan_pct) filter (where c.month = 1) as m01, max(c.plan_pct) filter (where c.month = 2) as m02,
       max(c.plan_pct) filter (where c.month = 3) as m03, max(c.plan_pct) filter (where c.month = 4) as m04,
       max(c.plan_pct) filter (where c.month = 5) as m05, max(c.plan_pct) filter (where c.month = 6) as m06,
       max(c.plan_pct) filter (where c.month = 7) as m07, max(c.plan_pct) filter (where c.month = 8) as m08,
       max(c.plan_pct) filter (where c.month = 9) as m09, max(c.plan_pct) filter (where c.month = 10) as m10,
       max(c.plan_pct) filter (where c.month = 11) as m11, max(c.plan_pct) filter (where c.month = 12) as m12,
       max(c.plan_yuan) filter (where c.month = 1) as y01, max(c.plan_yuan) filter (where c.month = 2) as y02,
       max(c.plan_yuan) filter (where c.month = 3) as y03, max(c.plan_yuan) filter (where c.month = 4) as y04,
       max(c.plan_yuan) filter (where c.month = 5) as y05, max(c.plan_yuan) filter (where c.month = 6) as y06,
       max(c.plan_yuan) filter (where c.month = 7) as y07, max(c.plan_yuan) filter (where c.month = 8) as y08,
       max(c.plan_yuan) filter (where c.month = 9) as y09, max(c.plan_yuan) filter (where c.month = 10) as y10,
       max(c.plan_yuan) filter (where c.month = 11) as y11, max(c.plan_yuan) filter (where c.month = 12) as y12
from projects p
left join plan_checkpoints c on c.fiscal_year = p.fiscal_year and c.project_code = p.project_code
group by all
