"""SQL lives in queries/ (issue 22): no statement is written in a Python string of spending/.

The scan reads every string of the package's code (docstrings aside): a string, f-string or the
string pieces of a `+` that reads as a statement — select … from, insert into, update … set,
delete from, create/drop … table/view/macro, a transaction's begin/commit/rollback — is SQL out of
its home. So is any text handed to a cursor's execute() or executemany() directly: a query is run
by its name (db.execute, db.run, db.rows), its text read from queries/<name>.sql."""

from __future__ import annotations

import ast
import re

from conftest import ROOT
from source_strings import docstrings

SOURCES = sorted((ROOT / "spending").rglob("*.py"))

STATEMENT = re.compile(
    r"^\s*(?:"
    r"(?:with\b.*\bas\s*\(.*)?select\b.*\bfrom\b"
    r"|insert\s+(?:or\s+\w+\s+)?into\b"
    r"|update\s+\w+.*\bset\b"
    r"|delete\s+from\b"
    r"|(?:create|drop|alter)\b.*\b(?:table|view|macro|index|sequence|schema)\b"
    r"|(?:begin(?:\s+transaction)?|commit|rollback)\s*;?\s*$"
    r")", re.IGNORECASE | re.DOTALL)


def _text(node: ast.AST) -> str | None:
    """The literal text of a string, an f-string (its holes as {}) or a + of such pieces."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = [_text(node.left), _text(node.right)]
        return "".join(p if p is not None else "{}" for p in parts) if any(p is not None for p in parts) else None
    return None


def sql_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string in source that is a SQL statement, or text run by a cursor directly."""
    tree = ast.parse(source)
    docs = docstrings(tree)
    inner = set()     # the pieces of a + or f-string already read as a whole
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("execute", "executemany") and node.args:
            text = _text(node.args[0])
            if text is not None:
                found.append((node.lineno, text))
                inner.update(id(n) for n in ast.walk(node.args[0]))
                continue
        if id(node) in docs or id(node) in inner:
            continue
        text = _text(node)
        if text is not None:
            inner.update(id(n) for n in ast.walk(node) if n is not node)
            if STATEMENT.search(text):
                found.append((node.lineno, text))
    return sorted(set(found))


def test_the_scan_finds_sql():
    code = '''
def f(cur, kind):
    """select a from b: a docstring may say so"""
    cur.execute("begin transaction")
    cur.execute(f"select distinct fiscal_year from {kind} where batch_id = $b")
    x = "create or replace temp table t as " + db.sql("q")
    y = ("update import_batches set undone_at = current_timestamp"
         " where batch_id = $b")
    cur.executemany("insert into t values (?, ?)", [])
    db.execute(cur, "import/new_rows")
    message = "删除 3 行 | removed 3 rows from the table"
'''
    found = [text for _, text in sql_strings(code)]
    assert len(found) == 5, found
    assert not any("docstring" in t or "removed" in t for t in found)


def test_no_sql_statement_in_python():
    found = [f"{path.relative_to(ROOT)}:{line}: {text[:70]!r}"
             for path in SOURCES for line, text in sql_strings(path.read_text(encoding="utf-8"))]
    assert found == []
