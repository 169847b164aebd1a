-- monitoring_return_history: every saved version of one project's 绩效运行监控表 for month $month
-- of fiscal year $year, newest first (a return is never overwritten).
select version, entered_at, entered_by, forecast_yuan, to_wan(forecast_yuan) as forecast_wan, forecast_method,
       deviation_cause, likelihood, corrective_action, cause_text, catch_up_month, answer_to, unspent_handling
from monitoring_returns
where fiscal_year = $year and project_code = $code and month = $month
order by version desc
