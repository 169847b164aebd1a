-- mark_undone: record that batch $batch was taken back (undo, and the sample's removal in spending.seed).
update import_batches set undone_at = current_timestamp where batch_id = $batch
