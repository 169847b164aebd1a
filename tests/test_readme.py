"""The README documents every command-line verb and every module (as datasette checks its docs)."""

from __future__ import annotations

import argparse
import re

import pytest

from conftest import ROOT
from spending import ui
from spending.__main__ import build_parser

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _verbs(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = _verbs(sub, f"{prefix}{name} ")
                found.extend(nested or [f"{prefix}{name}"])
    return found


@pytest.mark.parametrize("verb", _verbs(build_parser()))
def test_every_cli_verb_is_in_the_readme(verb):
    pattern = r"python -m spending (\[--db PATH\] )?" + re.escape(verb) + r"\b"
    assert re.search(pattern, README), f"README does not show `python -m spending {verb}`"


@pytest.mark.parametrize("module", sorted(p.stem for p in (ROOT / "spending").glob("*.py") if p.stem != "__init__"))
def test_every_module_is_in_the_readme_layout(module):
    layout = README[README.index("## Layout"):]
    assert re.search(rf"\b{re.escape(module)}\b", layout), f"README's Layout does not name spending/{module}.py"


@pytest.mark.parametrize("path,page", [(path, spec[0]) for path, spec in ui.PAGES.items()])
def test_every_page_is_in_the_readme_with_its_address(path, page):
    assert (ROOT / page).exists()
    assert re.search(rf"^\| `/{re.escape(path)}` \|", README, re.M), f"README's page table lacks /{path}"
