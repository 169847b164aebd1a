-- batch_years: the fiscal years of the rows of batch $batch in the table {table} (disbursements, adjustments).
select distinct fiscal_year from {table} where batch_id = $batch
