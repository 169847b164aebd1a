-- find_repeated_indicator_values: the values whose (fiscal_year, project_code, seq, month) an earlier row
-- already has (repeated_rows.sql).
create or replace temp table import_repeated as
select * from repeated_rows({fiscal_year: fiscal_year, project_code: project_code, seq: seq, month: month})
