"""Task B (issue 34): `units` of every section counting all the money reads unit_cache (one row per 预算单位 and month
end, kept by db.refresh_pace beside pace_cache) instead of every project's pace: the same rows, columns, types and
order as pace_rollup gives, for any thresholds and month, after partial and whole refreshes, undo and upgrade; the
other filters (--section, a section user's scope, --source, --direct) still sum the projects (queries/unit_status.sql).
Its speed is measured by benchmarks/units_sources.py."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from conftest import cli_in_process, fresh_db, plan_row, stored, write_csv
from spending import db, pace
from spending.db import opening
from spending.rules import Thresholds

PLAN_HEADER = (["fiscal_year", "project_code", "project_name", "section", "budget_wan"]
               + [f"m{m:02d}" for m in range(1, 13)] + ["单位编码", "预算单位"])
PAY_HEADER = ["voucher_no", "project_code", "pay_date", "amount_yuan"]

# (code, budget 万元, checkpoints, section, unit code, unit name): init's seven projects of 106 besides
UNITS_PLAN = [
    ("A-1", 10, {6: 50, 12: 100}, "科甲", "201", "甲局"),      # one unit in two sections
    ("A-2", 20, {3: 10, 6: 40, 12: 100}, "科乙", "201", "甲局"),
    ("A-3", 30, {6: 30, 12: 100}, "科乙", "201001", "甲局下属中心"),  # a 单位 under 201: a unit of its own here
    ("B-1", 10, {}, "科甲", "202", "乙局"),                    # no plan (no_plan)
    ("B-2", 10, {12: 100}, "科甲", "202", "乙局"),
    ("C-1", 5, {6: 50, 12: 100}, "科丙", "203", "丙局"),        # overspent by June
    ("D-1", 8, {6: 60, 12: 100}, "科丙", "", ""),              # no unit named
    ("E-1", 12, {4: 25, 8: 75, 12: 100}, "科甲", "204", "丁局"),
    ("E-2", 12, {4: 25, 8: 75, 12: 100}, "科乙", "204", "丁局"),
    ("F-1", 40, {6: 50, 12: 100}, "科丙", "205", "戊局"),       # paid as E-1 + E-2 relatively: a shared rank
]
PAYMENTS = [("A-1", "2021-03-10", "30000.00"), ("A-1", "2021-06-10", "15000.00"), ("A-2", "2021-05-01", "20000.00"),
            ("A-3", "2021-02-01", "45000.00"), ("B-2", "2021-04-01", "10000.00"), ("C-1", "2021-05-05", "60000.00"),
            ("D-1", "2021-01-20", "8000.00"), ("E-1", "2021-03-01", "30000.00"), ("E-2", "2021-07-01", "30000.00"),
            ("F-1", "2021-03-01", "50000.00"), ("F-1", "2021-07-01", "50000.00")]

THRESHOLDS = [Thresholds(), Thresholds(Decimal(0), Decimal(0)), Thresholds(Decimal(5), Decimal(5)),
              Thresholds(Decimal(1), Decimal(50)), Thresholds(Decimal("0.000001"), Decimal("30.5")),
              Thresholds(Decimal(100), Decimal(100))]


def import_ok(verb: str, path, db_path) -> None:
    out = cli_in_process(verb, str(path), db_path=db_path)
    assert out.returncode == 0, out.stderr


@pytest.fixture(scope="module")
def units_db(tmp_path_factory):
    """init's plan and ten more projects of six units (one in two sections, one without a plan, one overspent, one
    project of no unit), paid over the year."""
    folder = tmp_path_factory.mktemp("unit-cache")
    path = fresh_db(folder / "units.duckdb")
    rows = [plan_row(code, budget, points, section=section) + [unit, name]
            for code, budget, points, section, unit, name in UNITS_PLAN]
    import_ok("import-plan", write_csv(folder / "plan.csv", PLAN_HEADER, rows), path)
    pays = [[f"UC-{i}", code, day, amount] for i, (code, day, amount) in enumerate(PAYMENTS)]
    import_ok("import-disbursements", write_csv(folder / "pay.csv", PAY_HEADER, pays), path)
    return path


def from_projects(con, month: int, thresholds: Thresholds) -> duckdb.DuckDBPyConnection:
    """queries/unit_status.sql of every section and all the money: pace_rollup over every project's pace."""
    return db.run(con, "unit_status", year=2021, month=month, scope=None, sources=None, direct=False,
                  **thresholds.params())


