-- undo_hand_over_checkpoint_versions: the checkpoints of those earlier versions follow them.
update plan_checkpoint_versions v set replaced_by = h.claimant
from undo_handover h
where v.replaced_by = $batch and v.fiscal_year = h.fiscal_year and v.project_code = h.row_key
