-- project_curve: one project for every month of fiscal year $year (项目 page): plan, actual,
-- 序时, and what the next checkpoint still needs.
select as_of_month, section, project_name, budget_wan, actual_wan, plan_wan, gap_wan,
       actual_pct, plan_pct, time_pct, deviation_pp, time_deviation_pp, status,
       next_checkpoint_month, next_checkpoint_pct, next_checkpoint_need_wan
from project_pace($year, $yellow::decimal(18, 6), $red::decimal(18, 6))
where project_code = $code
order by as_of_month
