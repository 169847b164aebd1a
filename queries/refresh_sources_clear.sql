-- refresh_sources_clear: forget the cached money by source of fiscal years $years (refresh_sources_fill follows).
delete from source_cache where list_contains($years::integer[], fiscal_year)
