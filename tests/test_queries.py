"""The pages' queries agree with each other and with the full status table: filters and caps
(project_status / project_count), the top of the list (most_behind), the bureau's sums, and the
importer's partial refresh of pace_cache (only the projects an import touched)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import Ledger, plan_row
from spending import db
from spending.db import pace_cache
from spending.rules import Thresholds

PACE = Thresholds().params()
ALL = {"sections": None, "statuses": None, "min_gap": None}


@pytest.fixture(scope="module")
def province_made(tmp_path_factory):
    """12 projects in 3 sections, paid unevenly: every status occurs at month 6 (made once, closed)."""
    ledger = Ledger(tmp_path_factory.mktemp("province"))
    rows = [plan_row(f"P{i:02d}", 10 + i, {3: 20, 6: 50, 12: 100}, section=f"科{i % 3}") for i in range(12)]
    ledger.plan(*rows)
    for i in range(12):
        paid = (10 + i) * 10000 * Decimal(i * 9) / 100          # 0 % … 99 % of the budget by June
        if i == 11:
            paid = (10 + i) * 10000 * Decimal("1.2")             # overspent
        if paid:
            ledger.pay(f"P{i:02d}", ("2021-05-20", str(paid)))
    ledger.con.close()
    return ledger


@pytest.fixture
def province(province_made, tmp_path):
    """A copy of the province for each test."""
    ledger = Ledger(tmp_path, like=province_made)
    yield ledger
    ledger.con.close()


def rows(con, name, **params):
    if name in ("project_status", "project_count"):   # every unit and source (SPEC §5)
        params = {"unit": None, "sources": None, "direct": False, **params}
    return db.rows(con, name, year=2021, **params)


FILTERS = [
    ALL,
    {**ALL, "sections": ["科1"]},
    {**ALL, "sections": ["科0", "科2"]},
    {**ALL, "statuses": ["severe"]},
    {**ALL, "statuses": ["lagging", "overspent"]},
    {**ALL, "min_gap": "3"},
    {"sections": ["科2"], "statuses": ["severe", "lagging"], "min_gap": "1"},
    {**ALL, "sections": ["no such section"]},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_capped_list_and_count_match_the_full_list(province, filters):
    everything = rows(province.con, "project_status", month=6, limit=None, **ALL, **PACE)
    full = rows(province.con, "project_status", month=6, limit=None, **filters, **PACE)
    wanted = [r for r in everything
              if (filters["sections"] is None or r["section"] in filters["sections"])
              and (filters["statuses"] is None or r["status"] in filters["statuses"])
              and (filters["min_gap"] is None or r["gap_wan"] >= Decimal(filters["min_gap"]))]
    assert full == wanted
    assert rows(province.con, "project_status", month=6, limit=3, **filters, **PACE) == full[:3]
    [count] = rows(province.con, "project_count", month=6, **filters, **PACE)
    assert count["matching"] == len(full)


def test_every_status_occurs_and_overspent_comes_first(province):
    listed = rows(province.con, "project_status", month=6, limit=None, **ALL, **PACE)
    assert {r["status"] for r in listed} == {"overspent", "severe", "lagging", "on_track"}
    assert listed[0]["status"] == "overspent"
    deviations = [r["deviation_pp"] for r in listed[1:]]
    assert deviations == sorted(deviations)


def test_most_behind_is_the_top_of_the_list_by_money(province):
    listed = rows(province.con, "project_status", month=6, limit=None, **ALL, **PACE)
    by_gap = sorted((r for r in listed if r["gap_wan"] > 0), key=lambda r: (-r["gap_wan"], r["project_code"]))
    top = rows(province.con, "most_behind", month=6, limit=5, scope=None, **PACE)
    assert [r["project_code"] for r in top] == [r["project_code"] for r in by_gap[:5]]


def test_bureau_curve_sums_the_sections(province):
    bureau = {r["as_of_month"]: r for r in rows(province.con, "bureau_curve", scope=None, **PACE)}
    for month in (3, 6, 12):
        sections = rows(province.con, "section_status", month=month, scope=None, **PACE)
        assert bureau[month]["projects"] == sum(s["projects"] for s in sections) == 12
        assert bureau[month]["actual_wan"] == sum(s["actual_wan"] for s in sections)
        for status in ("on_track", "lagging", "severe", "overspent"):
            assert bureau[month][status] == sum(s[status] for s in sections)
        curve = rows(province.con, "section_curve", section="科1", **PACE)
        [one] = [s for s in sections if s["section"] == "科1"]
        assert curve[month - 1]["actual_wan"] == one["actual_wan"]


def test_an_import_refreshes_only_its_projects_and_matches_a_full_refresh(province):
    con = province.con
    before = con.execute("select * from pace_cache where project_code <> 'P03' order by all").fetchall()
    province.pay("P03", ("2021-02-02", "1234.56"))
    province.adjust("P05", ("2021-04-01", "2"))
    after = con.execute("select * from pace_cache order by all").fetchall()
    assert con.execute("select count(*) from pace_refresh").fetchone()[0] == 0
    untouched = [r for r in after if r[3] not in ("P03", "P05")]
    assert untouched == [r for r in before if r[3] != "P05"]
    pace_cache.refresh_pace(con)
    assert con.execute("select * from pace_cache order by all").fetchall() == after


def test_a_name_no_table_has_is_an_error_never_a_python_variable(province):
    """DuckDB's replacement scans are off: a query naming a missing table does not read a frame of that name
    in the caller (the importer registers the one frame it reads, import_rows)."""
    import duckdb
    import pandas as pd

    projects_shown = pd.DataFrame({"project_code": ["P99"]})       # noqa: F841 - the name the query gives
    with pytest.raises(duckdb.CatalogException, match="projects_shown"):
        province.con.execute("select * from projects_shown").fetchall()
