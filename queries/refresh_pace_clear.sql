-- refresh_pace_clear: forget the cached pace of fiscal years $years (refresh_pace_fill follows).
delete from pace_cache where list_contains($years::integer[], fiscal_year)
