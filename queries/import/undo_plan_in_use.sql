-- undo_plan_in_use: projects plan batch $batch brought new (no earlier version to go back to) that
-- already hold payments, adjustments, indicators or entered values: they cannot simply disappear.
select p.fiscal_year, p.project_code,
       (select count(*) from disbursements d where d.fiscal_year = p.fiscal_year and d.project_code = p.project_code)
     + (select count(*) from adjustments a where a.fiscal_year = p.fiscal_year and a.project_code = p.project_code)
     + (select count(*) from indicators i where i.fiscal_year = p.fiscal_year and i.project_code = p.project_code)
     + (select count(*) from monitoring_returns r where r.fiscal_year = p.fiscal_year and r.project_code = p.project_code)
       as rows_held
from projects p
where p.batch_id = $batch
  and not exists (select 1 from plan_versions v
                  where v.replaced_by = $batch and v.fiscal_year = p.fiscal_year and v.project_code = p.project_code)
  and rows_held > 0
order by all
