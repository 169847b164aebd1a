-- refresh_pace_fill: cache the pace of fiscal year $year (only of the projects in pace_refresh
-- when $only_marked), month by month (so a query for one month reads one twelfth of the rows).
insert into pace_cache by name
select * from pace_inputs($year, $only_marked)
order by as_of_month
