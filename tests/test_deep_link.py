"""pages/ beside the entry script (as the design asks): the very first request to a freshly started
server is a deep link with address parameters, and it still runs through the entry script.
(Its own file: it needs a server nobody has used yet, and Playwright's sync API allows one browser
session per thread at a time.)"""

from __future__ import annotations

import pytest

from browser import ROOT, chromium, streamlit_server, wait_rendered
from conftest import fresh_db

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"


def test_first_request_to_a_fresh_server_is_a_deep_link(tmp_path):
    """pages/ beside the entry script: a bookmarked address opened on a server nobody has used yet
    still runs through the entry script (sidebar, local-mode note, the address's month and filter)."""
    path = tmp_path / "fresh.duckdb"
    fresh_db(path, demo=True)
    with streamlit_server(path) as url, chromium() as page:
        page.goto(url + "/pacing?year=2021&month=11&status=severe&yellow=12&red=22")
        wait_rendered(page, "进度监控 · 2021年11月", 1)
        body = page.inner_text("body")
        assert "本机模式（未启用登录）" in body and "总览" in body          # the entry script ran
        assert "阈值：落后计划超过 12 个百分点为滞后，超过 22 个百分点为严重滞后" in body
        assert "业务委托费" in page.content() and "显示 1 / 7 个项目" in body
        assert "status=severe" in page.url and "month=11" in page.url and "yellow=12" in page.url
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "deep-link-fresh-server.png"), full_page=True)

