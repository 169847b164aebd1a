-- stored_plan: staged plan rows for a (year, code) already stored, and which values differ;
-- '' means identical (skipped). A differing row replaces the stored plan (not a conflict).
-- 资金用途, goals, 预算单位 and 资金来源/直达 are compared only when the file has those columns ($has_* flags).
create or replace temp table import_stored as
with stored as (
    select p.fiscal_year, p.project_code, p.project_name, p.section, p.budget_yuan, p.purpose, p.goal_1, p.goal_2,
           p.unit_code, p.unit_name, p.source, p.direct,
           coalesce(list({'month': c.month, 'pct': c.plan_pct, 'yuan': c.plan_yuan} order by c.month)
                    filter (where c.month is not null), []) as checkpoints
    from projects p
    left join plan_checkpoints c on c.fiscal_year = p.fiscal_year and c.project_code = p.project_code
    group by all
)
select s.line, s.project_code,
    concat_ws(', ',
        case when s.project_name is distinct from t.project_name then 'project_name' end,
        case when s.section is distinct from t.section then 'section' end,
        case when s.budget_yuan is distinct from t.budget_yuan then 'budget_wan' end,
        case when s.checkpoints is distinct from t.checkpoints then 'checkpoints' end,
        case when $has_purpose and s.purpose is distinct from t.purpose then 'purpose' end,
        case when $has_goal_1 and s.goal_1 is distinct from t.goal_1 then 'goal_1' end,
        case when $has_goal_2 and s.goal_2 is distinct from t.goal_2 then 'goal_2' end,
        case when $has_unit and (s.unit_code is distinct from t.unit_code or s.unit_name is distinct from t.unit_name)
             then 'unit_name' end,
        case when $has_source and s.source is distinct from t.source then 'source' end,
        case when $has_direct and s.direct is distinct from t.direct then 'direct' end) as differs
from import_staged s
join stored t on t.fiscal_year = s.fiscal_year and t.project_code = s.project_code
where s.row_ok
order by s.line
