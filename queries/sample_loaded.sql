-- sample_loaded: how many sample rows are loaded (the banner shows while this is above 0): payments,
-- adjustments and the projects of a sample year's plan.
select (select count(*) from disbursements d join import_batches b using (batch_id) where b.is_sample)
     + (select count(*) from adjustments a join import_batches b using (batch_id) where b.is_sample)
     + (select count(*) from projects p join import_batches b using (batch_id) where b.is_sample) as sample_rows
