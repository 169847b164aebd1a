-- refresh_sources_fill: cache the money by source of fiscal year $year (only of the projects in pace_refresh when
-- $only_marked), month by month, as refresh_pace_fill caches the pace.
insert into source_cache by name
select * from source_money_inputs($year, $only_marked)
order by as_of_month, project_code
