-- remove_plan_checkpoints: the 资金支出计划 checkpoints of the projects that sample plan batch $batch wrote.
delete from plan_checkpoints
where (fiscal_year, project_code) in (select fiscal_year, project_code from projects where batch_id = $batch)
