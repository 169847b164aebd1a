-- repeated_rows(key): the good rows of import_staged whose key (a struct of the kind's key
-- columns) an earlier good row of the file already has, with that row's line as first_line
-- (queries/import/mark_repeated.sql then marks them). A temp macro of the import's cursor, made
-- once import_staged exists (a table macro binds its tables when it is made).
-- The keys are first grouped by their hash, a number: only the few rows whose hash repeats are
-- then compared by the key itself (a hash shared by two different keys is no repeat).
create or replace temp macro repeated_rows(key) as table
with
repeated_hashes as (
    select hash(key) as h from import_staged where row_ok group by h having count(*) > 1
),
keyed as (
    select line, key as k from import_staged where row_ok and hash(key) in (select h from repeated_hashes)
),
firsts as (
    select k, min(line) as first_line from keyed group by k having count(*) > 1
)
select s.line, f.first_line
from keyed s
join firsts f on s.k = f.k
where s.line <> f.first_line;
