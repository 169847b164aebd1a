-- new_adjustment_of: the written adjustment of a project last effective by $day, for the negative-budget report.
select line, amount_wan from import_new
where fiscal_year = $year and project_code = $code and effective_date <= $day
order by effective_date desc, line desc
limit 1
