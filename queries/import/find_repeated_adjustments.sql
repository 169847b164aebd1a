-- find_repeated_adjustments: the adjustments whose (fiscal_year, project_code, doc_no) an earlier row already
-- has (repeated_rows.sql).
create or replace temp table import_repeated as
select * from repeated_rows({fiscal_year: fiscal_year, project_code: project_code, doc_no: doc_no})
