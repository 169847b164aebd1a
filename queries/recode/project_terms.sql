-- recode/project_terms: project $old of fiscal year $year takes its real code $new in project_terms (a 申报表's project stored
-- under the code made from its name, given its real 项目编码 later: document_load.recode; every row kept).
update project_terms set project_code = $new, code_made = false where fiscal_year = $year and project_code = $old
