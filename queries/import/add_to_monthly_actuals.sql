-- add_to_monthly_actuals: keep the project × month rollup in step with batch $batch of payments
-- ($sign = 1 when it is written, −1 when it is undone). The month counts from the fiscal year's January:
-- 1..12, then 13..18 for a carry-over payment paid in the next year's first months (migration 014).
insert into monthly_actuals
select fiscal_year, project_code, (year(pay_date) - fiscal_year) * 12 + month(pay_date), $sign * sum(amount_yuan)
from disbursements
where batch_id = $batch
group by all
on conflict (fiscal_year, project_code, month)
do update set amount_yuan = monthly_actuals.amount_yuan + excluded.amount_yuan
