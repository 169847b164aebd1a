-- undo_handover_count: how many rows undo hands over to a later batch (temp table undo_handover, undo_claimants.sql).
select count(*) from undo_handover
