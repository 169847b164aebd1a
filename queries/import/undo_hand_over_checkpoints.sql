-- undo_hand_over_checkpoints: the checkpoints of the projects handed over (undo_handover) follow them.
update plan_checkpoints c set batch_id = h.claimant
from undo_handover h
where c.batch_id = $batch and c.fiscal_year = h.fiscal_year and c.project_code = h.row_key
