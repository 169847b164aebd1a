-- refresh_pace_planned: how many projects each fiscal year plans (past half of them marked, all are recomputed).
select fiscal_year, count(*) from projects group by all
