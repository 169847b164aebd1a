"""Every query name the code uses is a file under queries/, every file there is used, and every
section-bound query refuses a call without scope= (issue 22).

The code names its queries as literals: db.sql("x"), db.execute(cur, "x"), ui.query("x") and the other
wrappers. The wrappers are found, not listed: a function that hands one of its own parameters to a
query call as the name is a query call too (ui.query → ui._query → ui._frame → db.run). An f-string
name (f"import/claim_{kind}") names the files it can match whose hole is a string of the same module (of the
same package, for a module of spending.ingest and the like)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT, stored
from spending import SpendingError, db, ingest
from spending.db import opening, schema

SOURCES = sorted([*(ROOT / "spending").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py"])
# db's own calls that take a query's name, and where: db.sql("x"), db.execute(cur, "x") ...
BASE = {"sql": 0, "filled": 0, "execute": 1, "run": 1, "rows": 1}


def _called(call: ast.Call) -> str | None:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in SOURCES}


def query_calls(trees: dict[Path, ast.Module]) -> dict[str, int]:
    """The functions that take a query's name, with its position: db's own, and every function that
    hands a parameter of its own on as the name of one of them (to a fixpoint)."""
    takes = dict(BASE)
    while True:
        found = {}
        for tree in trees.values():
            for fn in ast.walk(tree):
                if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                params = [a.arg for a in fn.args.args]
                for call in ast.walk(fn):
                    if isinstance(call, ast.Call) and _called(call) in takes:
                        at = takes[_called(call)]
                        arg = call.args[at] if len(call.args) > at else None
                        if isinstance(arg, ast.Name) and arg.id in params and fn.name not in takes:
                            found[fn.name] = params.index(arg.id)
        if not found:
            return takes
        takes.update(found)


def used_names(trees: dict[Path, ast.Module]) -> list[tuple[str, str, re.Pattern | None, set[str]]]:
    """(where, name or f-string, its pattern or None, the module's string constants) per query call."""
    takes = query_calls(trees)
    used = []
    texts = {path: {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
             for path, tree in trees.items()}
    for path, tree in trees.items():
        strings = texts[path]
        if path.parent != ROOT / "spending" and path.parent.parent == ROOT / "spending":   # a package (spending.ingest):
            strings = set().union(*(t for p, t in texts.items() if p.parent == path.parent))   # its modules' strings
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and _called(call) in takes):
                continue
            at = takes[_called(call)]
            arg = call.args[at] if len(call.args) > at else None
            where = f"{path.relative_to(ROOT)}:{getattr(arg, 'lineno', '?')}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                used.append((where, arg.value, None, strings))
            elif isinstance(arg, ast.JoinedStr):
                shape = "".join(re.escape(v.value) if isinstance(v, ast.Constant) else "(.+)" for v in arg.values)
                used.append((where, ast.unparse(arg), re.compile(shape), strings))
    return used


def test_every_query_name_in_the_code_is_a_file():
    used = used_names(_trees())
    assert len(used) > 150                       # the scan sees the code's calls
    missing = [(where, name) for where, name, shape, _ in used
               if (name not in db.QUERIES if shape is None else not any(shape.fullmatch(q) for q in db.QUERIES))]
    assert missing == []


def test_every_query_file_is_used():
    used = used_names(_trees())
    named = {name for _, name, shape, _ in used if shape is None}
    for _, _, shape, strings in used:
        if shape is not None:
            named |= {q for q in db.QUERIES if (m := shape.fullmatch(q)) and all(g in strings for g in m.groups())}
    named |= set(schema.MACROS)          # made by schema.migrate, which runs each name of that list
    named |= {n for kind in ingest.RECORDS.values() for n in kind.sql_files()}   # run by ingest from its kinds' records
    assert sorted(set(db.QUERIES) - named) == []


def test_the_wrappers_are_found():
    takes = query_calls(_trees())
    assert {"query", "fetch", "last_year", "_frame", "_rows"} <= set(takes)
    assert takes["query"] == 0 and takes["last_year"] == 1


def test_a_mistyped_name_fails_naming_the_near_ones():
    with pytest.raises(db.UnknownQuery, match=r"queries/project_statuss\.sql.*project_status"):
        db.sql("project_statuss")
    assert not issubclass(db.UnknownQuery, SpendingError)     # a programming error, never a user's message


def test_the_registry_is_every_file_but_the_migrations():
    files = {p.relative_to(db.QUERIES_DIR).with_suffix("").as_posix() for p in db.QUERIES_DIR.rglob("*.sql")}
    assert set(db.QUERIES) == {f for f in files if not f.startswith("migrations/")}
    assert "import/new_rows" in db.QUERIES and "macros" in db.QUERIES


def test_a_hole_takes_exactly_its_parts():
    assert db.filled("backup/copy", source=db.quoted('a"b')).strip().endswith('copy from database "a""b" to backup_target')
    with pytest.raises(TypeError, match="source"):
        db.filled("backup/copy")
    with pytest.raises(TypeError, match="rows"):
        db.filled("backup/copy", source='"x"', rows="select 1")


def test_one_and_value_give_the_row_or_name_the_query_that_gave_none(demo_db):
    """db.one (a query's first row) and db.value (its first column), on the connection given as db.execute
    runs: a query that gives no row raises NoRow naming it, never "TypeError: 'NoneType' object is not
    subscriptable" as fetchone()[0] did (issue 38)."""
    [(code,)] = stored(demo_db, "select min(project_code) from projects where fiscal_year = 2021")
    con = opening.connect(demo_db, read_only=True)
    try:
        row = db.one(con, "project_detail", year=2021, code=code)
        assert row[:2] == (2021, code) and len(row) == 8
        assert db.value(con, "project_detail", year=2021, code=code) == 2021
        assert db.value(con, "last_payment", year=2021) is not None
        assert db.value(con, "last_payment", year=1900) is None          # a row holding NULL is a row
        for call in (db.one, db.value):
            with pytest.raises(db.NoRow, match=r"^queries/project_detail\.sql gave no row, one was expected$"):
                call(con, "project_detail", year=1900, code="无此项目")
    finally:
        con.close()
    assert not issubclass(db.NoRow, SpendingError)        # a programming error, as UnknownQuery
    takes = query_calls(_trees())
    assert takes["one"] == 1 and takes["value"] == 1      # their names are checked as db.execute's are


SCOPED = sorted(db.SCOPED)


def test_the_section_bound_queries_are_known():
    assert len(SCOPED) >= 13 and {"sections", "bureau_curve", "notices/warnings"} <= set(SCOPED)
    assert SCOPED == sorted(n for n, text in db.QUERIES.items() if "$scope" in text)


@pytest.mark.parametrize("name", SCOPED)
def test_a_section_bound_query_without_scope_raises(demo_db, name):
    """Every other parameter given (as NULL): only scope is missing, and the call says so before it runs."""
    params = {p: None for p in re.findall(r"\$(\w+)", db.sql(name)) if p != "scope"}
    con = opening.connect(demo_db, read_only=True)
    try:
        for call in (db.run, db.execute, db.rows):
            with pytest.raises(db.MissingScope, match=rf"queries/{re.escape(name)}\.sql is section-bound: pass scope="):
                call(con, name, **params)
        db.rows(con, name, scope=None, **params)          # given, even as None (every section), it runs
    finally:
        con.close()
