-- save_indicator_actual: the actual value (and, for text targets, the judgement) of one
-- indicator for one month, entered at $at (spending.clock.now); a second entry for the same month replaces the first.
insert into indicator_actuals (fiscal_year, project_code, seq, month, actual_value, judged_status, entered_by, entered_at)
values ($year, $code, $seq, $month, $value, $judged, $user, $at::timestamp)
on conflict (fiscal_year, project_code, seq, month) do update set
    actual_value = excluded.actual_value, judged_status = excluded.judged_status,
    entered_by = excluded.entered_by, entered_at = excluded.entered_at
