-- project_status: the projects' pace at the end of month $month of fiscal year $year (SPEC §1),
-- most behind plan first (overspent ones before all). Columns as `status --format csv`, plus what
-- the pages need. Filters (NULL = all): $sections, $statuses (lists), $min_gap (万元); $limit
-- (NULL = all) caps the rows; project_count counts what the filters keep.
select
    fiscal_year, strftime(make_date($year, $month, 1), '%Y-%m') as as_of, as_of_month,
    section, project_code, project_name,
    budget_wan, actual_wan, actual_pct, plan_pct, time_pct,
    deviation_pp, time_deviation_pp, gap_wan, status, plan_wan
from chosen_projects($year, $month, $yellow::decimal(18, 6), $red::decimal(18, 6),
                     $sections::varchar[], $statuses::varchar[], $min_gap::decimal(18, 2))
order by actual_fen > budget_fen desc, deviation_pp asc nulls last, gap_wan desc, project_code
limit $limit
