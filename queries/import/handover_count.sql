-- handover_count: how many rows of the batch undone a later batch also brought (undo_handover).
select count(*) from undo_handover
