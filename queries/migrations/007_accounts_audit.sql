-- Schema version 7: who is who, and who did what.
-- accounts: one row per login (the OIDC e-mail lower-cased, or its `sub` when it has no e-mail).
--   admin (预算国库科) may do everything; leader (领导) reads everything and writes nothing;
--   section (科室) sees and answers for only the sections listed in account_sections.
-- audit_log: append-only (no query in queries/ updates or deletes it): every write with the
--   login identity (or cli:<os user>, local:<os user>), the time and, for edits, before and after.
-- monitoring_returns: every save is a new version; the current return is the latest version.
create table accounts (
    email        varchar primary key check (email = lower(trim(email)) and length(email) > 0),
    role         varchar not null check (role in ('admin', 'leader', 'section')),
    display_name varchar,
    created_at   timestamp not null default current_timestamp
);

create table account_sections (
    email   varchar not null,
    section varchar not null check (length(trim(section)) > 0),
    primary key (email, section)
);

create sequence audit_id_seq start 1;
create table audit_log (
    audit_id bigint primary key default nextval('audit_id_seq'),
    "at"     timestamp not null default current_timestamp,
    actor    varchar not null check (length(actor) > 0),
    action   varchar not null,
    object   varchar,
    detail   varchar                 -- JSON: what was done; for edits {"before": …, "after": …}
);

create table monitoring_returns_v7 (
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
    primary key (fiscal_year, project_code, month, version)
);
insert into monitoring_returns_v7
select fiscal_year, project_code, month, 1, forecast_yuan, forecast_method, deviation_cause, likelihood,
       corrective_action, entered_by, entered_at
from monitoring_returns;
drop table monitoring_returns;
alter table monitoring_returns_v7 rename to monitoring_returns;
