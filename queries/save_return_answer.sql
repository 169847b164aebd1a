-- save_return_answer: the answer's own fields (issue 13) on version $version of a project's 监控表 for
-- month $month, just saved in the same transaction by save_monitoring_return: cause_text (偏差原因 in
-- words), catch_up_month (the month the section expects to be back on plan by), answer_to (what it
-- answers: behind, overspent, year_end) and unspent_handling (December: 结转/结余; issue 21).
update monitoring_returns
set cause_text = $cause_text, catch_up_month = $catch_up_month::integer, answer_to = $answer_to::varchar,
    unspent_handling = $unspent_handling::varchar
where fiscal_year = $year and project_code = $code and month = $month and version = $version
