-- undo_hand_over_disbursements: payments of batch $batch that a later live batch also brought
-- (temp table undo_handover) now belong to that batch.
update disbursements d set batch_id = h.claimant
from undo_handover h
where d.batch_id = $batch and d.fiscal_year = h.fiscal_year and d.project_code = h.project_code
  and d.voucher_no || case when d.line_no <> '' then chr(31) || d.line_no else '' end = h.row_key   -- claim_disbursements.sql
