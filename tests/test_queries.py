"""The pages' queries agree with each other and with the full status table: filters and caps
(project_status / project_count), the top of the list (most_behind), the bureau's sums, and the
importer's partial refresh of pace_cache (only the projects an import touched)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import Ledger, plan_row
from spending import db, pace
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
    if name in ("project_status", "project_count", "project_status_money", "project_count_money"):   # every unit
        # and source (SPEC §5)
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


@pytest.mark.parametrize("filters", FILTERS)
def test_the_status_of_chosen_money_lists_all_money_as_project_status_when_none_is_chosen(province, filters):
    """project_status (all money, whole_projects) and project_status_money (chosen_projects) are the same list and
    count when no source is chosen: the pages ask the first then (pace.all_money), the second for a choice."""
    for limit in (None, 3):
        assert (rows(province.con, "project_status_money", month=6, limit=limit, **filters, **PACE)
                == rows(province.con, "project_status", month=6, limit=limit, **filters, **PACE))
    assert (rows(province.con, "project_count_money", month=6, **filters, **PACE)
            == rows(province.con, "project_count", month=6, **filters, **PACE))


def _plans(con, name: str, params: dict) -> str:
    """Every plan DuckDB makes of queries/<name>.sql (the bound, unoptimised one too), as text."""
    cur = con.cursor()
    try:
        cur.execute("set explain_output = 'all'")
        return "\n".join(str(row) for row in cur.execute("explain " + db.sql(name), params).fetchall())
    finally:
        cur.close()


@pytest.mark.parametrize("name", ["project_status", "project_count"])
def test_the_status_of_all_money_never_plans_the_money_by_source(province, name):
    """Issue 41 (the status table 3.5x -> 1.6-3.2x faster than pandas): a union of the cache and money_pace is bound,
    both sides, whatever its parameters; money_pace's figures cost ~10 ms to plan on every call. project_status and
    project_count read whole_projects: not a scan of source_cache in any of their plans."""
    params = {"year": 2021, "month": 6, "unit": None, "sources": None, "direct": False, **ALL, **PACE}
    if name == "project_status":
        params["limit"] = None
    assert "pace_cache" in _plans(province.con, name, params)
    assert "source_cache" not in _plans(province.con, name, params)
    assert "source_cache" in _plans(province.con, f"{name}_money", params)      # the test sees a plan's tables


@pytest.mark.parametrize("chosen", [{"sources": ["本级安排资金"], "direct": False}, {"sources": None, "direct": True}])
def test_the_status_of_all_money_refuses_a_choice_of_sources(province, chosen):
    with pytest.raises(Exception, match="project_status counts all money: a choice of sources is project_status_money"):
        rows(province.con, "project_status", month=6, limit=None, **ALL, **PACE, **chosen)
    with pytest.raises(Exception, match="project_count counts all money"):
        rows(province.con, "project_count", month=6, **ALL, **PACE, **chosen)


@pytest.mark.parametrize("params, whole", [
    ({"sources": None, "direct": False}, True),
    ({}, True),
    ({"sources": None}, True),
    ({"sources": ["本级安排资金"], "direct": False}, False),
    ({"sources": [], "direct": False}, False),        # an empty choice is a choice (of nothing)
    ({"sources": None, "direct": True}, False),
    ({"sources": ["中央直达资金"], "direct": True}, False),
])
def test_all_money_is_no_choice_of_sources_nor_of_direct_funds(params, whole):
    assert pace.all_money(params) is whole


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
