"""Accounts end to end: a real OIDC provider (oidc-provider-mock), the real Streamlit server with
Streamlit's [auth] section, and Debian's Chromium logging in through the provider's form as an
admin, a leader and a 综合科 user; plus local mode (no [auth]): loopback only. The logins share one browser,
each person's starting with no cookies (as a browser of their own would), the page's scripts from its cache.
Issue 32: the cookies saved before 退出 (or before `user remove`) put into a fresh browser get the login page.

Screenshots go to artifacts/screenshots/login-*.png.
"""

from __future__ import annotations

import os
import time
import urllib.request

import pytest

from browser import ROOT, chromium, free_port, log_in, login_server, oidc_provider, streamlit_server, wait_rendered
from conftest import cli_in_process, fresh_db

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"
USERS = {"admin@bureau.gov": "预算国库科管理员", "leader@bureau.gov": "王局长", "zonghe@bureau.gov": "综合科李",
         "stranger@elsewhere.org": "陌生人"}


@pytest.fixture(scope="module")
def provider():
    with oidc_provider(USERS) as url:
        yield url


@pytest.fixture(scope="module")
def login_server_url(tmp_path_factory, provider):
    folder = tmp_path_factory.mktemp("login")
    path = folder / "login.duckdb"
    fresh_db(path, demo=True)
    for args in (("admin@bureau.gov", "--role", "admin"), ("leader@bureau.gov", "--role", "leader", "--name", "王局长"),
                 ("zonghe@bureau.gov", "--role", "section", "--section", "综合科", "--name", "综合科李")):
        assert cli_in_process("user", "add", *args, db_path=path).returncode == 0
    with login_server(path, provider, folder) as url:
        yield url, path


@pytest.fixture(scope="module")
def browser_page():
    with chromium() as page:
        yield page


@pytest.fixture
def page(browser_page):
    """The module's browser, its cookies (the dashboard's and the provider's: both on localhost) cleared."""
    browser_page.context.clear_cookies()
    return browser_page


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"login-{name}.png"), full_page=True)


def logged_in(page, url: str, email: str) -> None:
    if email == "admin@bureau.gov":      # the login page, once
        page.goto(url + "/")
        page.get_by_role("button", name="登录").wait_for(timeout=60_000)
        shot(page, "page")
    log_in(page, url, email)


def visible(page) -> str:
    """What the page shows: its text, the table cells (canvas grids keep theirs in the DOM) and the charts' text."""
    return (page.inner_text("body") + page.content()).replace("\u2060", "")   # ui.plain breaks autolinks with U+2060


def test_section_user_logs_in_and_sees_only_its_own(login_server_url, page):
    url, _ = login_server_url
    logged_in(page, url, "zonghe@bureau.gov")
    wait_rendered(page, "总览 · 2021年11月", charts=2)
    shown = visible(page)
    assert "综合科李 · 科室 · 综合科" in shown and "17.00" in shown
    for other in ("经济建设科", "业务委托费", "预算国库科"):
        assert other not in shown, other
    shot(page, "section-overview")
    for address in ("/sections?year=2021&month=11&section=经济建设科",
                    "/project?year=2021&month=11&code=106-0601-YBN-RQRQ",
                    "/pacing?year=2021&month=11&section=经济建设科", "/data", "/users", "/audit"):
        page.goto(url + address)
        wait_rendered(page, "无权查看")
        shown = visible(page)
        assert "业务委托费" not in shown and "163.00" not in shown and "导入历史" not in shown, address
    shot(page, "forbidden")
    page.goto(url + "/pacing?year=2021&month=11&status=overspent,severe,lagging,on_track")   # on track too
    wait_rendered(page, "进度监控 · 2021年11月", charts=1)
    shown = visible(page)
    assert "信息中心设备维护及网络租赁" in shown and "业务委托费" not in shown
    assert "Download as CSV" not in shown      # the tables' own export is off


def test_leader_reads_everything_writes_nothing(login_server_url, page):
    url, _ = login_server_url
    logged_in(page, url, "leader@bureau.gov")
    wait_rendered(page, "总览 · 2021年11月", charts=2)
    shown = visible(page)
    assert "王局长 · 领导" in shown and "279.00" in shown and "经济建设科" in shown
    shot(page, "leader-overview")
    page.goto(url + "/data")
    wait_rendered(page, "无权查看")
    page.goto(url + "/audit?year=2021&month=11")
    wait_rendered(page, "审计")
    assert "无权查看" not in page.inner_text("body")


