-- Schema version 2: 双监控 — goals as well as money.

-- Actual values of the document's indicators, per project, indicator and month.
-- judged_status is a person's judgement where the target is text (文字描述) or not a number.
create table indicator_actuals (
    fiscal_year   integer not null,
    project_code  varchar not null,
    seq           integer not null,
    month         integer not null check (month between 1 and 12),
    actual_value  varchar,
    judged_status varchar check (judged_status in ('met', 'at_risk', 'not_met')),
    entered_by    varchar,
    entered_at    timestamp not null default current_timestamp,
    primary key (fiscal_year, project_code, seq, month),
    check (actual_value is not null or judged_status is not null)
);

-- 绩效运行监控表: one return per project and month.
create table monitoring_returns (
    fiscal_year       integer not null,
    project_code      varchar not null,
    month             integer not null check (month between 1 and 12),
    forecast_yuan     decimal(18, 2) check (forecast_yuan >= 0),     -- 全年预计执行数
    forecast_method   varchar check (forecast_method in ('plan_shape', 'run_rate', 'manual')),
    deviation_cause   varchar check (deviation_cause in ('经费保障', '制度保障', '人员保障', '硬件条件保障', '其他')),
    likelihood        varchar check (likelihood in ('确定能', '有可能', '完全不可能')),
    corrective_action varchar,
    entered_by        varchar,
    entered_at        timestamp not null default current_timestamp,
    primary key (fiscal_year, project_code, month)
);
