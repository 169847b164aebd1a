-- undo_plan_years: the fiscal years the projects of plan batch $batch (and the versions it replaced) are in.
select fiscal_year from projects where batch_id = $batch
union
select fiscal_year from plan_versions where replaced_by = $batch
