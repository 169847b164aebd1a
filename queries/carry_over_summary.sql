-- carry_over_summary: fiscal year $year's carry-over payments (跨年/结转期: paid after 31 December from that year's
-- budget, 预算年度 $year) of the projects in $scope (NULL = every section), paid by the end of month $through
-- (13..18 = January..June of the next year; NULL = the whole carry-over period): how many lines, their sum, and the
-- last month paid in (13..18; NULL without any).
select count(*) as payments, coalesce(sum(d.amount_yuan), 0)::decimal(18, 2) as amount_yuan,
    to_wan(coalesce(sum(d.amount_yuan), 0))::decimal(18, 2) as amount_wan, 12 + month(max(d.pay_date)) as last_month
from disbursements d
join projects p on p.fiscal_year = d.fiscal_year and p.project_code = d.project_code
where d.fiscal_year = $year and d.pay_date > make_date($year, 12, 31)
  and ($through::integer is null or d.pay_date <= last_day(make_date($year + 1, $through::integer - 12, 1)))
  and ($scope::varchar[] is null or list_contains($scope::varchar[], p.section))
