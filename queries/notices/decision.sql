-- decision: the treasury's decision closing the inquiry about $code for month $month of $year, if any.
select decision, note, decided_by, decided_at
from inquiry_decisions
where fiscal_year = $year and month = $month and project_code = $code
