"""An import kind is one declared record (issue 38.2): spending/ingest/kinds.py's RECORDS names a kind's columns,
its key, amount, date and code columns, whether it replaces, the SQL files it runs and its verb; ingest reads the
record, and nothing in spending/ builds a query's name from a kind with an f-string."""

from __future__ import annotations

import ast
import dataclasses

import pytest

from conftest import ROOT
from spending import db, ingest
from spending.cli import imports
from spending.ingest import columns, kinds

IMPORT_DIR = db.QUERIES_DIR / "import"


def test_the_kinds_are_the_records_of_their_own():
    assert ingest.KINDS == ("plan", "disbursements", "adjustments", "indicator_values")
    assert set(ingest.RECORDS) == {*ingest.KINDS, "spending_plan"}
    assert ingest.RECORDS["spending_plan"].layout_of == "plan"
    assert ingest.UNDOABLE == ("plan", "disbursements", "adjustments")
    for name, kind in ingest.RECORDS.items():
        assert kind.name == name
        with pytest.raises(dataclasses.FrozenInstanceError):
            kind.name = "other"      # type: ignore[misc]


@pytest.mark.parametrize("name", sorted(kinds.RECORDS))
def test_every_column_a_record_names_is_a_column_of_its_kind(name):
    kind = kinds.RECORDS[name]
    named = [kind.key_column, *kind.code_columns, kind.amount_column, kind.date_column]
    assert [c for c in named if c is not None and c not in columns.COLUMNS[name]] == []
    if kind.budget_amount:
        assert kind.amount_column is not None


@pytest.mark.parametrize("name", sorted(kinds.RECORDS))
def test_every_sql_file_a_record_names_exists(name):
    kind = kinds.RECORDS[name]
    files = kind.sql_files()
    assert files and kind.stage and kind.new_totals
    assert [f for f in files if f not in db.QUERIES or not (db.QUERIES_DIR / f"{f}.sql").is_file()] == []
    assert all(f.startswith("import/") for f in files)
    # a kind that does not replace has its conflicts; one that can be taken back, its hand-over
    assert (kind.conflicts is None) == (kind.replaces or kind.layout_of is not None)
    assert bool(kind.hand_over) == kind.undoable


def test_every_import_file_of_a_kind_belongs_to_a_record():
    """queries/import/*_<kind>.sql (stage_plan, claim_adjustments, undo_remove_disbursements …) is named by a
    record: a kind's new statement cannot be added without its record saying it."""
    named = {f for kind in kinds.RECORDS.values() for f in kind.sql_files()}
    of_a_kind = {f"import/{p.stem}" for p in IMPORT_DIR.glob("*.sql")
                 if any(p.stem.endswith(f"_{name}") for name in kinds.RECORDS)}
    assert len(of_a_kind) >= 35
    assert sorted(of_a_kind - named) == []


def test_a_new_kind_is_a_new_record():
    """Adding a kind means adding a record: the importer's kinds, the CLI's verbs and the columns' table are the
    records' (a kind in one and not in the others fails here)."""
    assert imports.KINDS == {"import-plan": "plan", "import-disbursements": "disbursements",
                             "import-adjustments": "adjustments", "import-indicators": "indicator_values"}
    assert set(imports.KINDS.values()) == set(ingest.KINDS)
    assert set(columns.COLUMNS) == set(kinds.RECORDS)


def _fstring_query_names() -> list[str]:
    found = []
    for path in sorted((ROOT / "spending" / "ingest").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                head = node.values[0]
                if isinstance(head, ast.Constant) and str(head.value).startswith("import/"):
                    found.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
    return found


def test_ingest_builds_no_query_name_of_a_kind():
    """Only the per-column nfkc_<column> statements are still found by their column's name (columns, not kinds)."""
    assert [f for f in _fstring_query_names() if "nfkc_" not in f] == []
