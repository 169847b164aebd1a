-- stored_names: each stored project of fiscal year $year and its name (a 申报表's project, which has no
-- 项目编码, finds its stored code by its unique name).
select project_code, project_name
from projects
where fiscal_year = $year
