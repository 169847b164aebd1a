-- refresh_sources_clear_marked: forget the cached money by source of the projects in pace_refresh
-- (refresh_sources_fill with $only_marked follows).
delete from source_cache c
using pace_refresh r
where c.fiscal_year = r.fiscal_year and c.project_code = r.project_code
