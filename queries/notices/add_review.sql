-- add_review: the treasury's review of the answer (version $version of the month's 监控表) to the inquiry about
-- $code for month $month of $year: $verdict 'accepted' or 'returned' with $reason, by $user at $at (issue 36).
insert into inquiry_reviews (fiscal_year, month, project_code, answer_version, verdict, reason, reviewed_by, reviewed_at)
values ($year, $month, $code, $version, $verdict, $reason, $user, $at::timestamp)
