-- load_indicator_values: write (or replace) the new indicator values, entered by $user.
insert into indicator_actuals (fiscal_year, project_code, seq, month, actual_value, judged_status, entered_by, entered_at)
select fiscal_year, project_code, seq, month, actual_value, judged_status, $user, current_timestamp
from import_new
on conflict (fiscal_year, project_code, seq, month) do update set
    actual_value = excluded.actual_value, judged_status = excluded.judged_status,
    entered_by = excluded.entered_by, entered_at = excluded.entered_at
