"""Issue 37: the bulletin on the desk, read as its reader reads it (pdftotext, page by page): table headers
never broken inside a word (累计支/出, 严重滞/后, 超/支, 按计划形/态), no heading alone at the foot of a page,
no page holding one line; a section's own bulletin says neither 「另有 0 个项目超前 0.00 万元」 nor its own
section as 落后最多的科室."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime

import pytest

from conftest import fresh_db
from spending import bulletin, i18n
from spending.db import opening

NOW = datetime(2021, 12, 3, 9, 30, 15)
SECTION = "经济建设科"
HEADINGS = [i18n.t(k) for k in ("sheet_sections", "sheet_behind", "evenness_title", "back_loaded_title",
                                 "sheet_returns", "sheet_indicators", "indicators_flagged", "sheet_inquiries",
                                 "sheet_red_answers")]
WORDS = ["累计支出", "严重滞后", "超支", "未编制计划", "调整后预算", "计划偏差", "执行率评级", "预算控制得分"]


@pytest.fixture(scope="module")
def reviews(tmp_path_factory):
    path = fresh_db(tmp_path_factory.mktemp("leader-bulletin") / "demo.duckdb", demo=True)
    con = opening.connect(path)
    try:
        yield {"all": bulletin.review(con, 2021, 11, now=NOW),
               SECTION: bulletin.review(con, 2021, 11, now=NOW, scope=[SECTION])}
    finally:
        con.close()


@pytest.fixture(scope="module")
def pdfs(reviews, tmp_path_factory):
    folder = tmp_path_factory.mktemp("leader-pdfs")
    out = {}
    for scope, r in reviews.items():
        out[scope] = folder / f"{'all' if scope == 'all' else 'section'}.pdf"
        out[scope].write_bytes(bulletin.to_pdf(r))
    return out


def pages(pdf) -> list[list[str]]:
    """Each page's lines (pdftotext), without the sample banner, the page footer and blank lines."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(info.split("Pages:")[1].split()[0])
    out = []
    for n in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        out.append([line.strip() for line in text.splitlines()
                    if line.strip() and "仅供演示" not in line and not re.fullmatch(r"第\s*\d+\s*页.*", line.strip())])
    return out


def test_a_sections_own_opening_says_only_what_is_so(reviews):
    own = "".join(bulletin.opening(reviews[SECTION]))
    assert "另有 0 个项目超前" not in own and "0.00 万元，相抵后" not in own
    assert "1 个项目落后于计划，合计落后 45.64 万元，没有项目超前。" in own
    assert "落后最多的科室" not in own
    assert "落后最多的项目：业务委托费" in own                       # its projects are still named
    bureau = "".join(bulletin.opening(reviews["all"]))             # the bureau's says both, as before
    assert "另有 2 个项目超前 5.21 万元" in bureau and "落后最多的科室：经济建设科" in bureau


@pytest.mark.parametrize("scope", ["all", SECTION])
def test_headers_are_whole_words(pdfs, scope):
    lines = [line for page in pages(pdfs[scope]) for line in page]
    text = "\n".join(lines)
    for word in WORDS:
        assert re.search(word, text), word
    broken = [line for line in lines if line in ("出", "后", "支", "态", "划", "额", "级", "分", "率%")
              or re.search(r"(累计支|严重滞|按计划形|未编制计)$", line)]
    assert not broken, broken


@pytest.mark.parametrize("scope, repeat", [("all", None), (SECTION, None), ("all", 8), ("all", 15)])
def test_no_heading_alone_at_a_pages_foot_and_no_page_of_one_line(reviews, pdfs, tmp_path, scope, repeat):
    """repeat: the 滞后与超支项目 list made that many times as long (3 rows each), moving what follows down the
    pages: with 8 the last page held one line (没有未达成或有风险的指标。), with 15 a page ended with the
    heading 各月支出占全年已支出比重 (its chart on the next)."""
    import copy

    import pandas as pd

    pdf = pdfs[scope]
    if repeat:
        r = copy.copy(reviews[scope])
        r.behind = pd.concat([r.behind.iloc[:3]] * repeat)
        pdf = tmp_path / "longer.pdf"
        pdf.write_bytes(bulletin.to_pdf(r))
    printed = pages(pdf)
    for n, lines in enumerate(printed, 1):
        assert len(lines) >= 3, (n, lines)
        assert lines[-1] not in HEADINGS, (n, lines[-3:])


def test_a_value_is_never_broken_inside_a_word():
    html = bulletin._html_table(bulletin.table(
        __import__("pandas").DataFrame({"section": ["甲科"], "project_name": ["某项目"], "forecast_wan": [1.0],
                                        "forecast_method": ["plan_shape"], "deviation_cause": [None],
                                        "cause_text": [None], "likelihood": [None], "corrective_action": [None],
                                        "entered_by_name": [None]}),
        bulletin.RETURN_COLUMNS), "zh")
    assert '<td class="nw">按计划形态</td>' in html
