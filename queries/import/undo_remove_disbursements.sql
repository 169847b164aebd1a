-- undo_remove_disbursements: the payments of batch $batch taken out (those handed over no longer belong to it).
delete from disbursements where batch_id = $batch
