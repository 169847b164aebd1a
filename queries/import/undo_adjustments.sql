-- undo_adjustments: the adjustments of batch $batch deleted.
delete from adjustments where batch_id = $batch
