-- remove_plan_projects: the projects that sample plan batch $batch wrote (and that no later plan replaced).
delete from projects where batch_id = $batch
