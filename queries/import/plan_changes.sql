-- plan_changes: every stored project a staged plan (import_new) changes, before and after:
-- name, section, initial budget (万元, exact) and checkpoints (month, %).
with stored as (
    select p.fiscal_year, p.project_code, p.project_name, p.section, p.budget_yuan,
           coalesce(list({'month': c.month, 'pct': c.plan_pct, 'yuan': c.plan_yuan} order by c.month)
                    filter (where c.month is not null), []) as checkpoints
    from projects p
    left join plan_checkpoints c on c.fiscal_year = p.fiscal_year and c.project_code = p.project_code
    group by all
)
select n.line, n.fiscal_year, n.project_code,
       t.project_name as name_before, n.project_name as name_after,
       t.section as section_before, n.section as section_after,
       t.budget_yuan * 0.0001 as budget_wan_before, n.budget_yuan * 0.0001 as budget_wan_after,
       t.checkpoints as checkpoints_before, n.checkpoints as checkpoints_after
from import_new n
join stored t on t.fiscal_year = n.fiscal_year and t.project_code = n.project_code
order by n.line
