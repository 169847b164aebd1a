"""The 数据 page's mapping step in Debian's Chromium, logged in as the treasury (oidc-provider-mock):
a finance-system export whose headers are not ours gets a header per required column (the best guess
pre-filled, one of them wrong and corrected by hand), is saved as a 导入方案 and previewed with it,
and imported; next month's file of the same layout goes straight to the preview, the page saying
which 导入方案 it used. Also at 390 px wide (the same person, logged in once, on a phone and then at a desk).

Screenshots go to artifacts/screenshots/mapping-*.png.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from browser import ROOT, chromium, log_in, login_server, oidc_provider, wait_rendered
from conftest import cli_in_process, fresh_db
from spending import mappings
from spending.db import opening

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"
TREASURY = "treasury@bureau.gov"
CODE = "106-0401-YBN-QS1Q"
# A real export: its other headers are aliases of ours (ingest.COLUMNS), but its voucher is 交易流水号, which
# none is; the closest-looking header to 凭证号 is 序号, so the guess is wrong there.
HEADER = ["序号", "交易流水号", "预算项目编码", "实际支付日期", "支付金额", "收款人全称"]


def export(path: Path, rows: list[list]) -> Path:
    with open(path, "w", newline="", encoding="gbk") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path



def open_data(page, url: str) -> None:
    page.goto(url + "/data?year=2021&month=11")
    wait_rendered(page, "导入文件")


def upload(page, path: Path, choose_kind: bool = True) -> None:
    """Upload a file; headers the page does not know tell it no kind, so the person chooses 支付明细
    (the page keeps that choice for the next file)."""
    page.locator("input[type='file']").first.set_input_files(str(path))
    if choose_kind:
        page.get_by_text("请选择文件类型", exact=False).first.wait_for(timeout=60_000)
        page.locator("[data-testid='stRadio']").first.get_by_text("支付明细", exact=True).click()


def choose(page, label: str, option: str) -> None:
    """Pick an option of the selectbox labelled so (opened again if a rerun closed its list)."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).first
    for attempt in range(3):
        box.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=10_000)
            break
        except Exception:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    wait_rendered(page)


def shot_of(page, name: str, text: str) -> None:
    """A 1440×900 (or 390 px) view with this text scrolled to the top of the window."""
    page.get_by_text(text, exact=False).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"mapping-{name}.png"))


def visible(page) -> str:
    return page.inner_text("body").replace("\u2060", "")


def test_mapping_step_then_the_next_month_without_a_question(tmp_path):
    path = tmp_path / "mapping.duckdb"
    fresh_db(path)
    assert cli_in_process("user", "add", TREASURY, "--role", "admin", "--name", "国库科李", db_path=path).returncode == 0
    november = export(tmp_path / "11月支付明细.csv", [[1, "LS-1101", CODE, "2021-11-03", "1,500.00", "某公司"],
                                                     [2, "LS-1102", CODE, "2021-11-18", "500.00", "某公司"]])
    december = export(tmp_path / "12月支付明细.csv", [[1, "LS-1201", CODE, "2021-12-02", "800.00", "另一公司"]])

    with oidc_provider({TREASURY: "国库科李"}) as provider, login_server(path, provider, tmp_path) as url:
        with chromium(width=390, height=900) as page:      # the step on a phone: nothing saved here
            log_in(page, url, TREASURY, "/data?year=2021&month=11")
            open_data(page, url)
            upload(page, november)
            wait_rendered(page, "对应表头：这个文件的表头与本系统的列对不上")
            shot_of(page, "1-step-390", "对应表头：这个文件")

            page.set_viewport_size({"width": 1440, "height": 900})    # at a desk: the page opened anew
            open_data(page, url)
            upload(page, november)
            wait_rendered(page, "对应表头：这个文件的表头与本系统的列对不上")
            shown = visible(page)
            assert "发现 1 个问题" in shown                                       # the refusal stays,
            assert "保存导入方案并预览" in shown                                  # the step below it
            assert "导入人：国库科李" in shown and TREASURY not in shown          # a person, not an e-mail
            assert page.get_by_role("button", name="导入", exact=True).count() == 0
            shot_of(page, "2-step-1440", "11月支付明细.csv")
            choose(page, "凭证号", "交易流水号")          # the guess (序号) corrected by hand
            shot_of(page, "2b-chosen-1440", "对应表头：这个文件")
            page.get_by_label("导入方案名称").fill("省一体化平台支付导出")
            page.get_by_role("button", name="保存导入方案并预览").click()
            wait_rendered(page, "已保存导入方案「省一体化平台支付导出」")
            page.get_by_text("校验通过", exact=False).first.wait_for(timeout=60_000)
            shown = visible(page)
            assert "已按导入方案「省一体化平台支付导出」对应表头" in shown and "凭证号←交易流水号" in shown
            assert "对应表头：这个文件" not in shown
            shot_of(page, "3-saved-preview", "已按导入方案")
            page.get_by_role("button", name="导入", exact=True).click()
            wait_rendered(page, "导入完成")
            assert "导入 2 行" in visible(page) and "合计 0.20 万元" in visible(page)

            # next month, the same layout: no question, straight to the preview
            upload(page, december, choose_kind=False)
            wait_rendered(page, "校验通过")
            shown = visible(page)
            assert "已按导入方案「省一体化平台支付导出」对应表头" in shown and "对应表头：这个文件" not in shown
            shot_of(page, "4-next-month", "已按导入方案")
            page.get_by_role("button", name="导入", exact=True).click()
            wait_rendered(page, "导入完成")

    con = opening.connect(path, read_only=True)
    try:
        [saved] = mappings.listed(con)
        assert (saved.name, saved.created_by) == ("省一体化平台支付导出", TREASURY)
        assert saved.columns == {"voucher_no": "交易流水号", "project_code": "预算项目编码", "pay_date": "实际支付日期",
                                 "amount_yuan": "支付金额"}
        assert con.execute("select voucher_no from disbursements where voucher_no like 'LS-%' order by 1").fetchall() == [
            ("LS-1101",), ("LS-1102",), ("LS-1201",)]
        assert con.execute("select actor from audit_log where action = 'mapping_saved'").fetchall() == [(TREASURY,)]
    finally:
        con.close()
