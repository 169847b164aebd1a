-- Schema version 9: 预警与问询 (issue 13).
-- inquiries: one row per (fiscal year, month, project) an administrator asked about, with the
--   warning's level and the project's figures as they stood when issued (the 问询函 prints them),
--   the reply-by date and who issued it. Issuing again for a month adds only what is missing.
--   Its state (open, answered, overdue, closed) is computed, never stored.
-- monitoring_returns gains the answer's fields: cause_text (偏差原因 in words beside the category)
--   and catch_up_month (the month by which the section expects to be back on plan). The answer to
--   an inquiry IS that month's 监控表 return: one record, versioned as before.
create table inquiries (
    fiscal_year    integer not null,
    month          integer not null check (month between 1 and 12),
    project_code   varchar not null,
    section        varchar not null,
    level          varchar not null check (level in ('yellow', 'red', 'purple')),
    status         varchar not null check (status in ('overspent', 'severe', 'lagging')),
    budget_wan     decimal(24, 6),
    actual_wan     decimal(24, 6),
    actual_pct     decimal(18, 2),
    plan_pct       decimal(18, 2),
    deviation_pp   decimal(18, 2),
    gap_wan        decimal(24, 6),
    due            date not null,
    issued_at      timestamp not null default current_timestamp,
    issued_by      varchar not null check (length(issued_by) > 0),
    primary key (fiscal_year, month, project_code)
);

create table monitoring_returns_v9 (
    fiscal_year       integer not null,
    project_code      varchar not null,
    month             integer not null check (month between 1 and 12),
    version           integer not null check (version >= 1),
    forecast_yuan     decimal(18, 2) check (forecast_yuan >= 0),
    forecast_method   varchar check (forecast_method in ('plan_shape', 'run_rate', 'manual')),
    deviation_cause   varchar check (deviation_cause in ('经费保障', '制度保障', '人员保障', '硬件条件保障', '其他')),
    likelihood        varchar check (likelihood in ('确定能', '有可能', '完全不可能')),
    corrective_action varchar,
    entered_by        varchar,
    entered_at        timestamp not null default current_timestamp,
    cause_text        varchar,
    catch_up_month    integer check (catch_up_month between 1 and 12),
    primary key (fiscal_year, project_code, month, version)
);
insert into monitoring_returns_v9
select fiscal_year, project_code, month, version, forecast_yuan, forecast_method, deviation_cause, likelihood,
       corrective_action, entered_by, entered_at, null, null
from monitoring_returns;
drop table monitoring_returns;
alter table monitoring_returns_v9 rename to monitoring_returns;
