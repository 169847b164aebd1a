-- Schema version 15 (issue 36): the treasury's review of a section's answer to an inquiry.
-- inquiry_reviews: one row per answer version reviewed — the version of the month's 监控表 (monitoring_returns)
--   that carried the answer, the verdict (accepted 已审核, or returned 退回 with the reason), who and when
--   (spending.clock). A returned answer is answered again as a new 监控表 version, reviewed in its turn: every
--   version and every reason stays. The inquiry's state (returned, accepted) is computed, never stored.
-- (014 is another change's number; the migrator applies the files by number, whatever the gaps.)
create table if not exists inquiry_reviews (
    fiscal_year    integer not null,
    month          integer not null check (month between 1 and 12),
    project_code   varchar not null,
    answer_version integer not null check (answer_version >= 1),
    verdict        varchar not null check (verdict in ('accepted', 'returned')),
    reason         varchar check (verdict = 'accepted' or length(trim(reason)) > 0),
    reviewed_by    varchar not null check (length(reviewed_by) > 0),
    reviewed_at    timestamp not null,
    primary key (fiscal_year, month, project_code, answer_version)
);
