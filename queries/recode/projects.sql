-- recode/projects: project $old of fiscal year $year takes its real code $new in projects (a 申报表's project stored
-- under the code made from its name, given its real 项目编码 later: document_load.recode; every row kept).
update projects set project_code = $new where fiscal_year = $year and project_code = $old
