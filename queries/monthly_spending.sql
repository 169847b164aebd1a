-- monthly_spending: the bureau's payments in each month 1..$month of fiscal year $year and each
-- month's share (%) of the spending so far; months above $limit % are flagged (均衡性).
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
final as (
    select m.month, coalesce(p.fen, 0) as fen, sum(coalesce(p.fen, 0)) over () as year_fen
    from months m left join paid p using (month)
)
select month,
       round2(fen, 1000000) as paid_wan,
       round2(100 * fen, year_fen) as share_pct,
       100 * fen > $limit::decimal(9, 2) * year_fen as uneven
from final
order by month
