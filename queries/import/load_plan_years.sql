-- load_plan_years: the fiscal years the new plan rows bring.
insert into fiscal_years select distinct fiscal_year from import_new on conflict do nothing
