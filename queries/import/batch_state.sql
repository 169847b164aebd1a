-- batch_state: the kind of batch $batch and when it was undone (NULL: live); no row when there is no such batch.
select kind, undone_at from import_batches where batch_id = $batch
