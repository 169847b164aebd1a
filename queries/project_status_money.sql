-- project_status_money: project_status counting only the money of the sources in $sources (资金来源 names) and, when
-- $direct, of 直达资金 (SPEC §5; chosen_projects: money_pace). Filters, columns and order as project_status's.
-- unbudgeted_wan: of the money counted, what was paid from a source without budget on the project (无指标支付).
-- With neither (NULL, false) it lists all money as project_status does, after planning money_pace too.
select
    fiscal_year, strftime(make_date($year, $month, 1), '%Y-%m') as as_of, as_of_month,
    section, unit_code, unit_name, project_code, project_name,
    budget_wan, actual_wan, actual_pct, plan_pct, time_pct,
    deviation_pp, time_deviation_pp, gap_wan, status, plan_wan, unbudgeted_wan
from chosen_projects($year, $month, $yellow::decimal(18, 6), $red::decimal(18, 6),
                     $sections::varchar[], $statuses::varchar[], $min_gap::decimal(18, 2),
                     $unit::varchar, $sources::varchar[], $direct::boolean)
order by actual_fen > budget_fen desc, deviation_pp asc nulls last, gap_wan desc, project_code
limit $limit
