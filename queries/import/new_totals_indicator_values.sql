-- new_totals_indicator_values: how many indicator values import_new holds (new_rows.sql); they carry no amount (0).
select count(*), coalesce(sum(0), 0), coalesce(sum(abs(0)), 0) from import_new
