-- refresh_pace_fill: cache the pace of fiscal year $year (only of the projects in pace_refresh
-- when $only_marked), month by month (so a query for one month reads one twelfth of the rows),
-- and within a month most behind first, as project_status lists them (its sort then finds the
-- rows in order: 100,000 projects in 80 ms instead of 150 ms).
insert into pace_cache by name
select * from pace_inputs($year, $only_marked)
order by as_of_month, actual_fen > budget_fen desc, deviation_pp asc nulls last, gap_wan desc, project_code
