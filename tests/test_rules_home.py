"""The rules in one place (issue 38.2): spending/rules.py's docstring names every rule and where its code is —
every macro of queries/macros.sql and queries/import/check_macros.sql, every public function of spending/rules.py
and spending/notice_rules.py — so that a new rule cannot be added without its home saying it."""

from __future__ import annotations

import ast
import re

import pytest

from conftest import ROOT
from spending import db, notice_rules, rules
from spending.db import opening

MACRO = re.compile(r"^create\s+or\s+replace\s+macro\s+(\w+)", re.IGNORECASE | re.MULTILINE)
MACRO_FILES = ("macros", "import/check_macros")
HOME = rules.__doc__ or ""


def _named(word: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", HOME) is not None


def _macros(name: str) -> list[str]:
    return MACRO.findall(db.sql(name))


def _public(path: str) -> list[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return [n.name for n in tree.body
            if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and not n.name.startswith("_")]


@pytest.mark.parametrize("name", MACRO_FILES)
def test_every_macro_is_named_in_the_rules_home(name):
    found = _macros(name)
    assert len(found) >= (15 if name == "macros" else 20)      # the scan sees the file's macros
    assert [m for m in found if not _named(m)] == []
    assert f"queries/{name}.sql" in HOME


@pytest.mark.parametrize("path", ["spending/rules.py", "spending/notice_rules.py"])
def test_every_rule_function_is_named_in_the_rules_home(path):
    found = _public(path)
    assert len(found) >= 8
    assert [f for f in found if not _named(f)] == []
    assert path in HOME


def test_the_home_names_no_rule_that_is_gone():
    """Every SQL file and module the home names exists; every name in its macro lists is a macro."""
    for path in re.findall(r"(?:queries|spending)/[\w/]+\.(?:sql|py)", HOME):
        assert (ROOT / path).is_file(), path
    macros = {m for name in MACRO_FILES for m in _macros(name)}
    functions = {*_public("spending/rules.py"), *_public("spending/notice_rules.py")}
    assert "pace_status" in macros and "state" in functions and notice_rules.state
    listed = re.findall(r"^    (\w+(?:, \w+)*)\s{2,}", HOME, re.MULTILINE)
    words = [w for line in listed for w in line.split(", ")]
    assert len(words) >= 50
    assert [w for w in words if w not in macros | functions] == []


def test_section_pace_and_pace_rollup_agree_per_section(demo_db):
    """section_pace (every month, by 科室) and pace_rollup (one month, by 科室 or 预算单位) are two sums of the same
    project pace, not one the other with fewer columns (issue 38): per 科室 and month their shared figures agree."""
    shared = ("projects", "budget_wan", "actual_wan", "actual_pct", "plan_pct", "deviation_pp", "time_pct", "plan_wan",
              "gap_wan", "on_track", "lagging", "severe", "overspent", "no_plan", "status")
    con = opening.connect(demo_db, read_only=True)
    try:
        for month in (3, 6, 11, 12):
            by_section = con.execute(f"select section, {', '.join(shared)} from section_pace(2021, 10, 20, true, null) "
                                     "where as_of_month = ? order by section", [month]).fetchall()
            rollup = con.execute(f"select group_code, {', '.join(shared)} from pace_rollup(2021, ?, 10, 20, null, null, "
                                 "null, false, false) order by group_code", [month]).fetchall()
            assert len(by_section) >= 3
            assert rollup == by_section
    finally:
        con.close()
