-- issued_codes: the projects already inquired about for month $month of fiscal year $year (with the
-- status each was issued with: what the inquiry asks for, notices.ask).
select project_code, due, status
from inquiries
where fiscal_year = $year and month = $month
order by project_code
