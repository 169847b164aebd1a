-- project_status: the projects' pace at the end of month $month of fiscal year $year (SPEC §1),
-- most behind plan first. Columns as `status --format csv`, plus what the pages need.
-- Filters (NULL = all): $sections, $statuses (lists), $min_gap (万元). $limit (NULL = all)
-- caps the rows returned; matching counts every row the filters keep.
select
    fiscal_year, strftime(make_date(fiscal_year, as_of_month, 1), '%Y-%m') as as_of, as_of_month,
    section, project_code, project_name,
    budget_wan, actual_wan, actual_pct, plan_pct, time_pct,
    deviation_pp, time_deviation_pp, gap_wan, status, plan_wan,
    count(*) over () as matching
from project_pace($year, $yellow::decimal(18, 6), $red::decimal(18, 6))
where as_of_month = $month
  and ($sections::varchar[] is null or list_contains($sections::varchar[], section))
  and ($statuses::varchar[] is null or list_contains($statuses::varchar[], status))
  and ($min_gap::decimal(18, 2) is null or gap_wan >= $min_gap::decimal(18, 2))
order by status = 'overspent' desc, deviation_pp asc nulls last, gap_wan desc, project_code
limit $limit
