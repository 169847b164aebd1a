-- fiscal_years: the fiscal years the loaded 科室 name (init, after its section list).
insert into fiscal_years select distinct fiscal_year from sections on conflict do nothing
