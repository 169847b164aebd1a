-- stored_owners: each stored project of fiscal year $year and its 科室 (a revised document keeps them).
select project_code, section
from projects
where fiscal_year = $year
