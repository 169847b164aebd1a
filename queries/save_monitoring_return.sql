-- save_monitoring_return: one project's 绩效运行监控表 for one month (a later save replaces it).
insert into monitoring_returns (fiscal_year, project_code, month, forecast_yuan, forecast_method,
                                deviation_cause, likelihood, corrective_action, entered_by, entered_at)
values ($year, $code, $month, $forecast::decimal(18, 2), $method, $cause, $likelihood, $action, $user,
        current_timestamp)
on conflict (fiscal_year, project_code, month) do update set
    forecast_yuan = excluded.forecast_yuan, forecast_method = excluded.forecast_method,
    deviation_cause = excluded.deviation_cause, likelihood = excluded.likelihood,
    corrective_action = excluded.corrective_action, entered_by = excluded.entered_by,
    entered_at = excluded.entered_at
