-- project_list: the projects of section $section in fiscal year $year, by code (项目 page).
select project_code, project_name
from projects
where fiscal_year = $year and section = $section
order by project_code
