"""Issue 33, task B in Debian's Chromium: 进度监控 opened at the year closed (closed=2022-02 in the address, the
very first request to a new server), its carry-over payments shown as such, the CSV download following the
screen, and the picker changing the cut-off. Screenshot: artifacts/screenshots/closed-year-pacing.png."""

from __future__ import annotations

import csv
import io

import pytest

from browser import ROOT, chromium, streamlit_server, wait_rendered
from conftest import cli_in_process, fresh_db, write_csv
from spending import i18n

pytestmark = pytest.mark.browser

T476 = "106-0501-YBN-476T"   # 代理记账中心运转费, 20 万元: 17 万 paid on 20 Dec 2021, 1 万 on 1 Feb 2022 (预算年度 2021)


def test_pacing_at_the_closed_year_in_chromium(tmp_path):
    path = fresh_db(tmp_path / "closed.duckdb")
    pay = write_csv(tmp_path / "pay.csv", ["支付凭证号", "项目编码", "付款日期", "金额", "预算年度"],
                    [["C-1", T476, "2021-12-20", "170000", "2021"], ["C-2", T476, "2022-02-01", "10000", "2021"]])
    assert cli_in_process("import-disbursements", str(pay), db_path=path).returncode == 0
    with streamlit_server(path) as url, chromium(1440, 1000) as page:
        page.goto(f"{url}/pacing?year=2021&month=12&closed=2022-02&status=on_track,lagging")
        wait_rendered(page, "2021 年度决算（截至 2022年2月底）", charts=1)
        html = page.content()
        assert "计入的结转期支付：1 笔，合计 1.00 万元。" in page.inner_text("body")
        assert "其中结转期支付(万元)" in html and "代理记账中心运转费" in html
        (ROOT / "artifacts" / "screenshots").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ROOT / "artifacts" / "screenshots" / "closed-year-pacing.png"), full_page=True)

        with page.expect_download(timeout=60_000) as got:
            page.get_by_role("button", name=i18n.t("download_csv")).click()
        assert "2021-2022-02" in got.value.suggested_filename
        rows = list(csv.DictReader(io.StringIO(open(got.value.path(), "rb").read().decode("utf-8-sig"))))
        row = next(r for r in rows if r["项目编码"] == T476)
        assert (row["年度"], row["截至"], row["累计支出(万元)"], row["其中结转期支付(万元)"], row["状态"]) == (
            "2021", "2022-02", "18.00", "1.00", "正常")

        page.locator("[data-testid='stSelectbox']").filter(has_text="结转期截至").click()   # back to 31 January 2022
        page.get_by_role("option", name="2022年1月底").click()
        wait_rendered(page, "2021 年度决算（截至 2022年1月底）")
        assert "closed=2022-01" in page.url
        assert "计入的结转期支付：0 笔，合计 0.00 万元。" in page.inner_text("body")
