-- refresh_pace_clear_marked: forget the cached pace of the projects in pace_refresh
-- (refresh_pace_fill with $only_marked follows).
delete from pace_cache c
using pace_refresh r
where c.fiscal_year = r.fiscal_year and c.project_code = r.project_code
