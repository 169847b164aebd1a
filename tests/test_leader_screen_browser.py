"""Issue 37 in Debian's Chromium: 总览's first screen at 1366×768 holds, without scrolling, the totals and
beside them each project lagging or overspent (up to five, then 另有 N 个) with its 科室 and amount; and no
amount column of a table is cut. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import pytest

from browser import ROOT, chromium, streamlit_server, wait_rendered
from conftest import Ledger, plan_row
from test_leader_screen import PROJECTS

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    ledger = Ledger(tmp_path_factory.mktemp("leader-browser"))
    ledger.plan(*[plan_row(code, budget, {3: 20, 6: 50, 12: 100}, section=section,
                           name=f"{section}专项业务经费{code}")
                  for code, budget, _, section in PROJECTS])
    for code, _, paid, _ in PROJECTS:
        ledger.pay(code, ("2021-05-20", str(paid)))
    ledger.con.close()
    with streamlit_server(ledger.path) as url:
        yield url


@pytest.fixture(scope="module")
def page(server):
    with chromium(1366, 768) as page:
        yield page


def shot(page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def test_the_first_screen_names_each_project_behind_or_overspent(server, page):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(server + "/?year=2021&month=6")
    wait_rendered(page, "另有", charts=2)
    seen = []
    for said in ["落后计划最多：", "甲科专项业务经费A1（甲科）严重滞后，落后计划 40.00 万元",
                 "丙科专项业务经费A3（丙科）严重滞后，落后计划 32.00 万元",
                 "乙科专项业务经费A2（乙科）滞后，落后计划 10.00 万元",
                 "甲科专项业务经费A4（甲科）严重滞后，落后计划 9.90 万元", "超支：",
                 "甲科专项业务经费A7（甲科）超出预算 20.00 万元", "另有 1 个滞后或超支项目"]:
        box = page.get_by_text(said, exact=False).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 768, (said, box)     # no scrolling
        seen.append(box)
    assert "A6" not in page.get_by_text("落后计划最多：", exact=False).first.inner_text()   # the sixth: counted
    totals = page.locator("[data-testid='stMetric']")
    for i in range(4):                       # 调整后预算, 累计支出, 落后计划金额, 计划偏差 beside the list
        box = totals.nth(i).bounding_box()
        assert box["y"] + box["height"] <= 768 and box["x"] + box["width"] <= seen[0]["x"], box
    first = page.evaluate("document.querySelector('[data-testid=stMainBlockContainer] [data-testid=stVerticalBlock]')"
                          ".firstElementChild.getBoundingClientRect().top")
    assert first <= 40, first                # Streamlit leaves 6rem (96 px) empty above the page's first line
    shot(page, "leader-overview-1366")
