-- refresh_units_clear: forget the cached pace by 预算单位 of fiscal years $years (refresh_units_fill follows).
delete from unit_cache where list_contains($years::integer[], fiscal_year)
