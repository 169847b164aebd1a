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


def section_status(con, year: int, month: int, thresholds: Thresholds = Thresholds()) -> list[dict]:
    return db.rows(con, "section_status", year=year, month=month, **thresholds.params())
