-- inquiries: the inquiries (问询) of fiscal year $year for month $month (every month when NULL), of
-- the sections in $scope (NULL: all), with the answer — the month's 监控表: answered_at is when its
-- first version carrying a full answer (category, measures, and the catch-up month or an answer_to:
-- issue 21) was saved, the answer's fields are its latest version's — the treasury's decision when it
-- closed the inquiry (inquiry_decisions), the project's status at month $latest ($latest: the year's
-- latest imported month; NULL: none yet) and its plan for December (for the forecast) under the
-- thresholds $yellow and $red. answer_version: the latest 监控表 version carrying a full answer; the
-- treasury's latest review (inquiry_reviews, issue 36): its verdict, reason, who, when and the version it
-- reviewed (reviewed_version).
with
returns as (
    select fiscal_year, project_code, month,
           min(entered_at) filter (where deviation_cause is not null and corrective_action is not null
                                     and (catch_up_month is not null or answer_to is not null)) as answered_at,
           arg_max(deviation_cause, version) as deviation_cause,
           arg_max(cause_text, version) as cause_text,
           arg_max(corrective_action, version) as corrective_action,
           arg_max(catch_up_month, version) as catch_up_month,
           arg_max(unspent_handling, version) as unspent_handling,
           arg_max(forecast_method, version) as forecast_method,
           to_wan(arg_max(forecast_yuan, version)) as forecast_wan,
           arg_max(entered_by, version) as answered_by,
           max(version) filter (where deviation_cause is not null and corrective_action is not null
                                  and (catch_up_month is not null or answer_to is not null)) as answer_version
    from monitoring_returns
    where fiscal_year = $year
    group by fiscal_year, project_code, month
),
reviews as (
    select fiscal_year, month, project_code, max(answer_version) as reviewed_version,
           arg_max(verdict, answer_version) as verdict, arg_max(reason, answer_version) as review_reason,
           arg_max(reviewed_by, answer_version) as reviewed_by, arg_max(reviewed_at, answer_version) as reviewed_at
    from inquiry_reviews
    where fiscal_year = $year
    group by fiscal_year, month, project_code
),
latest as (
    select project_code, any_value(status) filter (where as_of_month = $latest) as status,
           any_value(plan_pct) filter (where as_of_month = 12) as plan_pct_year_end
    from project_pace($year, $yellow::decimal(18, 6), $red::decimal(18, 6))
    where as_of_month = $latest or as_of_month = 12
    group by project_code
)
select i.fiscal_year, strftime(make_date(i.fiscal_year, i.month, 1), '%Y-%m') as as_of, i.month,
       i.section, i.project_code, p.project_name, i.level, i.status as issued_status,
       i.budget_wan, i.actual_wan, i.actual_pct, i.plan_pct, i.deviation_pp, i.gap_wan,
       i.issued_at, i.issued_by, i.due,
       r.answered_at,
       r.deviation_cause, r.cause_text, r.corrective_action, r.catch_up_month, r.unspent_handling, r.forecast_wan,
       r.forecast_method, r.answered_by, r.answer_version,
       v.verdict, v.review_reason, v.reviewed_by, v.reviewed_at, v.reviewed_version,
       d.decision, d.note as decision_note, d.decided_by, d.decided_at,
       $latest::integer as latest_month, l.status as latest_status, l.plan_pct_year_end
from inquiries i
join projects p on p.fiscal_year = i.fiscal_year and p.project_code = i.project_code
left join returns r on r.fiscal_year = i.fiscal_year and r.project_code = i.project_code and r.month = i.month
left join reviews v on v.fiscal_year = i.fiscal_year and v.month = i.month and v.project_code = i.project_code
left join latest l on l.project_code = i.project_code
left join inquiry_decisions d on d.fiscal_year = i.fiscal_year and d.month = i.month and d.project_code = i.project_code
where i.fiscal_year = $year
  and ($month::integer is null or i.month = $month)
  and ($scope::varchar[] is null or list_contains($scope::varchar[], i.section))
order by i.month, i.section, i.project_code
