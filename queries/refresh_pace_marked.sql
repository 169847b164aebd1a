-- refresh_pace_marked: how many projects pace_refresh notes, per fiscal year.
select fiscal_year, count(*) from pace_refresh group by all
