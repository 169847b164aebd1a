-- take_matched_codes: a payment that names its project only takes the code of the one plan project of
-- that name (temp table import_by_name, from names_matched.sql).
update import_staged s set project_code = m.plan_code
from import_by_name m
where m.line = s.line and m.projects = 1
