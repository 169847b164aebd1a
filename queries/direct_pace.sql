-- direct_pace: 总览's 直达资金 beside the whole (SPEC §5, issue 34) at the end of month $month of fiscal year $year,
-- of the sections in $scope (a section user's own; NULL = all): one row for all money (direct NULL) and one for
-- 直达资金 (direct true) when there is any: budget, actual, 执行率 and 序时进度 (every source adds up to the whole).
with
chosen as (
    select m.*
    from source_money($year, $month) m
    join projects p on p.fiscal_year = $year and p.project_code = m.project_code
    where $scope::varchar[] is null or list_contains($scope::varchar[], p.section)
),
summed as (
    select case when grouping(direct) = 0 then direct end as direct,
        sum(budget_fen)::hugeint as budget_fen, sum(actual_fen)::hugeint as actual_fen
    from chosen
    group by grouping sets ((), (direct))
)
select direct,
    round2(budget_fen, 1000000)::decimal(18, 2) as budget_wan,
    round2(actual_fen, 1000000)::decimal(18, 2) as actual_wan,
    round2(100 * actual_fen, budget_fen)::decimal(18, 2) as actual_pct,
    round2(100 * $month, 12)::decimal(18, 2) as time_pct,
    round2(1200 * actual_fen - 100 * $month * budget_fen, 12 * budget_fen)::decimal(18, 2) as time_deviation_pp
from summed
where direct is null or direct
order by direct nulls first
