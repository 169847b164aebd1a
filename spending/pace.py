"""The pace of projects and sections for one month: thin Python over queries/*status.sql."""

from __future__ import annotations

from spending import db
from spending.rules import Thresholds

# Columns of `status --format csv` and `sections --format csv`, in SPEC §3 order.
STATUS_COLUMNS = [
    "fiscal_year", "as_of", "section", "unit_code", "unit_name", "project_code", "project_name", "budget_wan", "actual_wan",
    "actual_pct", "plan_pct", "time_pct", "deviation_pp", "time_deviation_pp", "gap_wan", "status",
]
SECTION_COLUMNS = [
    "fiscal_year", "as_of", "section", "projects", "budget_wan", "actual_wan", "actual_pct", "plan_pct",
    "deviation_pp", "on_track", "lagging", "severe", "overspent",
]

# Columns of `units` and `sources` (SPEC §5), in order.
UNIT_COLUMNS = [
    "fiscal_year", "as_of", "unit_code", "unit_name", "sections", "projects", "budget_wan", "actual_wan", "actual_pct",
    "plan_pct", "deviation_pp", "gap_wan", "lagging", "severe", "overspent", "no_plan", "rank",
]
SOURCE_COLUMNS = [
    "fiscal_year", "as_of", "source", "direct", "projects", "budget_wan", "actual_wan", "actual_pct", "time_pct",
    "time_deviation_pp",
]


def all_money(params: dict) -> bool:
    """Parameters of project_status (project_count) that choose no money, neither sources nor 直达资金: ask
    project_status, which never plans the money by source; else project_status_money (project_count_money)."""
    return params.get("sources") is None and not params.get("direct")


def project_status(con, year: int, month: int, thresholds: Thresholds = Thresholds(),
                   section: str | None = None, unit: str | None = None, source: str | None = None,
                   direct: bool = False) -> list[dict]:
    """Every project's pace; of one 预算单位 (its code, or a 部门 code above it) and counting only one source's
    money, or only 直达资金, when asked (SPEC §5)."""
    params = dict(year=year, month=month, sections=[section] if section else None, statuses=None, min_gap=None,
                  limit=None, unit=unit, sources=[source] if source else None, direct=direct, **thresholds.params())
    if all_money(params):
        return db.rows(con, "project_status", **params)
    return db.rows(con, "project_status_money", **params)


def unit_status(con, year: int, month: int, thresholds: Thresholds = Thresholds(), sections: list[str] | None = None,
                source: str | None = None, direct: bool = False, columns: list[str] | None = None) -> list[dict]:
    """Per 预算单位, ranked by 执行率 (queries/unit_status.sql); of every section counting all the money, the same rows
    from unit_cache (queries/unit_status_all.sql). columns: only those (fetched: the command line's UNIT_COLUMNS)."""
    def fetch(name: str, **params) -> list[dict]:
        return db.rows_of(con, name, columns, **params) if columns else db.rows(con, name, **params)
    if sections is None and not source and not direct:
        return fetch("unit_status_all", year=year, month=month, **thresholds.params())
    return fetch("unit_status", year=year, month=month, scope=sections, sources=[source] if source else None,
                direct=direct, **thresholds.params())


def source_status(con, year: int, month: int, sections: list[str] | None = None,
                  unit: str | None = None) -> list[dict]:
    """Per 资金来源, 直达资金 first (queries/source_status.sql)."""
    return db.rows(con, "source_status", year=year, month=month, scope=sections, unit=unit)


def closed_year_status(con, year: int, through: int, thresholds: Thresholds = Thresholds(),
                       section: str | None = None) -> list[dict]:
    """Fiscal year `year` closed, at the end of month `through` (13..18: January..June of the next year): December's
    pace with the carry-over payments paid by then (queries/closed_year_status.sql)."""
    return db.rows(con, "closed_year_status", year=year, through=through, sections=[section] if section else None,
                   statuses=None, min_gap=None, unit=None, limit=None, **thresholds.params())


def section_status(con, year: int, month: int, thresholds: Thresholds = Thresholds(), source: str | None = None,
                   direct: bool = False) -> list[dict]:
    if source or direct:   # only that source's money (SPEC §5)
        return db.rows(con, "section_status_chosen", year=year, month=month, sources=[source] if source else None,
                       direct=direct, **thresholds.params())
    return db.rows(con, "section_status", year=year, month=month, scope=None, **thresholds.params())   # every section


# Columns of `compare --format csv` (SPEC §3.1), in order.
COMPARE_COLUMNS = ["section", "actual_pct", "plan_pct", "deviation_pp", "last_actual_pct", "last_deviation_pp",
                   "change_pp"]


def compare_sections(con, year: int, month: int, with_year: int | None = None,
                     thresholds: Thresholds = Thresholds()) -> list[dict]:
    """Each section in `year` against the same month of `with_year` (default: the year before).
    Rows also carry fiscal_year, with_year and as_of; blanks (None) where a section is in one year only."""
    return db.rows(con, "compare_sections", year=year, month=month,
                   with_year=year - 1 if with_year is None else with_year, **thresholds.params())
