"""Issue 38: the command line and notices split along their seams, each module small enough to read.

The command line: spending/__main__.py is the parser and the dispatch; every verb's parser names the function that
runs it (set_defaults(func=…)), found in spending/cli/ by what it is, and main() calls args.func(args); a write verb
is one that takes --wait. notices: the inquiries in the database (notices), their rules, pure (notice_rules), the
问询函 (notice_letters).
"""

from __future__ import annotations

import argparse
import ast

import pytest

from conftest import ROOT, cli_in_process
from spending.__main__ import build_parser

MOST_LINES = 600        # issue 38: no module of spending/ or pages/ over 600 lines (the label catalogue aside)
SPLIT = ["spending/__main__.py", *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "spending" / "cli").glob("*.py")),
         "spending/notices.py", "spending/notice_rules.py", "spending/notice_letters.py"]


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


def _leaves(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    """(verb words, parser) of every verb a user can run: `status`, `notices issue`, `user add` …"""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = list(_leaves(sub, (*prefix, name)))
                yield from nested or [((*prefix, name), sub)]


VERBS = list(_leaves(build_parser()))


def test_the_parser_knows_every_verb_of_the_spec():
    assert {" ".join(words) for words, _ in VERBS} >= {
        "init", "import-plan", "import-disbursements", "import-adjustments", "status", "sections", "user add",
        "user remove", "user list", "audit", "history", "undo", "import-document", "compare", "notices issue",
        "notices list", "notices letters", "mappings list", "mappings remove", "report", "units", "sources",
        "notices send", "notices remind", "notices review"}


@pytest.mark.parametrize("words, parser", VERBS, ids=[" ".join(words) for words, _ in VERBS])
def test_every_verb_names_the_function_that_runs_it(words, parser):
    func = parser.get_default("func")
    assert callable(func), f"`{' '.join(words)}` has no set_defaults(func=…)"
    assert func.__module__.startswith("spending.cli."), func.__module__


@pytest.mark.parametrize("words, parser", VERBS, ids=[" ".join(words) for words, _ in VERBS])
def test_a_verb_writes_exactly_when_it_waits_for_another_writer(words, parser):
    """SPEC 3.1: every write verb takes --wait; read verbs never wait and open the database read-only."""
    waits = any("--wait" in action.option_strings for action in parser._actions)
    assert bool(parser.get_default("writes")) == waits


@pytest.mark.parametrize("argv, writes", [
    (["status", "--as-of", "2021-11"], False),
    (["notices", "list", "--as-of", "2021-11"], False),
    (["mappings", "list"], False),
    (["backup", "x.duckdb"], False),
    (["import-plan", "plan.csv"], True),
    (["notices", "review", "--as-of", "2021-11", "--project", "X", "--accept"], True),
    (["user", "remove", "a@x"], True),
    (["mappings", "remove", "x"], True),
])
def test_the_parsed_arguments_say_whether_the_verb_writes(argv, writes):
    assert build_parser().parse_args(argv).writes is writes


def test_main_runs_the_function_the_parser_named(tmp_path, monkeypatch):
    """The dispatch is args.func(args): a verb's function replaced is the one main() runs, with the parsed
    arguments (the thresholds checked as a pair, as for every verb with --yellow/--red)."""
    from spending.cli import reports

    seen = []
    monkeypatch.setattr(reports, "status", lambda args: seen.append(args) or 7)
    out = cli_in_process("status", "--as-of", "2021-11", "--yellow", "5", db_path=tmp_path / "none.duckdb")
    assert out.returncode == 7 and len(seen) == 1
    assert seen[0].as_of == (2021, 11) and seen[0].thresholds.yellow == 5 and seen[0].writes is False
