-- issued_codes: the projects already inquired about for month $month of fiscal year $year.
select project_code, due
from inquiries
where fiscal_year = $year and month = $month
order by project_code
