-- plan_batch_in_use: how many payments or adjustments not marked as sample belong to projects of plan batch $batch
-- (a sample plan is not removed from under real data).
select (select count(*) from disbursements d join import_batches b using (batch_id)
        where not b.is_sample and (d.fiscal_year, d.project_code) in (select fiscal_year, project_code from projects where batch_id = $batch))
     + (select count(*) from adjustments a join import_batches b using (batch_id)
        where not b.is_sample and (a.fiscal_year, a.project_code) in (select fiscal_year, project_code from projects where batch_id = $batch))
