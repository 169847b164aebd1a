-- spending_plan_problem_rows: the problems of a 用款计划 (import_plan_problems), in file order, at most $limit.
-- first: the line a repeated (project, month) was first given on, or how many projects have a name.
select line, column_name, value, code, first, fiscal_year
from import_plan_problems
order by line, column_name
limit $limit
