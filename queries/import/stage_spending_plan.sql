-- stage_spending_plan: a 用款计划 (import_plan_matched, its problems in import_plan_problems) staged as a plan:
-- one row per project with the columns stage_plan.sql makes (see spending_plan_cells.sql for the rules);
-- the name, 科室 and budget are the stored plan's. planned_yuan / adjusted_yuan: the plan's total against the
-- project's budget with every adjustment of the year (spending_plan_over_budget.sql).
create or replace temp table import_staged as
with
good as (
    select m.* from import_plan_matched m
    where m.project_code is not null and m.month is not null and m.amount_yuan is not null
),
project as (
    select fiscal_year, project_code, min(line) as line, max(line) as last_line, bool_or(quarterly) as quarterly,
        max(month) as last_month, list(distinct line) as lines
    from good group by all
),
months as (
    select p.*, unnest(generate_series(case when quarterly then 3 else 1 end, last_month,
                                       case when quarterly then 3 else 1 end)) as month
    from project p
),
cumulative as (
    select m.fiscal_year, m.project_code, m.month,
        (select coalesce(sum(g.amount_yuan), 0) from good g
         where g.fiscal_year = m.fiscal_year and g.project_code = m.project_code and g.month <= m.month)::decimal(18, 2) as yuan
    from months m
),
budget as (
    select p.fiscal_year, p.project_code, p.project_name, p.section, p.budget_yuan,
        p.unit_code, p.unit_name, p.source, p.direct,     -- its 预算单位 and 资金来源 stay too (issue 34)
        p.budget_yuan + coalesce((select sum(a.amount_yuan) from adjustments a
                                  where a.fiscal_year = p.fiscal_year and a.project_code = p.project_code), 0) as adjusted_yuan
    from projects p
    where (p.fiscal_year, p.project_code) in (select (fiscal_year, project_code) from project)
)
select p.line, p.fiscal_year, p.project_code, b.project_name, b.section, b.budget_yuan * 0.0001 as budget_wan, b.budget_yuan,
    NULL::varchar as purpose, NULL::varchar as goal_1, NULL::varchar as goal_2,
    b.unit_code, b.unit_name, b.source, b.direct,
    list({'month': c.month,
          'pct': case when b.budget_yuan > 0 then least(100, round(c.yuan * 100 / b.budget_yuan, 2)) else 0 end::decimal(5, 2),
          'yuan': c.yuan} order by c.month) as checkpoints,
    max(c.yuan) as planned_yuan, b.adjusted_yuan, p.last_line,
    NULL::varchar as decreasing_month,
    not exists (select 1 from import_plan_problems q where list_contains(p.lines, q.line)) as row_ok,
    p.line as first_line
from project p
join budget b using (fiscal_year, project_code)
join cumulative c using (fiscal_year, project_code)
group by all
