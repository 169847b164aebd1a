-- Schema version 3: pace_cache, the pace inputs of every project at every month end, kept by
-- the importer in the same transaction as the data (queries/refresh_pace_*.sql), so a page
-- reads 100,000 projects instead of recomputing them from their checkpoints and payments.
create table pace_cache (
    fiscal_year   integer not null,
    as_of_month   integer not null,
    section       varchar not null,
    project_code  varchar not null,
    project_name  varchar not null,
    budget_fen    hugeint not null,
    actual_fen    hugeint not null,
    plan_num      hugeint not null,      -- plan_pct × 2,772,000
    next_month    integer,
    next_bp       hugeint                -- the next checkpoint in basis points
);
