-- mark_undone: batch $batch is undone now.
update import_batches set undone_at = current_timestamp where batch_id = $batch