def from_cache(con, month: int, thresholds: Thresholds) -> duckdb.DuckDBPyConnection:
    return db.run(con, "unit_status_all", year=2021, month=month, **thresholds.params())


def assert_same_units(path) -> None:
    """Every month end and every thresholds: unit_cache gives pace_rollup's rows, in its order, of its types."""
    con = opening.connect(path, read_only=True)
    try:
        for thresholds in THRESHOLDS:
            for month in range(1, 13):
                live, cached = from_projects(con, month, thresholds), from_cache(con, month, thresholds)
                assert [d[:2] for d in cached.description] == [d[:2] for d in live.description]
                assert [[str(v) for v in row] for row in cached.fetchall()] == [
                    [str(v) for v in row] for row in live.fetchall()], (thresholds, month)
    finally:
        con.close()


def test_the_units_of_every_section_from_the_cache_are_those_summed_from_the_projects(units_db):
    assert_same_units(units_db)
    con = opening.connect(units_db, read_only=True)
    try:   # the fixture has what it says: every status, a unit in two sections, a unit without a code, a shared rank
        june = {(r["unit_code"], r["unit_name"]): r for r in db.dicts(from_cache(con, 6, Thresholds()))}
        assert june[("201", "甲局")]["sections"] == 2 and june[(None, None)]["projects"] == 1
        assert june[("202", "乙局")]["no_plan"] == 1 and june[("203", "丙局")]["overspent"] == 1
        assert sum(r["lagging"] for r in june.values()) and sum(r["severe"] for r in june.values())
        assert june[("204", "丁局")]["rank"] == june[("205", "戊局")]["rank"]
    finally:
        con.close()


def test_on_the_demo_the_cache_gives_the_same_units(demo_db):
    assert_same_units(demo_db)


def test_units_of_every_section_read_the_cache_and_the_filters_still_sum_the_projects(units_db, tmp_path):
    """Without unit_cache's rows `units` lists none; with --section, --source or --direct it sums the projects."""
    path = tmp_path / "emptied.duckdb"
    path.write_bytes(units_db.read_bytes())
    expected = {args: cli_in_process("units", "--as-of", "2021-06", *args, "--format", "csv", db_path=units_db).stdout
                for args in ((), ("--section", "科乙"), ("--source", "本级安排资金"), ("--direct",))}
    con = duckdb.connect(str(path))
    con.execute("delete from unit_cache")
    con.close()
    out = cli_in_process("units", "--as-of", "2021-06", "--format", "csv", db_path=path)
    assert out.returncode == 0 and out.stdout.splitlines() == [",".join(pace.UNIT_COLUMNS)]
    assert len(expected[()].splitlines()) == 9
    for args in (("--section", "科乙"), ("--source", "本级安排资金"), ("--direct",)):
        out = cli_in_process("units", "--as-of", "2021-06", *args, "--format", "csv", db_path=path)
        assert out.returncode == 0 and out.stdout == expected[args], args
    assert len(expected[("--section", "科乙")].splitlines()) == 4 and len(expected[("--source", "本级安排资金")].splitlines()) == 9


