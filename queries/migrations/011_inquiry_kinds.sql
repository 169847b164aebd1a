-- Schema version 11: what an inquiry asks for, and the treasury's decision (issue 21).
-- monitoring_returns gains two fields of an answer to an inquiry:
--   answer_to         what the answer answers: 'behind' (the month to be back on plan by), 'overspent'
--                     (追加预算 or an explanation: no catch-up month) or 'year_end' (December: how the
--                     unspent money is handled); NULL for a 监控表 saved on the 项目 page;
--   unspent_handling  the December answer's 结转/结余 choice (notices.UNSPENT_HANDLING).
--   (DuckDB adds no column with a CHECK: notices.check_answer checks both before anything is written.)
-- inquiry_decisions: an inquiry closed (销号) by the treasury's decision — a December inquiry has no
--   later month to put it back on pace — with the decision, its note, who and when. One per inquiry.
alter table monitoring_returns add column answer_to varchar;
alter table monitoring_returns add column unspent_handling varchar;

create table inquiry_decisions (
    fiscal_year  integer not null,
    month        integer not null check (month between 1 and 12),
    project_code varchar not null,
    decision     varchar not null check (length(decision) > 0),
    note         varchar,
    decided_by   varchar not null check (length(decided_by) > 0),
    decided_at   timestamp not null default current_timestamp,
    primary key (fiscal_year, month, project_code)
);
