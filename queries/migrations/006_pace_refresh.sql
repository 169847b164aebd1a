-- Schema version 6: pace_refresh, the projects whose pace an import changed. The importer fills
-- it, refreshes only their rows of pace_cache and empties it again, all in its transaction, so
-- an import touching a few thousand of 100,000 projects does not recompute them all.
create table pace_refresh (
    fiscal_year  integer not null,
    project_code varchar not null
);
