-- undo_hand_over_adjustments: adjustments of batch $batch that a later live batch also brought
-- (temp table undo_handover) now belong to that batch.
update adjustments a set batch_id = h.claimant
from undo_handover h
where a.batch_id = $batch and a.fiscal_year = h.fiscal_year and a.project_code = h.project_code
  and a.doc_no = h.row_key
