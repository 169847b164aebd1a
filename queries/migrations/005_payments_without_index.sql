-- Schema version 5: disbursements without the primary-key index. A voucher number is still
-- unique within its fiscal year: the importer checks every file against itself
-- (stage_disbursements.sql) and against the stored payments (stored_disbursements.sql) inside
-- the transaction that writes it. The ART index behind the key held every voucher number in
-- memory (gigabytes at 10 million payments) and made a 10-million-row import three times slower.
create table disbursements_v5 (
    fiscal_year  integer not null,
    voucher_no   varchar not null check (length(trim(voucher_no)) > 0),
    project_code varchar not null,
    pay_date     date not null,
    amount_yuan  decimal(18, 2) not null check (amount_yuan <> 0),
    payee        varchar,
    summary      varchar,
    batch_id     integer not null,
    check (year(pay_date) = fiscal_year)
);
insert into disbursements_v5
select * from disbursements order by fiscal_year, project_code, pay_date;
drop table disbursements;
alter table disbursements_v5 rename to disbursements;
