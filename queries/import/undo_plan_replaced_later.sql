-- undo_plan_replaced_later: projects of plan batch $batch that a later live plan batch replaced
-- again: undoing $batch first would hide which plan is current, so the undo is refused.
select v.fiscal_year, v.project_code, v.replaced_by
from plan_versions v
join import_batches b on b.batch_id = v.replaced_by
where v.batch_id = $batch and v.replaced_by > $batch and b.undone_at is null
order by all
