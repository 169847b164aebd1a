-- add_to_monthly_actuals: keep the project × month rollup in step with batch $batch of payments
-- ($sign = 1 when it is written, −1 when it is undone).
insert into monthly_actuals
select fiscal_year, project_code, month(pay_date), $sign * sum(amount_yuan)
from disbursements
where batch_id = $batch
group by all
on conflict (fiscal_year, project_code, month)
do update set amount_yuan = monthly_actuals.amount_yuan + excluded.amount_yuan
