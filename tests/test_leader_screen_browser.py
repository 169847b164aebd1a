"""Issue 37 in Debian's Chromium: 总览's first screen at 1366×768 holds, without scrolling, the totals and
beside them each project lagging or overspent (up to five, then 另有 N 个) with its 科室 and amount; and no
amount column of a table is cut. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import pytest

from browser import ROOT, chromium, streamlit_server, wait_rendered
from conftest import Ledger, fresh_db, plan_row
from test_leader_screen import PROJECTS

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"
# each column of a grid as the browser draws it (the grid's own column widths, from its React props) and
# the width its longest value needs in the grid's font, measured by a canvas in the page
GRID_WIDTHS = (ROOT / "tests" / "grid_widths.js").read_text(encoding="utf-8")
BIG = "106-0201-YBN-EI6K"       # a demo project given one payment of 1,234,567,890.12 元
PAGES = ["/?year=2021&month=11", "/pacing?year=2021&month=11", "/sections?year=2021&month=11",
         f"/project?year=2021&month=11&code={BIG}", "/project?year=2021&month=11&code=106-0601-YBN-RQRQ",
         "/data?year=2021&month=11", "/notices?year=2021&month=11"]


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
    for i in range(4):                       # 调整后预算, 累计支出, 全部落后项目差额, 计划偏差 beside the list
        box = totals.nth(i).bounding_box()
        assert box["y"] + box["height"] <= 768 and box["x"] + box["width"] <= seen[0]["x"], box
    first = page.evaluate("document.querySelector('[data-testid=stMainBlockContainer] [data-testid=stVerticalBlock]')"
                          ".firstElementChild.getBoundingClientRect().top")
    assert first <= 40, first                # Streamlit leaves 6rem (96 px) empty above the page's first line
    shot(page, "leader-overview-1366")


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """The demo, with one project paid 1,234,567,890.12 元 in October: amounts of every length."""
    from spending import ingest
    from spending.db import opening

    folder = tmp_path_factory.mktemp("leader-money")
    path = fresh_db(folder / "money.duckdb", demo=True)
    (folder / "big.csv").write_text("voucher_no,project_code,pay_date,amount_yuan\n"
                                    f"BIG-1,{BIG},2021-10-15,1234567890.12\n", encoding="utf-8")
    con = opening.connect(path)
    try:
        ingest.import_file(con, "disbursements", folder / "big.csv")
    finally:
        con.close()
    with streamlit_server(path) as url:
        yield url


def amount_columns(page) -> list[dict]:
    """Every amount column (元 or 万元 in its header) of every grid on the page, each tab opened in turn."""
    found = []
    tabs = page.locator("[data-testid='stMain'] [data-baseweb='tab']")
    for t in range(max(1, tabs.count())):
        if tabs.count():
            tabs.nth(t).click()
            page.wait_for_timeout(500)
        grids = page.locator("[data-testid='stDataFrame']")
        for i in range(grids.count()):
            grid = grids.nth(i)
            if not grid.is_visible():
                continue
            grid.scroll_into_view_if_needed()
            page.wait_for_function("g => g.querySelector('canvas')", arg=grid.element_handle(), timeout=30_000)
            measured = grid.evaluate(GRID_WIDTHS)
            assert measured is not None, "the grid's columns were not found"
            found += [{**c, "visible": measured["visible"], "grid": i, "tab": t} for c in measured["columns"]
                      if "元" in c["title"]]
    return found


@pytest.mark.parametrize("width, height", [(1366, 768), (1440, 900), (390, 844)])
def test_no_amount_is_cut(demo_server, width, height):
    """Each amount column is as wide as its longest value (and its header); on a laptop it lies whole inside
    the table without scrolling sideways. On a phone the table scrolls; each value is still whole."""
    seen = 0
    with chromium(width, height) as page:
        for path in PAGES:
            page.goto(demo_server + path)
            wait_rendered(page)
            columns = amount_columns(page)
            seen += len(columns)
            for c in columns:
                assert c["width"] >= c["need"], (path, width, c)
                if width > 640:
                    assert c["left"] + c["width"] <= c["visible"], (path, width, c)
            if "code=" + BIG in path or path.startswith("/?"):
                shot(page, f"leader-money-{path[1:].split('?')[0] or 'overview'}-{width}", full=True)
    assert seen >= 10


@pytest.mark.parametrize("path", ["/sections?year=2021&month=11", "/?year=2021&month=11", "/pacing?year=2021&month=11"])
def test_no_label_ends_in_an_ellipsis_at_1366(demo_server, path):
    """A KPI's label and a download button's words wrap instead of being cut (计划偏差（个百分…,
    全部落后项目差…, 下载滞后项目清单（Exce…)."""
    with chromium(1366, 768) as page:
        page.goto(demo_server + path)
        wait_rendered(page)
        cut = page.evaluate("""() => Array.from(document.querySelectorAll(
              '[data-testid=stMetricLabel] [data-testid=stMarkdownContainer],'
              + ' [data-testid=stDownloadButton] button [data-testid=stMarkdownContainer]'))
            .filter(el => el.checkVisibility() && el.scrollWidth > el.clientWidth + 1).map(el => el.innerText)""")
        labels = page.locator("[data-testid=stMetricLabel], [data-testid=stDownloadButton]").count()
        if path.startswith("/sections"):
            shot(page, "leader-labels-sections-1366")
    assert labels >= 2 and not cut, cut
