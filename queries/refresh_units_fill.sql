-- refresh_units_fill: cache the pace of every 预算单位 of fiscal year $year (unit_inputs) from its pace_cache, once that
-- is refreshed: the whole year (a project that moved to another unit changes two), month by month (so a query for one
-- month reads one twelfth of the rows), and within a month in rank order, as unit_status_all lists them.
insert into unit_cache by name
select * from unit_inputs($year)
order by as_of_month, rank, unit_code nulls last, unit_name
