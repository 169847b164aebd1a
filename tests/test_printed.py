"""The printed documents' HTML from Jinja2 templates with autoescape (issue 38): hostile text from the data prints
as text in the 问询函 and the bulletin's tables, no hand escape is left in the modules that write them, and the
templates are in the package (an installed wheel has them)."""

from __future__ import annotations

import ast
import fnmatch
import re
import tomllib
from datetime import date
from decimal import Decimal

import pandas as pd

from conftest import ROOT
from spending import bulletin, notice_letters, printed

HOSTILE = '</title><script>alert("x")</script><img src=x onerror=alert(1)>&amp;\'"'


def _tags(page: str) -> set[str]:
    return {t.lower() for t in re.findall(r"<\s*/?\s*([a-zA-Z]+)", page)}


def test_a_letter_prints_hostile_names_as_text():
    rows = [{"project_code": HOSTILE, "project_name": HOSTILE, "level": "red", "budget_wan": Decimal("163"),
             "actual_wan": Decimal("35.86"), "actual_pct": Decimal("22"), "plan_pct": Decimal("50"),
             "deviation_pp": Decimal("-28"), "gap_wan": Decimal("45.64"), "due": date(2021, 12, 10),
             "state": "issued", "ask": "answer"}]
    for lang in ("zh", "en"):
        for sample in (False, True):
            page = notice_letters.letter_html(2021, 11, HOSTILE, rows, HOSTILE, date(2021, 12, 3), lang, sample)
            assert "script" not in _tags(page) and "img" not in _tags(page)
            assert page.count("<title>") == 1 and page.count("</title>") == 1
            assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page       # the name is there, as text
            assert "&amp;amp;" in page                                            # escaped once, exactly
            assert '<td class="num">163.00</td>' in page                           # the template's own markup


def test_a_bulletin_table_prints_hostile_cells_and_headers_as_text():
    frame = pd.DataFrame({HOSTILE: [HOSTILE], "调整后预算(万元)": [1.5], **{f"c{i}": [i] for i in range(9)}})
    page = bulletin._html_table(frame, "zh")
    assert "script" not in _tags(page) and "img" not in _tags(page)
    assert page.count("&lt;script&gt;") == 2                      # the header and the cell
    assert "调整后预算<br>(万元)" in page and '<td class="num">1.50</td>' in page   # a dense table's header broken
    assert page.startswith('<table class="dense">')


def test_the_printing_modules_escape_nothing_by_hand():
    """bulletin, notices and export give text to the templates; escaping is the templates' autoescape."""
    for name in ("bulletin", "notices", "export", "printed"):
        tree = ast.parse((ROOT / "spending" / f"{name}.py").read_text(encoding="utf-8"))
        calls = [ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)]
        assert not [c for c in calls if c.endswith("escape")], name
        assert "html" not in {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}, name
    assert printed.environment().autoescape is True


def test_the_templates_are_package_data():
    templates = sorted(p.relative_to(ROOT / "spending").as_posix()
                       for p in (ROOT / "spending" / printed.FOLDER).iterdir())
    assert {"bulletin.html.j2", "letter.html.j2"} <= {t.rsplit("/", 1)[1] for t in templates}
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["spending"]
    assert all(any(fnmatch.fnmatch(t, p) for p in patterns) for t in templates), (templates, patterns)
