-- amount_behind: at the end of month $month of fiscal year $year, the money behind plan summed over
-- the projects behind it (计划差额 > 0) and, apart, the money ahead of plan of the projects ahead; the
-- net of the two is the bureau's gap_wan. Summed exactly (fen × 277,200,000), rounded once.
with
gaps as (
    select plan_amount_num - 277200000 * actual_fen::hugeint as gap_num
    from project_pace($year, 0::decimal(18, 6), 0::decimal(18, 6))
    where as_of_month = $month
),
final as (
    select coalesce(sum(gap_num) filter (where gap_num > 0), 0) as behind_num,
           count(*) filter (where gap_num > 0) as behind_projects,
           coalesce(-sum(gap_num) filter (where gap_num < 0), 0) as ahead_num,
           count(*) filter (where gap_num < 0) as ahead_projects
    from gaps
)
select round2(behind_num, 277200000000000)::decimal(18, 2) as behind_wan, behind_projects,
       round2(ahead_num, 277200000000000)::decimal(18, 2) as ahead_wan, ahead_projects
from final