def test_admin_logs_in_and_may_import(login_server_url, page):
    url, path = login_server_url
    logged_in(page, url, "admin@bureau.gov")
    wait_rendered(page, "总览 · 2021年11月", charts=2)
    shot(page, "admin-overview")
    page.goto(url + "/data?year=2021&month=11")
    wait_rendered(page, "导入历史")
    assert "admin@bureau.gov" in visible(page)      # 导入人 is the login
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/end_session**", timeout=60_000)    # the provider ends its session too
    page.goto(url + "/data")
    page.get_by_role("button", name="登录").wait_for(timeout=60_000)
    assert "导入历史" not in page.inner_text("body")


def test_a_login_without_an_account_gets_no_access(login_server_url, page):
    url, _ = login_server_url
    logged_in(page, url, "stranger@elsewhere.org")
    wait_rendered(page, "尚未开通本系统的权限")        # the message below the title (drawn after it)
    shown = visible(page)
    assert "stranger@elsewhere.org" in shown and "经济建设科" not in shown and "总览" not in shown
    shot(page, "no-access")


def test_a_cookie_saved_before_logout_logs_no_one_in(login_server_url, page):
    """Issue 32: the login cookies saved before 退出, put into a fresh browser, get the login page and no data."""
    url, _ = login_server_url
    with urllib.request.urlopen(url + "/", timeout=30) as response:        # framing refused in login mode too
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
        assert response.headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    logged_in(page, url, "leader@bureau.gov")
    wait_rendered(page, "总览 · 2021年11月", charts=2)
    saved = page.context.cookies()
    assert any(c["name"].startswith("_streamlit_user") for c in saved)
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/end_session**", timeout=60_000)
    with chromium() as fresh:
        fresh.context.add_cookies(saved)
        fresh.goto(url + "/?year=2021&month=11")
        wait_rendered(fresh, "这次登录已结束")
        shown = visible(fresh)
        assert "279.00" not in shown and "王局长" not in shown and "经济建设科" not in shown
        fresh.get_by_role("button", name="登录").wait_for(timeout=10_000)
        shot(fresh, "old-cookie-after-logout")
        fresh.goto(url + "/audit?year=2021&month=11")               # no page of it either
        wait_rendered(fresh, "这次登录已结束")
        assert "审计" not in fresh.inner_text("[data-testid='stMain']")


def test_a_cookie_saved_before_user_remove_logs_no_one_in_after_the_account_is_added_again(login_server_url, page):
    """Issue 32: `user remove` ends the login's cookies, and adding the account again does not bring them back;
    logging in anew does."""
    url, path = login_server_url
    logged_in(page, url, "zonghe@bureau.gov")
    wait_rendered(page, "总览 · 2021年11月", charts=2)
    saved = page.context.cookies()
    assert cli_in_process("user", "remove", "zonghe@bureau.gov", db_path=path).returncode == 0
    assert cli_in_process("user", "add", "zonghe@bureau.gov", "--role", "section", "--section", "综合科",
                          "--name", "综合科李", db_path=path).returncode == 0
    removed = time.time()
    with chromium() as fresh:
        fresh.context.add_cookies(saved)
        fresh.goto(url + "/?year=2021&month=11")
        wait_rendered(fresh, "这次登录已结束")
        assert "17.00" not in visible(fresh) and "综合科李" not in visible(fresh)
    # a new login: the provider's iat is whole seconds, so it is issued in a second after the removal's
    time.sleep(max(0.0, int(removed) + 1 - time.time()))
    page.context.clear_cookies()
    log_in(page, url, "zonghe@bureau.gov")
    wait_rendered(page, "总览 · 2021年11月", charts=2)
    assert "综合科李 · 科室 · 综合科" in visible(page) and "17.00" in visible(page)


def _listening(port: int) -> list[str]:
    """Local addresses listening on this port, from /proc/net/tcp and tcp6 (hex, as the kernel writes them)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in open(table).read().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":     # 0A: LISTEN
                found.append(address)
    return found


def test_local_mode_listens_on_loopback_only_and_refuses_forwarded_visitors(tmp_path):
    path = tmp_path / "local.duckdb"
    fresh_db(path, demo=True)
    port = free_port()
    with streamlit_server(path, port=port, address=None) as url:       # the address comes from config.toml
        assert _listening(port) == ["0100007F"]                         # 127.0.0.1, nothing else
        with chromium() as page:
            page.goto(url + "/?year=2021&month=11")
            wait_rendered(page, "总览 · 2021年11月", charts=2)
            assert "本机模式（未启用登录）" in page.inner_text("body")
            shot(page, "local-mode")
        # a reverse proxy on this machine passing a visitor from elsewhere: refused, nothing shown
        with chromium(headers={"X-Forwarded-For": "203.0.113.9"}) as page:
            page.goto(url + "/data")
            wait_rendered(page, "仅限本机访问")
            assert "导入历史" not in page.inner_text("body") and "经济建设科" not in visible(page)
            shot(page, "local-refused")
