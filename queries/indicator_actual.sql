-- indicator_actual: the value stored for one indicator and month (before an edit, for the audit log).
select actual_value, judged_status, entered_by
from indicator_actuals
where fiscal_year = $year and project_code = $code and seq = $seq and month = $month
