-- undo_disbursements: the payments of batch $batch deleted (their monthly sums are taken back first).
delete from disbursements where batch_id = $batch
