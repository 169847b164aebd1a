"""Issue 21 in Debian's Chromium: what only a browser shows — the leader's question on a 1366×768
laptop's first screen, the file uploader's own words in Chinese, data in a heading never a link, an
unknown page path said. One browser for the module, each page opened by its address at the size the test
names. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import duckdb
import pytest

from browser import ROOT, chromium, streamlit_server, wait_rendered
from conftest import fresh_db

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"
URL_NAME = "https://evil.example.com 与 www.bad.cn 培训"
CODE = "106-0501-YBN-476T"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("honest-browser") / "honest.duckdb"
    fresh_db(path, demo=True)
    con = duckdb.connect(str(path))
    try:     # a name and a payee that are URLs (as a pasted spreadsheet cell may be)
        con.execute("update projects set project_name = ? where project_code = ?", [URL_NAME, CODE])
        con.execute("update disbursements set payee = 'https://pay.example.com/x' where project_code = ?", [CODE])
    finally:
        con.close()
    with streamlit_server(path) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(server):
    with chromium(1440, 900) as page:
        yield page


@pytest.fixture
def page_at(browser_page):
    """The module's page at width × height."""
    def sized(width: int, height: int):
        browser_page.set_viewport_size({"width": width, "height": height})
        return browser_page
    return sized


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_the_first_screen_of_a_laptop_names_whose_money_is_most_behind(server, page_at):
    page = page_at(1366, 768)
    page.goto(server + "/?year=2021&month=11")
    wait_rendered(page, "落后计划最多", charts=2)
    line = page.get_by_text("落后计划最多：", exact=False).first
    box = line.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 768, box      # seen without scrolling
    said = line.inner_text()
    assert "业务委托费" in said and "经济建设科" in said and "万元" in said
    unchanged = page.locator("[data-testid='stMetricDelta']", has_text="持平")
    assert unchanged.count() >= 1 and "+0" not in page.inner_text("[data-testid='stMain']")
    shot(page, "honest-overview-1366")


def test_the_uploader_speaks_chinese(server, page_at):
    page = page_at(1440, 900)
    page.goto(server + "/data?year=2021&month=11")
    wait_rendered(page, "导入历史")
    drawn = page.evaluate("""() => {
        const zone = document.querySelector('[data-testid="stFileUploaderDropzone"]');
        const after = el => getComputedStyle(el, '::after').content;
        const size = el => getComputedStyle(el).fontSize;
        const p = zone.querySelector('button [data-testid="stMarkdownContainer"] p');
        const span = zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span');
        return {button: after(p), buttonSize: size(p), note: after(span), noteSize: size(span)};
    }""")
    assert drawn["button"] == '"选择文件"' and drawn["buttonSize"] == "0px"           # "Upload" not seen
    assert "可将文件拖到此处" in drawn["note"] and "200 MB" in drawn["note"] and drawn["noteSize"] == "0px"
    shot(page, "honest-uploader")


def test_a_url_in_a_name_is_text_in_the_heading(server, page_at):
    page = page_at(1440, 900)
    page.goto(server + f"/project?year=2021&month=8&code={CODE}")
    wait_rendered(page, "evil.example.com", charts=1)
    links = page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stMain"] a'))
                              .map(a => a.getAttribute('href') + ' ' + a.innerText)""")
    assert not [l for l in links if "evil" in l or "bad.cn" in l or "pay.example" in l], links
    assert page.locator("h1 a").count() == 0
    shot(page, "honest-url-heading")


def test_an_unknown_page_path_says_so(server, page_at):
    page = page_at(1440, 900)
    page.goto(server + "/nosuchpage?year=2021&month=11")
    wait_rendered(page, "不存在")
    assert "地址中的页面「nosuchpage」不存在" in page.inner_text("[data-testid='stMain']")
    shot(page, "honest-unknown-path")
