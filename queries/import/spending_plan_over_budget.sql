-- spending_plan_over_budget: the projects of a staged 用款计划 whose planned total exceeds their budget with every
-- adjustment of the year (a plan beyond 100 %): the project's last line, its planned and budgeted 元.
select last_line as line, project_code, planned_yuan, adjusted_yuan
from import_staged
where planned_yuan > adjusted_yuan
order by line
