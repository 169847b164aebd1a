-- project_status: the projects' pace at the end of month $month of fiscal year $year (SPEC §1), counting all their
-- money, most behind plan first (overspent ones before all). Columns as `status --format csv` (with the project's
-- 预算单位, SPEC §5), plus what the pages need. Filters (NULL = all): $sections, $statuses (lists), $min_gap
-- (万元), $unit (a unit code; a 部门 code takes its 单位); $limit (NULL = all) caps the rows; project_count counts
-- what the filters keep. unbudgeted_wan is NULL here (it is of a choice of sources).
-- $sources / $direct choose money (资金来源, 直达资金): project_status_money takes them (pace.all_money picks which),
-- this query refuses them rather than list all money for a choice of some; it never binds money_pace (whole_projects).
select
    fiscal_year, strftime(make_date($year, $month, 1), '%Y-%m') as as_of, as_of_month,
    section, unit_code, unit_name, project_code, project_name,
    budget_wan, actual_wan, actual_pct, plan_pct, time_pct,
    deviation_pp, time_deviation_pp, gap_wan, status, plan_wan, unbudgeted_wan
from whole_projects($year, $month, $yellow::decimal(18, 6), $red::decimal(18, 6),
                    $sections::varchar[], $statuses::varchar[], $min_gap::decimal(18, 2), $unit::varchar)
where case when $sources::varchar[] is not null or $direct::boolean
           then error('project_status counts all money: a choice of sources is project_status_money')
           else true end
order by actual_fen > budget_fen desc, deviation_pp asc nulls last, gap_wan desc, project_code
limit $limit
