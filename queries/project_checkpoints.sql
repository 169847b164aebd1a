-- project_checkpoints: the 资金支出计划 of one project (planned cumulative % at month ends).
select month, plan_pct
from plan_checkpoints
where fiscal_year = $year and project_code = $code
order by month
