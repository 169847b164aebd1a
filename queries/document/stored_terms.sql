-- stored_terms: the project terms (project_terms: a 申报表's whole-life total, period, 项目性质, 实施单位, made
-- code) stored for fiscal year $year, to compare with a document's.
select project_code, total_yuan, period_start, period_end, nature, implementer, code_made
from project_terms
where fiscal_year = $year
