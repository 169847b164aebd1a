-- project_status: every project's pace at the end of month $month of fiscal year $year
-- (SPEC §1), optionally for one section. Columns as `status --format csv`, plus the exact
-- fen and plan numerators the pages need for sums. Most behind plan first.
select
    fiscal_year, strftime(make_date(fiscal_year, as_of_month, 1), '%Y-%m') as as_of, as_of_month,
    section, project_code, project_name,
    budget_wan, actual_wan, actual_pct, plan_pct, time_pct,
    deviation_pp, time_deviation_pp, gap_wan, status, plan_wan
from project_pace($year, $yellow::decimal(18, 6), $red::decimal(18, 6))
where as_of_month = $month
  and ($section::varchar is null or section = $section)
order by status = 'overspent' desc, deviation_pp asc nulls last, gap_wan desc, project_code
