-- undo_handover_drop: undo_handover (undo_claimants.sql) once the rows are handed over.
drop table undo_handover
