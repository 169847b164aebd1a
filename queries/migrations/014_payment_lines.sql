-- Schema version 14: payments as the treasury system exports them (SPEC §5, issue 33).
-- * One 支付凭证号 may hold several detail lines: a payment's key is (fiscal_year, voucher_no, line_no),
--   line_no = the system's detail-line id (明细序号 …), else the 指标文号, else '' (every payment stored
--   before this version: its key is unchanged).
-- * fiscal_year is the 预算年度 when the file gives one, else the year of pay_date: a carry-over payment
--   (跨年/结转期) of year Y is paid from 1 January to 30 June of Y + 1 (the bound the importer checks,
--   queries/import/stage_disbursements.sql); pacing counts it only at a cut-off on or after its pay_date.
-- * What the file says of each line is kept: 指标文号 (quota_doc_no), 资金来源/资金名称 (source),
--   是否直达资金 (direct), 是否政府采购 (procurement), 预算单位 (unit_code, unit_name); NULL where not given.
-- monthly_actuals counts a month of the fiscal year as 1..12 and the carry-over months as 13..18
-- (January to June of the next year), so that a month of the fiscal year never holds them.
-- DuckDB cannot change a CHECK constraint in place: both tables are made again, every row kept.
create table disbursements_v14 (
    fiscal_year  integer not null,
    voucher_no   varchar not null check (length(trim(voucher_no)) > 0),
    project_code varchar not null,
    pay_date     date not null,
    amount_yuan  decimal(18, 2) not null check (amount_yuan <> 0),
    payee        varchar,
    summary      varchar,
    batch_id     integer not null,
    line_no      varchar not null default '',   -- 明细序号, else 指标文号, else ''
    quota_doc_no varchar,                       -- 指标文号
    source       varchar,                       -- 资金来源 / 资金名称, as the file says
    direct       boolean,                       -- 是否直达资金
    procurement  boolean,                       -- 是否政府采购
    unit_code    varchar,                       -- 预算单位: its code …
    unit_name    varchar,                       -- … and its name, as the file says
    check (fiscal_year = year(pay_date)
           or (fiscal_year = year(pay_date) - 1 and month(pay_date) <= 6))
);
insert into disbursements_v14 (fiscal_year, voucher_no, project_code, pay_date, amount_yuan, payee, summary, batch_id)
select fiscal_year, voucher_no, project_code, pay_date, amount_yuan, payee, summary, batch_id
from disbursements
order by fiscal_year, project_code, pay_date;
drop table disbursements;
alter table disbursements_v14 rename to disbursements;

create table monthly_actuals_v14 (
    fiscal_year  integer not null,
    project_code varchar not null,
    month        integer not null check (month between 1 and 18),   -- 13..18: carry-over months
    amount_yuan  decimal(18, 2) not null,
    primary key (fiscal_year, project_code, month)
);
insert into monthly_actuals_v14 select * from monthly_actuals;
drop table monthly_actuals;
alter table monthly_actuals_v14 rename to monthly_actuals;
