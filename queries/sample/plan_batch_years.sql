-- plan_batch_years: the fiscal years whose projects plan batch $batch wrote (a sample plan about to be removed).
select distinct fiscal_year from projects where batch_id = $batch
