-- Schema version 1: the plan, the money and where every row came from.
-- Money is stored as DECIMAL yuan with 2 decimals; 万元 exist only on screen and in files.
-- Keys and CHECK constraints make the database itself refuse what SPEC §2 forbids;
-- rules that span rows (a running budget never below 0) are checked by the importer.

create sequence batch_id_seq start 1;

-- One row per file (or seed step) that brought rows in. Every stored row points here.
create table import_batches (
    batch_id     integer primary key default nextval('batch_id_seq'),
    kind         varchar not null check (kind in ('sections', 'plan', 'indicators', 'disbursements', 'adjustments',
                                                 'indicator_values')),
    file_name    varchar not null,
    sha256       varchar not null check (length(sha256) = 64),
    rows_in_file integer not null check (rows_in_file >= 0),
    rows_loaded  integer not null check (rows_loaded >= 0),
    rows_skipped integer not null check (rows_skipped >= 0),
    amount_yuan  decimal(18, 2),            -- total of the loaded rows (payments, adjustments, budgets)
    is_sample    boolean not null default false,
    imported_by  varchar,
    imported_at  timestamp not null default current_timestamp,
    undone_at    timestamp
);

create table fiscal_years (
    fiscal_year integer primary key check (fiscal_year between 2000 and 2100)
);

-- 科室: duties and the annual amount from the 部门职责-工作活动 table (NULL where none is given).
create table sections (
    fiscal_year integer not null,
    section     varchar not null check (length(trim(section)) > 0),
    seq         integer,
    duties      varchar,
    amount_yuan decimal(18, 2) check (amount_yuan >= 0),
    batch_id    integer not null,
    primary key (fiscal_year, section)
);

-- 预算项目 with the initial budget (年初预算数). The adjusted budget is computed, never stored.
create table projects (
    fiscal_year  integer not null,
    project_code varchar not null check (length(trim(project_code)) > 0),
    project_name varchar not null check (length(trim(project_name)) > 0),
    section      varchar not null check (length(trim(section)) > 0),
    budget_yuan  decimal(18, 2) not null check (budget_yuan >= 0),
    purpose      varchar,                   -- 资金用途
    goal_1       varchar,                   -- 绩效目标 目标1
    goal_2       varchar,                   -- 绩效目标 目标2
    batch_id     integer not null,
    primary key (fiscal_year, project_code)
);

-- 资金支出计划: planned cumulative % at the end of a month. (0, 0) is implied, never stored.
create table plan_checkpoints (
    fiscal_year  integer not null,
    project_code varchar not null,
    month        integer not null check (month between 1 and 12),
    plan_pct     decimal(5, 2) not null check (plan_pct between 0 and 100),
    batch_id     integer not null,
    primary key (fiscal_year, project_code, month)
);

-- 绩效指标 of each project, as the document's tables give them.
create table indicators (
    fiscal_year  integer not null,
    project_code varchar not null,
    seq          integer not null check (seq >= 1),
    level_1      varchar not null,          -- 一级指标
    level_2      varchar,                   -- 二级指标
    level_3      varchar not null,          -- 三级指标
    description  varchar,                   -- 绩效指标描述
    symbol       varchar,                   -- 符号: =, >=, 文字描述 ...
    target_value varchar,                   -- 指标值 as written
    unit         varchar,                   -- 单位（文字描述）
    basis        varchar,                   -- 指标值确定依据
    batch_id     integer not null,
    primary key (fiscal_year, project_code, seq)
);

-- 支付明细. A negative amount is a reversal (冲销/退款).
create table disbursements (
    fiscal_year  integer not null,
    voucher_no   varchar not null check (length(trim(voucher_no)) > 0),
    project_code varchar not null,
    pay_date     date not null,
    amount_yuan  decimal(18, 2) not null check (amount_yuan <> 0),
    payee        varchar,
    summary      varchar,
    batch_id     integer not null,
    primary key (fiscal_year, voucher_no),
    check (year(pay_date) = fiscal_year)
);

-- 预算调整: + 追加, − 追减.
create table adjustments (
    fiscal_year    integer not null,
    project_code   varchar not null,
    doc_no         varchar not null check (length(trim(doc_no)) > 0),
    effective_date date not null,
    amount_yuan    decimal(18, 2) not null check (amount_yuan <> 0),
    reason         varchar,
    batch_id       integer not null,
    primary key (fiscal_year, project_code, doc_no),
    check (year(effective_date) = fiscal_year)
);

-- Payments summed per project and month, kept by the importer in the same transaction
-- as the payments themselves (tests reconcile it against disbursements).
create table monthly_actuals (
    fiscal_year  integer not null,
    project_code varchar not null,
    month        integer not null check (month between 1 and 12),
    amount_yuan  decimal(18, 2) not null,
    primary key (fiscal_year, project_code, month)
);

create table schema_version (
    version    integer primary key,
    applied_at timestamp not null default current_timestamp
);
