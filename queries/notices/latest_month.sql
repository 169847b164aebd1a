-- latest_month: the latest month of fiscal year $year with payments imported (NULL: none yet); an
-- inquiry closes when the project is on track at this month.
select max(month) as latest_month
from monthly_actuals
where fiscal_year = $year and amount_yuan <> 0 and month <= 12   -- 13..18: carry-over months (migration 014)
