-- Schema version 17 (issue 35): what a 绩效目标申报表 says of a project beyond the year's budget, kept as the
-- document gives it and shown on the 项目 page. The year's budget (年度资金申请总额) is projects.budget_yuan as
-- for every project; the whole life's total (项目资金总额) is never a budget, only shown.
--   total_yuan: 项目资金总额 (a multi-year project's whole life), NULL when the document gives none;
--   period_start / period_end: 计划开始日期 / 计划完成日期; nature: 项目性质; implementer: 实施单位;
--   code_made: the document gives no 项目编码 and project_code was made from the name (document.made_code).
-- Written (replaced) by import-document for the projects of a 申报表; no batch of its own: it describes the
-- project the plan batch wrote.
create table if not exists project_terms (
    fiscal_year  integer not null,
    project_code varchar not null,
    total_yuan   decimal(18, 2) check (total_yuan >= 0),
    period_start date,
    period_end   date,
    nature       varchar,
    implementer  varchar,
    code_made    boolean not null default false,
    primary key (fiscal_year, project_code)
);
