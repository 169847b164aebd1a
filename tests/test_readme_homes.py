"""README's "Where things go" (issue 38.2) stays true: every path it names exists, and every import kind of
spending/ingest/kinds.py and every page of spending/ui/registry.py is named there."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from spending import ingest, ui

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section() -> str:
    start = README.index("## Where things go\n")
    return README[start:README.index("\n## ", start + 1)]


SECTION = _section()
PATHS = sorted(set(re.findall(r"`((?:spending|pages|queries|tests)/[\w./]*)`", SECTION)))


def test_the_section_names_every_home():
    for home in ("spending/ui/registry.py", "pages/", "spending/ui/address.py", "spending/ingest/kinds.py",
                 "spending/ingest/columns.py", "queries/import/", "spending/rules.py", "queries/macros.sql",
                 "queries/import/check_macros.sql", "spending/i18n.py", "queries/"):
        assert f"`{home}`" in SECTION, home
    assert "MESSAGES" in SECTION and "PAGES" in SECTION and "RECORDS" in SECTION
    assert len(PATHS) >= 20


@pytest.mark.parametrize("path", PATHS)
def test_every_path_the_section_names_exists(path):
    assert (ROOT / path).exists(), f"README's Where things go names {path}, which is not there"


@pytest.mark.parametrize("kind", sorted(ingest.RECORDS))
def test_every_import_kind_is_named(kind):
    assert f"`{kind}`" in SECTION


@pytest.mark.parametrize("path,page", [(path, spec[0]) for path, spec in ui.PAGES.items()])
def test_every_page_is_named(path, page):
    assert f"`{page}`" in SECTION
