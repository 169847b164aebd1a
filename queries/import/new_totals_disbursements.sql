-- new_totals_disbursements: how many payments import_new holds (new_rows.sql), the sum of their amounts and of their
-- absolute values (the limit per project and month, project_month_too_large.sql).
select count(*), coalesce(sum(amount_yuan), 0), coalesce(sum(abs(amount_yuan)), 0) from import_new
