-- undo_hand_over_plan: projects of plan batch $batch that a later live plan batch also brought
-- (temp table undo_handover) now belong to that batch.
update projects p set batch_id = h.claimant
from undo_handover h
where p.batch_id = $batch and p.fiscal_year = h.fiscal_year and p.project_code = h.row_key
