-- remove_empty_year: the fiscal_years row of year $year when nothing else of that year remains.
delete from fiscal_years y
where y.fiscal_year = $year
  and not exists (select 1 from projects where fiscal_year = $year)
  and not exists (select 1 from sections where fiscal_year = $year)
  and not exists (select 1 from disbursements where fiscal_year = $year)
  and not exists (select 1 from adjustments where fiscal_year = $year)
