-- project_terms: one project's terms from a 绩效目标申报表 (项目资金总额 in 万元, the period, 项目性质, 实施单位,
-- whether its code was made from the name); no row for a project no 申报表 described.
select to_wan(total_yuan) as total_wan, period_start, period_end, nature, implementer, code_made
from project_terms
where fiscal_year = $year and project_code = $code
