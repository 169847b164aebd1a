-- refresh_pace_fill: cache the pace of fiscal year $year, month by month (so a query for one
-- month reads one twelfth of the rows).
insert into pace_cache by name
select * from pace_inputs($year)
order by as_of_month
