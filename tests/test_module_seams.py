"""Issue 38: notices split along its seams — the inquiries in the database (notices), their rules, pure
(notice_rules), the 问询函 (notice_letters) — each small enough to read."""

from __future__ import annotations

import ast

import pytest

from conftest import ROOT

MOST_LINES = 600        # issue 38: no module of spending/ or pages/ over 600 lines (the label catalogue aside)
SPLIT = ["spending/notices.py", "spending/notice_rules.py", "spending/notice_letters.py"]


@pytest.mark.parametrize("path", SPLIT)
def test_the_split_modules_stay_small(path):
    lines = (ROOT / path).read_text(encoding="utf-8").count("\n")
    assert lines <= MOST_LINES, f"{path} has {lines} lines"


def _imported(path: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse((ROOT / path).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            found |= {node.module or ""} | {f"{node.module}.{a.name}" for a in node.names}
    return found


def test_the_notice_rules_touch_no_database_and_no_page():
    """The rules are pure functions (table-driven tests call them with plain values): no connection, no query,
    no Streamlit, no letter."""
    imported = _imported("spending/notice_rules.py")
    assert not imported & {"duckdb", "streamlit", "spending.db", "spending.notices", "spending.notice_letters"}


def test_the_letters_are_not_in_the_state_machine():
    """The 问询函 (PDF, Excel, zip) read the inquiries; the inquiries never print a letter."""
    assert "spending.notice_letters" not in _imported("spending/notices.py")
    assert not {"xlsxwriter", "html", "zipfile"} & _imported("spending/notices.py")
