"""SQL lives in queries/ (issue 22): no SQL statement is written in a Python string of spending/ or
pages/. Migrations keep their DDL in queries/migrations; what varies in a statement (a column list,
a table's name) fills a {hole} of a query file (db.filled), never a Python f-string."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from source_strings import literals

ROOT = Path(__file__).resolve().parents[1]
STATEMENT = re.compile(r"^\s*(select\b.*\bfrom\b|insert\s+into\b|update\s+\w+.*\bset\b|delete\s+from\b|"
                       r"create\s+(or\s+replace\s+)?(temp\s+|temporary\s+)?(table|view|macro|index)\b|"
                       r"drop\s+(table|view|macro)\b|alter\s+table\b|begin\s+transaction\b|(commit|rollback)\s*$)",
                       re.IGNORECASE | re.DOTALL)


def statements(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string literal (an f-string by its literal parts) that reads as a SQL statement."""
    return [(line, text) for line, text in literals(ast.parse(source), joiner=" ") if STATEMENT.match(text)]


def test_no_sql_statement_outside_queries():
    found = [f"{path.relative_to(ROOT)}:{line} {text[:70]!r}"
             for path in sorted([*(ROOT / "spending").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py"])
             for line, text in statements(path.read_text(encoding="utf-8"))]
    assert not found, "SQL written in Python (move it to queries/):\n" + "\n".join(found)


def test_the_scan_finds_statements_and_leaves_words():
    source = '''
a = "select kind from import_batches where batch_id = $b"
b = f"create or replace temp view import_raw as select * from {t}"
c = "insert into import_nfkc values (?, ?)"
d = "rollback"
e = "select the month"          # words, not a statement
f = "create the database with the 2021 plan"
'''
    assert [line for line, _ in statements(source)] == [2, 3, 4, 5]
