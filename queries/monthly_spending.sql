-- monthly_spending: the bureau's payments in each month 1..$month of fiscal year $year, each
-- month's share (%) of the spending so far, and what the plan scheduled for that month (均衡性).
-- paid_fen and planned_num are exact (planned_num: the month's increase of the plan, in
-- fen × 277,200,000 as in macros.sql) for rules.uneven_months; above_limit: share above $limit %.
-- Of the sections in $scope (NULL = all).
with
months as (select range::integer as month from range(1, $month + 1)),
paid as (
    select month, sum(amount_yuan * 100)::hugeint as fen
    from monthly_actuals
    where fiscal_year = $year and month <= $month
      and ($scope::varchar[] is null or project_code in (
          select project_code from projects
          where fiscal_year = $year and list_contains($scope::varchar[], section)))
    group by month
),
plan as (    -- the bureau's cumulative plan amount at each month end; thresholds do not matter here
    select as_of_month as month,
           plan_amount_num - coalesce(lag(plan_amount_num) over (order by as_of_month), 0) as planned_num
    from section_pace($year, 0::decimal(18, 6), 0::decimal(18, 6), false, $scope::varchar[])
),
final as (
    select m.month, coalesce(p.fen, 0) as fen, sum(coalesce(p.fen, 0)) over () as year_fen,
           coalesce(l.planned_num, 0) as planned_num,
           sum(coalesce(l.planned_num, 0)) over () as year_planned_num
    from months m left join paid p using (month) left join plan l using (month)
)
select month,
       round2(fen, 1000000) as paid_wan,
       round2(100 * fen, year_fen) as share_pct,
       round2(100 * planned_num, year_planned_num) as plan_share_pct,
       fen as paid_fen,
       planned_num,
       100 * fen > $limit::decimal(9, 2) * year_fen as above_limit
from final
order by month
