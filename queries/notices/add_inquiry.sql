-- add_inquiry: one project's inquiry for month $month of fiscal year $year, with the warning's level
-- and the figures as they stand now, issued at $issued_at (the caller's "today", never the database's
-- clock) and due $due; an inquiry already issued for that month is left as it is.
insert into inquiries (fiscal_year, month, project_code, section, level, status, budget_wan, actual_wan,
                       actual_pct, plan_pct, deviation_pp, gap_wan, due, issued_at, issued_by)
values ($year, $month, $code, $section, $level, $status, $budget_wan::decimal(24, 6), $actual_wan::decimal(24, 6),
        $actual_pct::decimal(18, 2), $plan_pct::decimal(18, 2), $deviation_pp::decimal(18, 2),
        $gap_wan::decimal(24, 6), $due::date, $issued_at::timestamp, $user)
on conflict do nothing
