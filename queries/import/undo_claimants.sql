-- undo_claimants: rows of batch $batch that a later live batch of the same kind also brought
-- (batch_claims), each with the earliest such batch: undoing $batch hands them over to it.
create or replace temp table undo_handover as
select c.fiscal_year, c.project_code, c.row_key, min(c.batch_id) as claimant
from batch_claims c
join import_batches b on b.batch_id = c.batch_id
where c.batch_id > $batch and b.undone_at is null and b.kind = $kind
group by all
