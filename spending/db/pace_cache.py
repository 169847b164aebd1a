"""pace_cache, source_cache and unit_cache, the derived tables the pages read: recomputed inside the transaction that
changed the data, for the projects it changed or for whole fiscal years (unit_cache, the sums per 预算单位, for the
whole of every year touched)."""

from __future__ import annotations

from spending import db

def refresh_pace(con, years: list[int] | None = None, changed: str | None = None) -> None:
    """Recompute pace_cache (and source_cache beside it) for these fiscal years (all, when None), or only for the projects
    of the relation `changed` (a table or view with fiscal_year and project_code, such as the
    importer's import_new); then unit_cache for every fiscal year touched. Call it inside the transaction that changed
    the data."""
    touched: list[int] = []
    if changed is not None:
        db.execute(con, "refresh_pace_mark", changed=changed)
        marked = db.execute(con, "refresh_pace_marked").fetchall()
        planned = dict(db.execute(con, "refresh_pace_planned").fetchall())
        some = [y for y, n in marked if 2 * n < planned.get(y, 0)]     # else recomputing all is faster
        if some:
            db.execute(con, "refresh_pace_clear_marked")
            db.execute(con, "refresh_sources_clear_marked")     # the money by source beside it (issue 34)
            for year in some:
                db.execute(con, "refresh_pace_fill", year=year, only_marked=True)
                db.execute(con, "refresh_sources_fill", year=year, only_marked=True)
        db.execute(con, "refresh_pace_unmark")
        touched = some
        years = [y for y, _ in marked if y not in some]
    if years is None:
        years = [y for (y,) in db.execute(con, "refresh_pace_years").fetchall()]
    years = sorted(set(years))
    if years:
        db.execute(con, "refresh_pace_clear", years=years)
        db.execute(con, "refresh_sources_clear", years=years)
        for year in years:
            db.execute(con, "refresh_pace_fill", year=year, only_marked=False)
            db.execute(con, "refresh_sources_fill", year=year, only_marked=False)
    refresh_units(con, sorted(set(touched + years)))


def refresh_units(con, years: list[int]) -> None:
    """unit_cache of these fiscal years from their pace_cache (the sums per 预算单位 and 科室 that `units` reads)."""
    if not years:
        return
    db.execute(con, "refresh_units_clear", years=years)
    for year in years:
        db.execute(con, "refresh_units_fill", year=year)
