"""Issue 34 (task C) in Chromium: roles hold for 预算单位 — a section user whose address names a unit of another
section's projects gets 无权查看 and nothing of that unit (its name, its projects, its figures), through the real
login (oidc-provider-mock), the real server and Debian's Chromium; its own unit's projects it sees.

Screenshot: artifacts/screenshots/units-forbidden.png."""

from __future__ import annotations

import pytest

from browser import ROOT, chromium, log_in, login_server, oidc_provider, wait_rendered
from conftest import cli_in_process, fresh_db, plan_row, write_csv
from test_units_sources import PAY_HEADER, PLAN_HEADER, ZD2

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"
SECTION_USER = "zonghe@bureau.gov"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The demo, 经济建设科's 直达资金 project of unit 106002 某所 (paid 15 万元), a 综合科 user; the server with login."""
    folder = tmp_path_factory.mktemp("units-browser")
    path = fresh_db(folder / "units.duckdb", demo=True)
    plan = write_csv(folder / "zd.csv", PLAN_HEADER + ["单位编码", "预算单位", "资金来源", "是否直达资金"], [
        plan_row(ZD2, 40, {6: 40, 12: 100}, section="经济建设科", name="直达资金项目二") + ["106002", "某所", "中央直达资金", "是"]])
    pay = write_csv(folder / "zp.csv", PAY_HEADER, [["Z-2", ZD2, "2021-08-10", "150,000.00", "", "", ""]])
    for verb, f in (("import-plan", plan), ("import-disbursements", pay)):
        out = cli_in_process(verb, str(f), db_path=path)
        assert out.returncode == 0, out.stderr
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
            for secret in ("某所", "直达资金项目二", "15.00", "经济建设科"):
                assert secret not in shown, (address, secret)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "units-forbidden.png"), full_page=True)
        page.goto(served + "/pacing?year=2021&month=11&unit=106&status=on_track,lagging,severe,overspent")
        wait_rendered(page, "进度监控 · 2021年11月", charts=1)
        shown = visible(page)
        assert "信息中心设备维护及网络租赁" in shown
        assert "某所" not in shown and "直达资金项目二" not in shown
