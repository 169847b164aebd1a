-- data_summary: what is loaded, per fiscal year (数据 page). One pass over each table.
with
planned as (
    select fiscal_year, count(*) as projects, to_wan(sum(budget_yuan)) as initial_budget_wan
    from projects group by fiscal_year
),
paid as (
    select fiscal_year, count(*) as payments, to_wan(sum(amount_yuan)) as paid_wan, max(pay_date) as last_pay_date
    from disbursements group by fiscal_year
),
adjusted as (
    select fiscal_year, count(*) as adjustments from adjustments group by fiscal_year
)
select p.fiscal_year, p.projects, p.initial_budget_wan,
       coalesce(d.payments, 0) as payments, coalesce(d.paid_wan, 0) as paid_wan,
       coalesce(a.adjustments, 0) as adjustments, d.last_pay_date
from planned p
left join paid d using (fiscal_year)
left join adjusted a using (fiscal_year)
order by p.fiscal_year desc
