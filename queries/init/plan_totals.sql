-- plan_totals: how many projects the document's plan holds and their 年初预算 in yuan (a sample plan not counted).
select count(*), sum(budget_yuan) from projects join import_batches using (batch_id) where not is_sample
