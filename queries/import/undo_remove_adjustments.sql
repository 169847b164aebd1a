-- undo_remove_adjustments: the adjustments of batch $batch taken out (those handed over no longer belong to it).
delete from adjustments where batch_id = $batch
