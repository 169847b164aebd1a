-- Schema version 8: changes that can be taken back, and a database that is only read when read.
-- batch_claims: rows a batch brought that were already stored identically (skipped, so they keep
--   the batch that stored them first). Undoing that first batch keeps such a row and hands it to
--   the earliest later live batch that claims it, instead of removing what that batch still holds.
--   row_key is the kind's own key within (fiscal_year, project_code): voucher_no, doc_no or
--   project_code (plans).
-- plan_versions / plan_checkpoint_versions: a project's plan as it was before a plan batch
--   (replaced_by) changed it, so that undoing that batch brings the previous version back.
-- macros_version: the SHA-256 of queries/macros.sql the stored macros were made from, so that
--   opening the database re-creates them only when the code changed (and a reader never writes).
create table batch_claims (
    batch_id     integer not null,
    fiscal_year  integer not null,
    project_code varchar not null,
    row_key      varchar not null
);

create table plan_versions (
    replaced_by  integer not null,
    fiscal_year  integer not null,
    project_code varchar not null,
    project_name varchar not null,
    section      varchar not null,
    budget_yuan  decimal(18, 2) not null,
    purpose      varchar,
    goal_1       varchar,
    goal_2       varchar,
    batch_id     integer not null,
    primary key (replaced_by, fiscal_year, project_code)
);

create table plan_checkpoint_versions (
    replaced_by  integer not null,
    fiscal_year  integer not null,
    project_code varchar not null,
    month        integer not null,
    plan_pct     decimal(5, 2) not null,
    batch_id     integer not null,
    primary key (replaced_by, fiscal_year, project_code, month)
);

create table macros_version (
    sha256 varchar not null
);
