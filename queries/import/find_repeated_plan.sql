-- find_repeated_plan: the plan rows whose (fiscal_year, project_code) an earlier row already has (repeated_rows.sql).
create or replace temp table import_repeated as select * from repeated_rows({fiscal_year: fiscal_year, project_code: project_code})
