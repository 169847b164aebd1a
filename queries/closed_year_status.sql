-- closed_year_status: the projects' pace of fiscal year $year closed, at a cut-off after 31 December: the end of
-- month $through (13..18 = January..June of the next year, the carry-over period of migration 014). December's
-- budget and plan (no adjustment or checkpoint lies beyond it; time_pct stays 100) with the carry-over payments
-- (跨年/结转期) paid by that cut-off added to the actual. The columns and order of project_status.sql; the same
-- exact integers and rules (macros.sql: a project without a checkpoint is no_plan, its plan figures empty).
-- Filters as project_status's (NULL = all): $sections, $statuses, $min_gap (万元), $unit (a 部门 code takes its
-- 单位); $limit (NULL = all) caps the rows, matching counts what the filters keep. carry_over_wan: the carry-over
-- payments counted (paid after 31 December, by the cut-off), in 万元.
with
carried as (
    select project_code, sum(amount_yuan * 100)::hugeint as fen
    from monthly_actuals
    where fiscal_year = $year and month between 13 and $through
    group by project_code
),
december as (
    select p.*, p.actual_fen + coalesce(c.fen, 0) as closed_fen,
        p.project_code in (select project_code from plan_checkpoints where fiscal_year = $year) as has_plan
    from pace_cache p
    left join carried c using (project_code)
    where p.fiscal_year = $year and p.as_of_month = 12
      and ($sections::varchar[] is null or list_contains($sections::varchar[], p.section))
),
final as (
    select fiscal_year, strftime(make_date($year + 1, $through - 12, 1), '%Y-%m') as as_of, $through as as_of_month,
        section, (select unit_code from projects u where u.fiscal_year = $year and u.project_code = december.project_code) as unit_code,
        (select unit_name from projects u where u.fiscal_year = $year and u.project_code = december.project_code) as unit_name,
        project_code, project_name, budget_wan,
        round2(closed_fen, 1000000)::decimal(18, 2) as actual_wan,
        round2(100 * closed_fen, budget_fen)::decimal(18, 2) as actual_pct,
        case when has_plan then plan_pct end as plan_pct, time_pct,
        case when has_plan then round2(100 * closed_fen * 2772000 - plan_amount_num, 2772000 * budget_fen)::decimal(18, 2)
            end as deviation_pp,
        round2(1200 * closed_fen - 1200 * budget_fen, 12 * budget_fen)::decimal(18, 2) as time_deviation_pp,
        case when has_plan then round2(plan_amount_num - 277200000 * closed_fen, 277200000000000)::decimal(18, 2)
            end as gap_wan,
        pace_status(closed_fen, budget_fen, deviation_micro(closed_fen, budget_fen, plan_amount_num),
                    $yellow::decimal(18, 6), $red::decimal(18, 6), has_plan) as status,
        case when has_plan then plan_wan end as plan_wan,
        round2(closed_fen - actual_fen, 1000000)::decimal(18, 2) as carry_over_wan, closed_fen > budget_fen as over
    from december
),
chosen as (
    select *, count(*) over () as matching
    from final
    where ($statuses::varchar[] is null or list_contains($statuses::varchar[], status))
      and ($min_gap::decimal(18, 2) is null or gap_wan >= $min_gap::decimal(18, 2))
      and ($unit::varchar is null or starts_with(unit_code, $unit::varchar))
)
select * exclude (over) from chosen
order by over desc, deviation_pp asc nulls last, gap_wan desc, project_code
limit $limit
