-- latest_month: the latest month of fiscal year $year with payments imported (NULL: none yet); an
-- inquiry closes when the project is on track at this month.
select case when max(month) > 12 then 12 else max(month) end as latest_month   -- 13..18: carry-over months (migration 014): December is in
from monthly_actuals
where fiscal_year = $year and amount_yuan <> 0