def test_the_cache_follows_a_project_moved_to_another_unit_and_the_undo(units_db, tmp_path):
    """A plan file of one project (the importer refreshes only that project's pace) moving it to another unit and
    section: both units change in unit_cache; undoing the batch brings them back."""
    path = tmp_path / "moved.duckdb"
    path.write_bytes(units_db.read_bytes())
    before = cli_in_process("units", "--as-of", "2021-11", "--format", "csv", db_path=path).stdout
    moved = plan_row("E-2", 12, {4: 25, 8: 75, 12: 100}, section="科丙") + ["205", "戊局"]
    import_ok("import-plan", write_csv(tmp_path / "moved.csv", PLAN_HEADER, [moved]), path)
    assert stored(path, "select count(*) from pace_cache")[0][0] == 12 * 17      # (a partial refresh: nothing lost)
    after = {r[0]: r for r in stored(path, "select unit_code, projects, sections from unit_cache "
                                           "where fiscal_year = 2021 and as_of_month = 11")}
    assert (after["204"][1:], after["205"][1:]) == ((1, 1), (2, 1))
    assert_same_units(path)
    batch = stored(path, "select max(batch_id) from import_batches")[0][0]
    assert cli_in_process("undo", str(batch), db_path=path).returncode == 0
    assert cli_in_process("units", "--as-of", "2021-11", "--format", "csv", db_path=path).stdout == before
    assert_same_units(path)


def test_the_cache_follows_payments_adjustments_and_their_undo(units_db, tmp_path):
    path = tmp_path / "paid.duckdb"
    path.write_bytes(units_db.read_bytes())
    import_ok("import-disbursements", write_csv(tmp_path / "more.csv", PAY_HEADER, [
        ["UC-X1", "B-1", "2021-05-01", "5000.00"], ["UC-X2", "A-3", "2021-09-01", "-5000.00"]]), path)
    assert_same_units(path)
    import_ok("import-adjustments", write_csv(tmp_path / "adj.csv", ["doc_no", "project_code", "effective_date",
                                                                     "amount_wan"],
                                              [["ADJ-1", "F-1", "2021-05-01", "-20"], ["ADJ-2", "B-2", "2021-02-01", "5"]]),
              path)
    assert_same_units(path)
    batch = stored(path, "select max(batch_id) from import_batches")[0][0]
    assert cli_in_process("undo", str(batch), db_path=path).returncode == 0
    assert_same_units(path)


def test_a_database_of_the_release_before_the_unit_cache_upgrades_and_fills_it(units_db, tmp_path):
    from test_upgrade import release_schema_copy
    old = tmp_path / "release.duckdb"
    release_schema_copy(units_db, old, before=20)
    expected = cli_in_process("units", "--as-of", "2021-06", "--format", "csv", db_path=units_db).stdout
    out = cli_in_process("units", "--as-of", "2021-06", "--format", "csv", db_path=old)     # upgrades, then reads
    assert out.returncode == 0, out.stderr
    assert out.stdout == expected and len(expected.splitlines()) == 9
    assert stored(old, "select count(*) from unit_cache")[0][0] == 12 * 8


@pytest.mark.parametrize("name, params", [
    ("unit_status_all", {"year": 2021, "month": 6, **Thresholds().params()}),
    ("unit_status", {"year": 2021, "month": 6, "scope": ["科乙"], "sources": None, "direct": False,
                     **Thresholds().params()}),
])
def test_only_the_columns_shown_are_fetched_in_the_querys_order(units_db, name, params):
    """`units` fetches the 17 columns it prints (db.rows_of): the query's rows, in its order, of those columns."""
    con = opening.connect(units_db, read_only=True)
    try:
        whole = db.rows(con, name, **params)
        some = db.rows_of(con, name, pace.UNIT_COLUMNS, **params)
        assert some == [{c: row[c] for c in pace.UNIT_COLUMNS} for row in whole] and len(some) > 2
        assert list(some[0]) == pace.UNIT_COLUMNS and len(whole[0]) > len(pace.UNIT_COLUMNS)
        with pytest.raises(db.MissingScope):     # a section-bound query still needs its scope
            db.rows_of(con, "unit_status", ["rank"], year=2021, month=6)
    finally:
        con.close()
