"""Issue 34 (task C) in Chromium: roles hold for 预算单位 — a section user whose address names a unit of another
section's projects gets 无权查看 and nothing of that unit (its name, its projects, its figures), through the real
login (oidc-provider-mock), the real server and Debian's Chromium; its own unit's projects it sees.

The README's screenshots of 总览 showing 直达资金 beside the whole and of the 科室 → 预算单位 → 项目 drill-down are
taken here, in local mode, from the demo with two 直达资金 projects and their payments (the fixtures of
test_units_sources): artifacts/screenshots/overview-direct.png and units-drill-down.png, copied to docs/ with
SCREENSHOTS_TO_DOCS=1 (as tests/test_browser.py does for the others). Also artifacts/screenshots/units-forbidden.png."""

from __future__ import annotations

import os
import shutil

import pytest

from browser import ROOT, chromium, log_in, login_server, oidc_provider, streamlit_server, wait_rendered
from conftest import cli_in_process, fresh_db, plan_row, write_csv
from test_units_sources import PAY_HEADER, PD, PLAN_HEADER, ZD2

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"
SECTION_USER = "zonghe@bureau.gov"


def demo_with_direct_funds(folder):
    """The demo and two 直达资金 projects of their own units — 预算国库科's of 106001 某中心 (paid 2 万元 of 10),
    经济建设科's of 106002 某所 (paid 15 万元 of 40) — as test_units_sources' pages_db."""
    path = fresh_db(folder / "units.duckdb", demo=True)
    plan = write_csv(folder / "zd.csv", PLAN_HEADER + ["单位编码", "预算单位", "资金来源", "是否直达资金"], [
        plan_row(PD, 10, {6: 50, 12: 100}, section="预算国库科", name="直达资金项目") + ["106001", "某中心", "中央直达资金", "是"],
        plan_row(ZD2, 40, {6: 40, 12: 100}, section="经济建设科", name="直达资金项目二") + ["106002", "某所", "中央直达资金", "是"]])
    pay = write_csv(folder / "zp.csv", PAY_HEADER, [["Z-1", PD, "2021-05-10", "20,000.00", "", "", ""],
                                                    ["Z-2", ZD2, "2021-08-10", "150,000.00", "", "", ""]])
    for verb, f in (("import-plan", plan), ("import-disbursements", pay)):
        out = cli_in_process(verb, str(f), db_path=path)
        assert out.returncode == 0, out.stderr
    return path


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """demo_with_direct_funds and a 综合科 user; the server with login."""
    folder = tmp_path_factory.mktemp("units-browser")
    path = demo_with_direct_funds(folder)
    assert cli_in_process("user", "add", SECTION_USER, "--role", "section", "--section", "综合科",
                          db_path=path).returncode == 0
    with oidc_provider({SECTION_USER: "综合科李"}) as provider, login_server(path, provider, folder) as url:
        yield url


def visible(page) -> str:
    return (page.inner_text("body") + page.content()).replace("\u2060", "")


def test_a_section_user_naming_anothers_unit_sees_forbidden_and_nothing_of_it(served):
    with chromium() as page:
        log_in(page, served, SECTION_USER, first="/pacing?year=2021&month=11&unit=106002")
        for address in ("/pacing?year=2021&month=11&unit=106002",
                        "/sections?year=2021&month=11&section=综合科&unit=106002",
                        "/pacing?year=2021&month=11&direct=1&unit=106002"):
            page.goto(served + address)
            wait_rendered(page, "无权查看")
            shown = visible(page)
            for secret in ("某所", "某中心", "直达资金项目", "15.00", "经济建设科"):
                assert secret not in shown, (address, secret)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "units-forbidden.png"), full_page=True)
        page.goto(served + "/pacing?year=2021&month=11&unit=106&status=on_track,lagging,severe,overspent")
        wait_rendered(page, "进度监控 · 2021年11月", charts=1)
        shown = visible(page)
        assert "信息中心设备维护及网络租赁" in shown
        assert "某所" not in shown and "直达资金项目二" not in shown


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    if os.environ.get("SCREENSHOTS_TO_DOCS"):
        shutil.copy(SHOTS / f"{name}.png", ROOT / "docs" / f"{name}.png")


def test_the_readme_screenshots_of_direct_funds_and_the_units_drill_down(tmp_path):
    """总览 with 直达资金's 执行率 against 序时进度 beside the whole (17.00 of 50.00 万元 by November: 34.00 %), and
    科室 经济建设科 → its 预算单位 ranked by 执行率 → the projects of the unit chosen in the address."""
    path = demo_with_direct_funds(tmp_path)
    with streamlit_server(path) as url, chromium(height=1000) as page:
        page.goto(url + "/?year=2021&month=11")
        wait_rendered(page, "直达资金支出进度", charts=2)
        body = page.inner_text("body")
        assert "直达资金 执行率" in body and "34.00%" in body and "全部资金 执行率" in body and "91.67%" in body
        shot(page, "overview-direct")

        page.goto(url + "/sections?year=2021&month=11&section=经济建设科")
        wait_rendered(page, "经济建设科 · 2021年11月")
        shown = page.content()
        assert "某所" in shown and "承德高新技术产业开发区财政局" in shown and "直达资金项目二" in shown
        assert "业务委托费" in shown
        shot(page, "units-drill-down")

        page.goto(url + "/sections?year=2021&month=11&section=经济建设科&unit=106002")   # the unit chosen: its projects
        wait_rendered(page, "经济建设科 · 2021年11月")
        shown = page.content()
        assert "直达资金项目二" in shown and "业务委托费" not in shown
