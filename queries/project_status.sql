-- project_status: the projects' pace at the end of month $month of fiscal year $year (SPEC §1),
-- most behind plan first (overspent ones before all). Columns as `status --format csv` (with the project's
-- 预算单位, SPEC §5), plus what the pages need. Filters (NULL = all): $sections, $statuses (lists), $min_gap
-- (万元), $unit (a unit code; a 部门 code takes its 单位), $sources (资金来源 names: only their money) and $direct
-- (true: only 直达资金); $limit (NULL = all) caps the rows; project_count counts what the filters keep.
-- unbudgeted_wan: of the money counted, what was paid from a source without budget on the project (无指标支付).
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
