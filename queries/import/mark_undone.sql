-- mark_undone: record that batch $batch was removed.
update import_batches set undone_at = current_timestamp where batch_id = $batch
