-- refresh_pace_fill: cache the pace inputs of fiscal year $year, month by month (so a query for
-- one month reads one twelfth of the rows).
insert into pace_cache
select fiscal_year, as_of_month, section, project_code, project_name, budget_fen, actual_fen, plan_num,
       next_month, next_bp
from pace_inputs($year)
order by as_of_month, section, project_code
