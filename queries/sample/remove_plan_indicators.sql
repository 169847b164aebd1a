-- remove_plan_indicators: the 绩效指标 of the projects that sample plan batch $batch wrote.
delete from indicators
where (fiscal_year, project_code) in (select fiscal_year, project_code from projects where batch_id = $batch)
