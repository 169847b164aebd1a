-- add_inquiries: the month's new inquiries in one statement (set-based: 20,000 projects in seconds, where
-- one INSERT per inquiry took 85 s while every page waited behind the writer). The rows come from the
-- relation new_inquiries that notices.issue registers on this cursor: fiscal_year, month, project_code,
-- section, level, status, and the figures as they stand now as exact decimal text. Issued at $issued_at
-- (the caller's "today", never the database's clock) by $user, due $due; an inquiry already issued for
-- that month is left as it is.
insert into inquiries (fiscal_year, month, project_code, section, level, status, budget_wan, actual_wan,
                       actual_pct, plan_pct, deviation_pp, gap_wan, due, issued_at, issued_by)
select fiscal_year, month, project_code, section, level, status,
       budget_wan::decimal(24, 6), actual_wan::decimal(24, 6), actual_pct::decimal(18, 2), plan_pct::decimal(18, 2),
       deviation_pp::decimal(18, 2), gap_wan::decimal(24, 6), $due::date, $issued_at::timestamp, $user
from new_inquiries
on conflict do nothing
