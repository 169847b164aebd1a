-- refresh_pace_years: every fiscal year that has projects (a full refresh recomputes them all).
select distinct fiscal_year from projects
