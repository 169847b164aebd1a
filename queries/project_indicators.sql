-- project_indicators: the 绩效指标 of one project as the document gives them.
select seq, level_1, level_2, level_3, description, symbol, target_value, unit, basis
from indicators
where fiscal_year = $year and project_code = $code
order by seq
