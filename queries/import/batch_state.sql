-- batch_state: a batch's kind and when it was undone (NULL: live).
select kind, undone_at from import_batches where batch_id = $batch
