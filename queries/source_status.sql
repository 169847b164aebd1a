-- source_status: the `sources` rollup (SPEC §5) at the end of month $month of fiscal year $year: per 资金来源
-- (its name and whether it is 直达资金) the projects with money in it, budget (年初预算数 in the default source +
-- that source's adjustments to the cut-off) and actual (its payment lines paid by then), 执行率 and 序时进度.
-- Of the projects of the sections in $scope (a section user's own) and of unit $unit (a code; a 单位 under a 部门 code counts), NULL = all.
-- unbudgeted_wan: paid from the source on projects without budget in it (无指标支付), counted in actual too.
-- 直达资金 first, then the largest budget.
with
chosen as (
    select m.*
    from source_money($year, $month) m
    join projects p on p.fiscal_year = $year and p.project_code = m.project_code
    where ($scope::varchar[] is null or list_contains($scope::varchar[], p.section))
      and ($unit::varchar is null or starts_with(p.unit_code, $unit::varchar))
),
summed as (
    select source, direct,
        count(distinct project_code) as projects,
        sum(budget_fen)::hugeint as budget_fen,
        sum(actual_fen)::hugeint as actual_fen,
        coalesce(sum(actual_fen) filter (where not has_budget), 0)::hugeint as unbudgeted_fen,
        count(distinct project_code) filter (where not has_budget and actual_fen <> 0) as unbudgeted_projects
    from chosen
    group by source, direct
)
select $year::integer as fiscal_year, strftime(make_date($year, $month, 1), '%Y-%m') as as_of,
    source, direct, projects,
    round2(budget_fen, 1000000)::decimal(18, 2) as budget_wan,
    round2(actual_fen, 1000000)::decimal(18, 2) as actual_wan,
    round2(100 * actual_fen, budget_fen)::decimal(18, 2) as actual_pct,
    round2(100 * $month, 12)::decimal(18, 2) as time_pct,
    round2(1200 * actual_fen - 100 * $month * budget_fen, 12 * budget_fen)::decimal(18, 2) as time_deviation_pp,
    round2(unbudgeted_fen, 1000000)::decimal(18, 2) as unbudgeted_wan, unbudgeted_projects,
    budget_fen, actual_fen
from summed
order by direct desc, budget_fen desc, source
