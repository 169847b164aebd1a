-- project_status: the projects' pace at the end of month $month of fiscal year $year (SPEC §1),
-- most behind plan first (overspent ones before all). Columns as `status --format csv` (with the project's
-- 预算单位, SPEC §5), plus what the pages need. Filters (NULL = all): $sections, $statuses (lists), $min_gap
-- (万元); $limit (NULL = all) caps the rows; project_count counts what the filters keep.
select
    c.fiscal_year, strftime(make_date($year, $month, 1), '%Y-%m') as as_of, c.as_of_month,
    c.section, p.unit_code, p.unit_name, c.project_code, c.project_name,
    c.budget_wan, c.actual_wan, c.actual_pct, c.plan_pct, c.time_pct,
    c.deviation_pp, c.time_deviation_pp, c.gap_wan, c.status, c.plan_wan
from chosen_projects($year, $month, $yellow::decimal(18, 6), $red::decimal(18, 6),
                     $sections::varchar[], $statuses::varchar[], $min_gap::decimal(18, 2)) c
join projects p on p.fiscal_year = c.fiscal_year and p.project_code = c.project_code
order by c.actual_fen > c.budget_fen desc, c.deviation_pp asc nulls last, c.gap_wan desc, c.project_code
limit $limit
