"""Issue 33, task J, in Chromium: the 数据 page asks the unit of a 指标 file's bare 金额 (SPEC §5: never
guessed), only for that file, and imports it exactly in the unit chosen."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from browser import ROOT, chromium, streamlit_server, wait_rendered
from conftest import fresh_db
from test_quota_files import QUOTA, T476, quota_row

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"
QUESTION = "金额列「金额」没有写明单位：请选择它的单位（不作猜测）"


def write(path: Path, header: list, rows: list[list]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def test_the_unit_question_in_chromium(tmp_path):
    path = tmp_path / "unit.duckdb"
    fresh_db(path)
    named = write(tmp_path / "调整（万元）.csv", ["文号", "项目编码", "调整日期", "调整金额（万元）"],
                  [["财预〔2021〕5号", T476, "2021-05-10", "1"]])
    quota = write(tmp_path / "指标分配.csv", QUOTA, [quota_row("冀财预〔2021〕8号", "66,666.67")])
    with streamlit_server(path) as url, chromium(height=1000) as page:
        page.goto(url + "/data?year=2021&month=11")
        wait_rendered(page, "导入文件")
        page.locator("input[type='file']").first.set_input_files(str(named))   # its header names 万元: no question
        page.get_by_text("校验通过", exact=False).first.wait_for(timeout=60_000)
        assert QUESTION not in page.inner_text("body")

        page.goto(url + "/data?year=2021&month=11")
        wait_rendered(page, "导入文件")
        page.locator("input[type='file']").first.set_input_files(str(quota))
        page.get_by_text(QUESTION, exact=False).first.wait_for(timeout=60_000)
        body = page.inner_text("body")
        assert "发现 1 个问题" in body          # the refusal (its reason in the table above the question)
        assert page.get_by_role("button", name="导入", exact=True).count() == 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.get_by_text(QUESTION, exact=False).first.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(SHOTS / "unit-question.png"))
        question = page.locator("[data-testid='stRadio']").filter(has_text=QUESTION).first
        question.get_by_text("元", exact=True).click()
        page.get_by_text("校验通过", exact=False).first.wait_for(timeout=60_000)
        assert "金额单位为元（所选单位），已精确换算为元存储。" in page.inner_text("body")
        page.get_by_role("button", name="导入", exact=True).click()
        wait_rendered(page, "导入完成")
        assert "导入 1 行" in page.inner_text("body")
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.execute("select doc_no, amount_yuan::varchar, source, direct from adjustments order by all").fetchall() == [
            ("冀财预〔2021〕8号", "66666.67", "中央直达资金", True)]   # the first file was only previewed
    finally:
        con.close()
