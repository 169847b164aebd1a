"""预警与问询 end to end in Debian's Chromium, logged in through the test OIDC provider
(oidc-provider-mock): the admin issues November's inquiries; the 经济建设科 user sees only its own
and answers it; the leader sees 1 answered and the rest open; a clock moved past the reply-by date
(SPENDING_TODAY, read by the page on every run) makes the rest 逾期; December's payments, imported
through the command line, bring 预决算编审 back on pace and its inquiry closes.

Each person logs in once and stays logged in when the server is started again at the same address with
the clock moved (the login cookie names the server's origin), as someone who leaves the tab open would.
One browser serves them all: it holds one person's cookies at a time, as their own browser would.

Screenshots go to artifacts/screenshots/notices-*.png.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

from browser import ROOT, chromium, free_port, log_in, login_server, oidc_provider, wait_rendered
from conftest import cli_in_process, fresh_db, write_csv

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"
USERS = {"admin@bureau.gov": "预算国库科管理员", "leader@bureau.gov": "王局长", "econ@bureau.gov": "经建科张"}
REVIEW = "106-0401-YBN-DAES"    # 预决算编审, 预算国库科
PORT = free_port()


@pytest.fixture(scope="module")
def provider():
    with oidc_provider(USERS) as url:
        yield url


@contextmanager
def server(folder: Path, path: Path, provider: str, today: str, monkeypatch):
    """The dashboard with the login provider, its clock at `today` (SPENDING_TODAY), always on PORT."""
    with monkeypatch.context() as m:
        m.setenv("SPENDING_TODAY", today)
        with login_server(path, provider, folder, port=PORT) as url:
            yield url


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"notices-{name}.png"), full_page=True)


class Browsers:
    """One browser, holding the cookies of one person at a time: each logs in at the first visit, and their
    cookies are put back for the next ones."""

    def __init__(self, page):
        self.page, self.cookies = page, {}

    def open_notices(self, url: str, email: str):
        """This person's page on 预警与问询 of November; logged in first if they have not been."""
        page = self.page
        page.context.clear_cookies()
        if email in self.cookies:
            page.context.add_cookies(self.cookies[email])
        else:
            log_in(page, url, email, "/notices?year=2021&month=11")
            self.cookies[email] = page.context.cookies()
        page.goto(url + "/notices?year=2021&month=11")
        wait_rendered(page, "预警与问询")
        return page, visible(page)


def visible(page) -> str:
    return (page.inner_text("body") + page.content()).replace("\u2060", "")   # ui.plain breaks autolinks with U+2060


def test_the_inquiry_loop_in_the_browser(tmp_path, provider, monkeypatch):
    path = tmp_path / "loop.duckdb"
    fresh_db(path, demo=True)
    for args in (("admin@bureau.gov", "--role", "admin"), ("leader@bureau.gov", "--role", "leader", "--name", "王局长"),
                 ("econ@bureau.gov", "--role", "section", "--section", "经济建设科", "--name", "经建科张")):
        assert cli_in_process("user", "add", *args, db_path=path).returncode == 0

    with chromium(height=1900) as one_browser:
        browsers = Browsers(one_browser)
        with server(tmp_path, path, provider, "2021-12-03", monkeypatch) as url:
            # The admin issues November's inquiries (reply by the default: 5 working days).
            page, shown = browsers.open_notices(url, "admin@bureau.gov")
            assert "今天：2021-12-03" in shown and "本月还没有发出问询" in shown
            page.get_by_role("button", name="发出本月问询").click()
            wait_rendered(page, "已发出问询 3 条")
            shown = visible(page)
            assert "2021-12-10" in shown and "经济建设科" in shown and "非税综合科" in shown and "预算国库科" in shown
            shot(page, "1-admin-issued")

            # The 经济建设科 user: the count in the sidebar, only its own inquiry, and answers it.
            page, shown = browsers.open_notices(url, "econ@bureau.gov")
            assert "待答复问询：1 条" in shown and "待答复的问询（1 条）" in shown and "业务委托费" in shown
            for other in ("非税综合科", "会计培训", "预算国库科", "预决算编审"):
                assert other not in shown, other
            shot(page, "2-section-open")
            page.locator("[data-testid='stSelectbox']").filter(has_text="偏差原因类别").click()
            page.get_by_role("option", name="制度保障").click()
            page.get_by_label("偏差原因说明").fill("委托评审合同十一月才签订")
            page.get_by_label("纠偏措施").fill("十二月按合同进度集中支付")
            page.get_by_role("button", name="提交答复").click()
            wait_rendered(page, "已提交答复")
            shown = visible(page)
            assert "待答复的问询（0 条）" in shown and "委托评审合同十一月才签订" in shown
            assert "待答复问询：" not in shown
            shot(page, "3-section-answered")

            # Leadership: 1 answered, the rest open; the 红色 project's answer.
            page, shown = browsers.open_notices(url, "leader@bureau.gov")
            assert "共 3 条问询：已答复 1 条，待答复 2 条，逾期 0 条，已销号 0 条" in shown
            assert "十二月按合同进度集中支付" in shown and "发出本月问询" not in shown
            shot(page, "4-leader")

        # A week later: the two unanswered are 逾期.
        with server(tmp_path, path, provider, "2021-12-13", monkeypatch) as url:
            page, shown = browsers.open_notices(url, "leader@bureau.gov")
            assert "今天：2021-12-13" in shown
            assert "共 3 条问询：已答复 1 条，待答复 0 条，逾期 2 条，已销号 0 条" in shown
            shot(page, "5-leader-overdue")

        # December's payments bring 预决算编审 back on pace: its inquiry closes (销号), the history stays.
        payments = write_csv(tmp_path / "dec.csv", ["voucher_no", "project_code", "pay_date", "amount_yuan"],
                             [["DEC-1", REVIEW, "2021-12-15", "120000.00"]])
        assert cli_in_process("import-disbursements", str(payments), db_path=path).returncode == 0   # between runs
        with server(tmp_path, path, provider, "2021-12-20", monkeypatch) as url:
            page, shown = browsers.open_notices(url, "admin@bureau.gov")
            assert "共 3 条问询：已答复 1 条，待答复 0 条，逾期 1 条，已销号 1 条" in shown
            assert "预决算编审" in shown and "已销号" in shown
            shot(page, "6-admin-closed")
