"""End to end: the real server on a temporary database, each page opened by its address in
Debian's Chromium, key text and drawn Plotly charts checked, screenshots saved.

Screenshots go to artifacts/screenshots/ (and, with SCREENSHOTS_TO_DOCS=1, to docs/ for the README).
"""

from __future__ import annotations

import os
import shutil

import pytest

from browser import ROOT, chromium, streamlit_server, wait_rendered
from conftest import fresh_db

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"

# path with address parameters, text that must appear, Plotly charts that must be drawn.
# (Tables are drawn on a canvas, so their cells are checked by AppTest in test_pages.py.)
PAGES = [
    ("overview", "/?year=2021&month=11", ["总览 · 2021年11月", "落后计划最多的项目", "经济建设科", "46.88"], 2),
    ("pacing", "/pacing?year=2021&month=11", ["进度监控 · 2021年11月", "严重滞后", "下载滞后项目清单（Excel）"], 1),
    ("pacing-severe", "/pacing?year=2021&month=11&status=severe", ["显示 1 / 7 个项目"], 1),
    ("sections", "/sections?year=2021&month=11&section=预算国库科", ["预算国库科 · 2021年11月", "51.00", "-7.95"], 1),
    ("sections-empty", "/sections?year=2021&month=11&section=行政事业科", ["没有预算项目"], 0),
    ("project", "/project?year=2021&month=8&code=106-0501-YBN-476T",
     ["代理记账中心运转费 · 2021年8月", "需在 2021-10-31 前再支付 5.75 万元"], 1),
    ("data", "/data?year=2021&month=11", ["已载入的数据", "导入历史"], 0),
    ("overview-en", "/?year=2021&month=11&lang=en", ["Overview · Nov 2021", "Projects most behind plan"], 2),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("e2e") / "e2e.duckdb"
    fresh_db(path, demo=True)
    with streamlit_server(path) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(server):
    with chromium(height=1100) as page:
        yield page


@pytest.mark.parametrize("name,address,texts,charts", PAGES, ids=[p[0] for p in PAGES])
def test_page_in_chromium(server, browser_page, name, address, texts, charts):
    page = browser_page
    page.goto(server + address)
    wait_rendered(page, texts[0], charts)
    body = page.inner_text("body")
    for text in texts:
        assert text in body, text
    assert "Traceback" not in body and "Error" not in body
    assert page.locator(".js-plotly-plot").count() >= charts
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    if os.environ.get("SCREENSHOTS_TO_DOCS") and name in ("overview", "pacing"):
        shutil.copy(shot, ROOT / "docs" / f"{name}.png")


def test_address_follows_the_sidebar(server, browser_page):
    page = browser_page
    page.goto(server + "/pacing?year=2021&month=11&status=overspent,severe,lagging,on_track")   # every project
    wait_rendered(page, "进度监控 · 2021年11月", 1)
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(1).click()
    page.get_by_role("option", name="2021年6月").click()
    page.wait_for_url("**month=6**", timeout=30_000)
    wait_rendered(page, "进度监控 · 2021年6月", 1)
    assert "month=6" in page.url and "year=2021" in page.url


def test_language_switch_keeps_the_month(server, browser_page):
    page = browser_page
    page.goto(server + "/?year=2021&month=12")
    wait_rendered(page, "总览 · 2021年12月", 2)
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(2).click()
    page.get_by_role("option", name="English").click()
    wait_rendered(page, "Overview · Dec 2021", 2)
    page.locator("[data-testid='stSidebar'] a", has_text="Pacing").click()
    wait_rendered(page, "Pacing · Dec 2021", 1)
    assert "Jan 2021" not in page.inner_text("body")
    assert "month=12" in page.url and "lang=en" in page.url
    page.screenshot(path=str(SHOTS / "pacing-en-after-switch.png"), full_page=True)


def test_the_test_browser_merges_its_feature_switches_and_opens_no_omnibox_popup():
    """tests/chromium-merged-features: Chromium keeps only the last --disable-features, so ours
    (the omnibox popup off) and Playwright's own list reach it as one switch holding both; and no
    omnibox popup page is started for a new context."""
    with chromium() as page:
        page.goto("chrome://version")
        switches = [a for a in page.inner_text("#command_line").split() if a.startswith("--disable-features=")]
        assert len(switches) == 1, switches
        disabled = switches[0].removeprefix("--disable-features=").split(",")
        assert {"WebUIOmniboxPopup", "WebUIOmniboxAimPopup"} <= set(disabled) and len(disabled) > 2, disabled
        targets = page.context.browser.new_browser_cdp_session().send("Target.getTargets")["targetInfos"]
        assert not [t["url"] for t in targets if "omnibox" in t["url"]], targets
