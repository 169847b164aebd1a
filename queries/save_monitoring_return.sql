-- save_monitoring_return: a new version of one project's 绩效运行监控表 for one month (earlier
-- versions stay: the project page shows the history), entered at $at (spending.clock.now: SPENDING_TODAY's day).
insert into monitoring_returns (fiscal_year, project_code, month, version, forecast_yuan, forecast_method,
                                deviation_cause, likelihood, corrective_action, entered_by, entered_at)
select $year, $code, $month,
       coalesce((select max(version) from monitoring_returns
                 where fiscal_year = $year and project_code = $code and month = $month), 0) + 1,
       $forecast::decimal(18, 2), $method, $cause, $likelihood, $action, $user, $at::timestamp
