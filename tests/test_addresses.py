"""Issue 19, addresses, days and names: what an address or SPENDING_TODAY holds is said and corrected,
never an uncaught error; a name or a goal is never a link.

AppTest for the pages, Debian's Chromium for the autolinks (only a browser renders Markdown).
Screenshots: artifacts/screenshots/addresses-*.png."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, cli_in_process, fresh_db
from spending import SpendingError, notices

AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-secret",
                 "client_id": "spending", "client_secret": "secret",
                 "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"}}
SHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def address_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("addresses") / "addresses.duckdb"
    fresh_db(path, demo=True)
    out = cli_in_process("user", "add", "zonghe@bureau.gov", "--role", "section", "--section", "综合科", "--name", "综合科李",
              db_path=path)
    assert out.returncode == 0, out.stderr
    return path


@pytest.fixture
def page(address_db, monkeypatch):
    monkeypatch.setenv("SPENDING_DB", str(address_db))

    def open_page(url_path: str | None = None, email: str | None = None, **params) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        if email:
            at.secrets.update(AUTH)
            at.user = {"is_logged_in": True, "email": email, "email_verified": True, "sub": email}
        at.query_params.update({k: str(v) for k, v in params.items()})
        at.run()
        if url_path:
            at.switch_page(f"pages/{url_path}.py")
            at.query_params.update({k: str(v) for k, v in params.items()})
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return open_page


def warnings(at: AppTest) -> list[str]:
    return [w.value.replace("\\", "") for w in at.warning]


def param(at: AppTest, name: str):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


@pytest.mark.parametrize("params,notices_said", [
    ({"year": 2021, "month": "²"}, ["地址中的月份「²」无效（应为 1–12），已显示 2021年11月。"]),
    ({"year": 2021, "month": "١١"}, ["地址中的月份「١١」无效（应为 1–12），已显示 2021年11月。"]),   # Arabic-Indic 11
    ({"year": 2021, "month": "１１"}, ["地址中的月份「１１」无效（应为 1–12），已显示 2021年11月。"]),   # full-width 11
    ({"year": "²⁰²¹", "month": 11}, ["地址中的年度「²⁰²¹」没有预算数据，已显示 2021 年度。"]),
    ({"year": 2021, "month": "1" * 5000}, ["地址中的月份「" + "1" * 5000 + "」无效（应为 1–12），已显示 2021年11月。"]),
])
def test_digits_that_are_not_ascii_are_said_and_corrected(page, params, notices_said):
    at = page(**params)
    for notice in notices_said:
        assert notice in warnings(at)
    assert param(at, "year") == "2021" and param(at, "month") == "11"


@pytest.mark.parametrize("yellow,red", [("150", "200"), ("10", "101"), ("100.5", "100.5"), ("1e3", "2e3")])
def test_thresholds_above_100_are_said_and_replaced_by_the_defaults(page, yellow, red):
    at = page(year=2021, month=11, yellow=yellow, red=red)         # said on the page the address opens
    assert "地址中的阈值无效，已使用默认值 10 / 20。" in warnings(at)
    assert at.number_input(key="_yellow").value == 10 and at.number_input(key="_red").value == 20
    assert "yellow" not in at.query_params and "red" not in at.query_params


def test_thresholds_of_exactly_100_are_kept(page):
    at = page("pacing", year=2021, month=11, yellow="50", red="100")
    assert not any("阈值" in w for w in warnings(at))
    assert at.number_input(key="_red").value == 100 and param(at, "red") == "100"


# ------------------------------------------------------------------ SPENDING_TODAY

@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "3000-01-01", "1899-12-31"])
def test_a_day_too_far_for_reply_by_dates_is_refused_clearly(text):
    with pytest.raises(SpendingError, match=f"SPENDING_TODAY「{text}」"):
        notices.parse_day(text)


@pytest.mark.parametrize("text,day", [("2021-12-13", date(2021, 12, 13)), ("1900-01-01", date(1900, 1, 1)),
                                      ("2999-12-31", date(2999, 12, 31))])
def test_a_day_in_range_is_that_day(text, day):
    assert notices.parse_day(text) == day


@pytest.mark.parametrize("value", ["9999-12-31", "12/13/2021", "tomorrow"])
def test_a_bad_spending_today_leaves_a_section_users_pages_working(page, monkeypatch, value):
    monkeypatch.setenv(notices.TODAY_ENV, value)
    at = page(email="zonghe@bureau.gov", year=2021, month=11)
    assert {m.label: m.value for m in at.metric}["累计支出（万元）"] == "9.35"         # 综合科's overview
    said = [e.value.replace("\\", "") for e in at.sidebar.error]
    assert any("SPENDING_TODAY" in s and value in s for s in said), said
    assert not any("页面出错" in e.value for e in at.error)
    pacing = page("pacing", email="zonghe@bureau.gov", year=2021, month=11)
    assert pacing.dataframe and not any("页面出错" in e.value for e in pacing.error)


@pytest.mark.parametrize("value", ["9999-12-31", "12/13/2021"])
def test_a_bad_spending_today_is_said_on_the_notices_page(page, monkeypatch, value):
    monkeypatch.setenv(notices.TODAY_ENV, value)
    for email in (None, "zonghe@bureau.gov"):
        at = page("notices", email=email, year=2021, month=11)
        errors = [e.value.replace("\\", "") for e in at.error]
        assert any("SPENDING_TODAY" in e and value in e for e in errors), errors
        assert not any("页面出错" in e for e in errors)
        assert [t.value for t in at.title] == ["预警与问询"]


# ------------------------------------------------------------------ names and goals are never links

URL_NAME = "运维 https://evil.example/pay 与 www.evil.example (http://evil.example/x) 联系 boss@evil.example"
URL_GOAL = "见 https://evil.example/goal，或 a.b_c@evil.example；(www.evil.example/q)"


@pytest.mark.browser
def test_urls_in_names_and_goals_are_not_links_in_the_browser(tmp_path):
    import duckdb

    from browser import chromium, streamlit_server, wait_rendered

    path = tmp_path / "links.duckdb"
    fresh_db(path, demo=True)
    con = duckdb.connect(str(path))
    try:
        con.execute("update projects set project_name = ?, goal_1 = ?, purpose = ? "
                    "where fiscal_year = 2021 and project_code = '106-0501-YBN-476T'", [URL_NAME, URL_GOAL, URL_GOAL])
    finally:
        con.close()
    with streamlit_server(path) as url, chromium() as page:
        page.goto(f"{url}/project?year=2021&month=11&code=106-0501-YBN-476T")
        wait_rendered(page, "evil.example/goal")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "addresses-no-autolinks.png"), full_page=True)
        links = page.eval_on_selector_all("[data-testid='stMain'] a", "els => els.map(e => e.href)")
        assert not [h for h in links if not h.startswith(url + "/project?")], links     # only the headings' anchors
        title = page.inner_text("[data-testid='stMain'] h1").replace("\u2060", "")
        assert URL_NAME in title                            # the name as it is, only not a link
        body = page.inner_text("[data-testid='stMain']").replace("\u2060", "")
        assert URL_GOAL in body
