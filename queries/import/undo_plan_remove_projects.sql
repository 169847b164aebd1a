-- undo_plan_remove_projects: the projects plan batch $batch holds (their earlier versions, if any,
-- come back next).
delete from projects where batch_id = $batch
