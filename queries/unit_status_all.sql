-- unit_status_all: unit_status of every section counting all the money (the bureau's `units`, no --section, --source
-- or --direct), from unit_cache through unit_pace: the same rows, columns and order, a few thousand rows read instead
-- of every project's pace (task B, issue 34).
select fiscal_year, strftime(make_date($year, $month, 1), '%Y-%m') as as_of, as_of_month,
    unit_code, unit_name, sections, projects,
    budget_wan, actual_wan, actual_pct, plan_pct, deviation_pp, gap_wan,
    on_track, lagging, severe, overspent, no_plan, rank,
    time_pct, time_deviation_pp, plan_wan, status, unbudgeted_wan
from unit_pace($year, $month, $yellow::decimal(18, 6), $red::decimal(18, 6))
order by rank, unit_code nulls last, unit_name
