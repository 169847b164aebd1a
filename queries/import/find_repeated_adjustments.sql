-- find_repeated_adjustments: the adjustments whose (fiscal_year, project_code, doc_no) an earlier row already
-- has (repeated_rows.sql), the document number in any case (key_case).
create or replace temp table import_repeated as
select * from repeated_rows({fiscal_year: fiscal_year, project_code: project_code, doc_no: key_case(doc_no)})
