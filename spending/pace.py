"""The pace of projects and sections for one month: thin Python over queries/*status.sql."""

from __future__ import annotations

from spending import db
from spending.rules import Thresholds

# Columns of `status --format csv` and `sections --format csv`, in SPEC §3 order.
STATUS_COLUMNS = [
    "fiscal_year", "as_of", "section", "project_code", "project_name", "budget_wan", "actual_wan",
    "actual_pct", "plan_pct", "time_pct", "deviation_pp", "time_deviation_pp", "gap_wan", "status",
]
SECTION_COLUMNS = [
    "fiscal_year", "as_of", "section", "projects", "budget_wan", "actual_wan", "actual_pct", "plan_pct",
    "deviation_pp", "on_track", "lagging", "severe", "overspent",
]


def project_status(con, year: int, month: int, thresholds: Thresholds = Thresholds(),
                   section: str | None = None) -> list[dict]:
    return db.rows(con, "project_status", year=year, month=month, sections=[section] if section else None,
                   statuses=None, min_gap=None, limit=None, **thresholds.params())


def closed_year_status(con, year: int, through: int, thresholds: Thresholds = Thresholds(),
                       section: str | None = None) -> list[dict]:
    """Fiscal year `year` closed, at the end of month `through` (13..18: January..June of the next year): December's
    pace with the carry-over payments paid by then (queries/closed_year_status.sql)."""
    return db.rows(con, "closed_year_status", year=year, through=through, sections=[section] if section else None,
                   **thresholds.params())


def section_status(con, year: int, month: int, thresholds: Thresholds = Thresholds()) -> list[dict]:
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
