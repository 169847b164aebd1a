-- undo_hand_over_versions: the earlier version a handed-over project replaced is now the one its
-- new batch replaced (undoing that batch later brings it back).
update plan_versions v set replaced_by = h.claimant
from undo_handover h
where v.replaced_by = $batch and v.fiscal_year = h.fiscal_year and v.project_code = h.row_key
