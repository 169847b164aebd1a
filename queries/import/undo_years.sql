-- undo_years: the fiscal years of the rows of payment or adjustment batch $batch ($table: disbursements or adjustments).
select distinct fiscal_year from query_table($table) where batch_id = $batch
