-- new_totals_adjustments: how many adjustments import_new holds (new_rows.sql), the sum of their amounts and of
-- their absolute values.
select count(*), coalesce(sum(amount_yuan), 0), coalesce(sum(abs(amount_yuan)), 0) from import_new
