-- data_summary: what is loaded, per fiscal year (数据 page).
select p.fiscal_year,
       count(*) as projects,
       sum(p.budget_yuan) / 10000 as initial_budget_wan,
       (select count(*) from disbursements d where d.fiscal_year = p.fiscal_year) as payments,
       (select coalesce(sum(amount_yuan), 0) / 10000 from disbursements d where d.fiscal_year = p.fiscal_year) as paid_wan,
       (select count(*) from adjustments a where a.fiscal_year = p.fiscal_year) as adjustments,
       (select max(pay_date) from disbursements d where d.fiscal_year = p.fiscal_year) as last_pay_date
from projects p
group by p.fiscal_year
order by p.fiscal_year desc
