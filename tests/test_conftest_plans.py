"""conftest.Ledger(same_plans=True), what the `ledger` fixture makes (issue 38.5, make test time): a first plan
imported before into an untouched empty ledger is the copy of that database, with the same result, and no second
run of the importer; any other plan, and any ledger written to before its first plan, goes through the importer."""

from __future__ import annotations

import pytest

from conftest import Ledger, plan_row
from spending import ingest

EVERY_TABLE = ["projects", "plan_checkpoints", "import_batches", "disbursements"]


def contents(ledger: Ledger) -> dict[str, list]:
    """Every row of the tables a plan import writes (the batch but its time) and the pace it caches."""
    def rows(query: str) -> list[str]:
        return sorted(map(repr, ledger.con.execute(query).fetchall()))

    found = {table: rows(f"select * from {table}") for table in EVERY_TABLE if table != "import_batches"}
    found["import_batches"] = rows("select * exclude (imported_at) from import_batches")
    found["pace"] = rows("select * from project_pace(2021, 10, 20)")
    return found


@pytest.fixture
def imports(monkeypatch):
    """The plan files ingest.import_file reads (by the name it is given), the importer itself untouched."""
    seen = []
    real = ingest.import_file

    def counted(con, kind, path, **kwargs):
        seen.append((kind, path.name))
        return real(con, kind, path, **kwargs)

    monkeypatch.setattr(ingest, "import_file", counted)
    return seen


def test_a_first_plan_seen_before_is_the_same_database_without_the_importer(tmp_path, imports):
    rows = [plan_row("MEMO-1", 20, {6: 40, 12: 100}), plan_row("MEMO-2", 5, {3: 100}, section="乙科")]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = Ledger(tmp_path / "a", same_plans=True)
    made = first.plan(*rows)
    assert imports == [("plan", "in1.csv")]
    again = Ledger(tmp_path / "b", same_plans=True)
    copied = again.plan(*rows)
    assert imports == [("plan", "in1.csv")]                     # no second run of the importer
    assert copied == made and copied is not made
    assert (tmp_path / "b" / "in1.csv").read_bytes() == (tmp_path / "a" / "in1.csv").read_bytes()
    assert contents(again) == contents(first) and contents(again)["projects"]
    again.pay("MEMO-1", ("2021-05-01", "1000.00"))               # the copy goes on as the ledger it is
    assert again.con.execute("select count(*) from disbursements").fetchall() == [(1,)]
    first.con.close()
    again.con.close()


def test_another_plan_a_later_plan_and_a_written_ledger_go_through_the_importer(tmp_path, imports):
    rows = [plan_row("MEMO-3", 10, {12: 100})]
    for name in ("a", "b", "c", "d"):
        (tmp_path / name).mkdir()
    Ledger(tmp_path / "a", same_plans=True).plan(*rows)
    other = Ledger(tmp_path / "b", same_plans=True)
    other.plan(plan_row("MEMO-3", 11, {12: 100}))               # another plan
    other.plan(*rows)                                            # not the ledger's first file
    written = Ledger(tmp_path / "c", same_plans=True)
    written.con.execute("create table touched as select 1 as x")
    written.plan(*rows)                                          # written to before its first plan
    assert written.con.execute("select x from touched").fetchall() == [(1,)]
    Ledger(tmp_path / "d").plan(*rows)                           # without same_plans
    assert [name for _, name in imports] == ["in1.csv", "in1.csv", "in2.csv", "in1.csv", "in1.csv"]
