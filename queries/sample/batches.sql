-- batches: every batch marked as sample data and not undone, newest first.
select batch_id, kind from import_batches where is_sample and undone_at is null order by batch_id desc
