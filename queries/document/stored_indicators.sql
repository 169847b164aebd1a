-- stored_indicators: the 绩效指标 of fiscal year $year as stored, by project and seq.
select project_code, seq, level_1, level_2, level_3, description, symbol, target_value, unit, basis
from indicators
where fiscal_year = $year
order by project_code, seq
