-- project_status_chosen: `status --unit/--source/--direct` (SPEC §5): the projects' pace at the end of month $month of
-- fiscal year $year, of the sections in $sections and unit $unit (NULL = all), counting only the money of the
-- sources in $sources and, when $direct, of 直达资金 (chosen_pace), most behind plan first as project_status.
select
    fiscal_year, strftime(make_date($year, $month, 1), '%Y-%m') as as_of, as_of_month,
    section, unit_code, unit_name, project_code, project_name,
    budget_wan, actual_wan, actual_pct, plan_pct, time_pct,
    deviation_pp, time_deviation_pp, gap_wan, status, plan_wan, unbudgeted_wan
from chosen_pace($year, $month, $yellow::decimal(18, 6), $red::decimal(18, 6), $sections::varchar[], $unit::varchar,
                 $sources::varchar[], $direct::boolean)
order by actual_fen > budget_fen desc, deviation_pp asc nulls last, gap_wan desc, project_code
