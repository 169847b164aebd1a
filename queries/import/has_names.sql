-- has_names: whether a staged payment names its project (项目名称, or a 代码 - 名称 cell): only then are
-- the names checked against the plan (spending.ingest._match_names).
select exists (select 1 from import_staged where project_name is not null)
