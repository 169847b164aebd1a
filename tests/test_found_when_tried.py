"""Issue 36, found when tried as the three users would: the section's written reason in the bulletin's
绩效运行监控表 and on 总览 → 双监控与通报 beside its category; 完成可能性 and 人工评价 never shown as None; 填报人
the person's name; 预计恢复进度的月份 offering no month already past."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from conftest import AUTH, ROOT, cli_in_process, fresh_db
from spending import auth, bulletin, monitoring, notice_rules, notices
from spending.db import opening

ECON = "106-0601-YBN-RQRQ"      # 业务委托费, 经济建设科
ECON_USER = auth.User("econ@bureau.gov", "section", sections=("经济建设科",))


@pytest.mark.parametrize("month, year, today, offered", [
    (11, 2021, date(2021, 12, 3), [12]),              # November is past on 3 December
    (11, 2021, date(2021, 11, 28), [11, 12]),         # still November
    (9, 2021, date(2021, 10, 8), [10, 11, 12]),
    (9, 2021, date(2021, 9, 30), [9, 10, 11, 12]),
    (11, 2021, date(2022, 1, 5), [12]),               # the year is over: December alone
    (3, 2022, date(2021, 12, 20), list(range(3, 13))),   # a demonstration's clock before the year: from its month
])
def test_catch_up_months_offer_none_already_past(month, year, today, offered):
    assert notice_rules.catch_up_months(month, year, today) == offered


@pytest.fixture(scope="module")
def answered_db(tmp_path_factory):
    path = fresh_db(tmp_path_factory.mktemp("found") / "found.duckdb", demo=True)
    for args in (("admin@bureau.gov", "--role", "admin"),
                 ("econ@bureau.gov", "--role", "section", "--section", "经济建设科", "--name", "经建科张"),
                 ("guoku@bureau.gov", "--role", "section", "--section", "预算国库科")):
        assert cli_in_process("user", "add", *args, db_path=path).returncode == 0
    con = opening.connect(path)
    try:
        notices.issue(con, auth.User("admin@bureau.gov", "admin"), 2021, 11, today=date(2021, 12, 3))
        notices.answer(con, ECON_USER, 2021, 11, ECON, "制度保障", "专家评审排期延后两周", "十二月集中支付", 12, "150")
        monitoring.save_return(con, ECON_USER, 2021, ECON, 11, "150", "manual", "制度保障", None, "十二月集中支付")
    finally:
        con.close()
    return path


def test_the_bulletin_prints_the_reason_in_words_and_the_persons_name(answered_db):
    con = opening.connect(answered_db, read_only=True)
    try:
        review = bulletin.review(con, 2021, 11)
    finally:
        con.close()
    book = openpyxl.load_workbook(io.BytesIO(bulletin.to_xlsx(review)))
    sheet = next(book[n] for n in book.sheetnames if n.endswith("绩效运行监控表"))
    header, *rows = [list(r) for r in sheet.values]
    assert header.index("偏差原因说明") == header.index("偏差原因") + 1          # beside its category
    [row] = [dict(zip(header, r)) for r in rows]
    assert (row["偏差原因"], row["偏差原因说明"], row["填报人"]) == ("制度保障", "专家评审排期延后两周", "经建科张")
    assert row["完成可能性"] is None                                        # an empty cell
    page = bulletin._html_table(bulletin.table(review.returns, bulletin.RETURN_COLUMNS))     # the PDF's table
    assert "专家评审排期延后两周" in page and "经建科张" in page and "econ@bureau.gov" not in page


def _open(path, monkeypatch, email: str, page: str | None = None, **params) -> AppTest:
    monkeypatch.setenv("SPENDING_DB", str(path))
    monkeypatch.setenv(notices.TODAY_ENV, "2021-12-03")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.secrets.update(AUTH)
    at.user = {"is_logged_in": True, "email": email, "sub": email, "email_verified": True}
    address = {"year": "2021", "month": "11", **params}
    at.query_params.update(address)
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py")
        at.query_params.update(address)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_overview_shows_the_reason_and_no_none(answered_db, monkeypatch):
    at = _open(answered_db, monkeypatch, "admin@bureau.gov")
    returns = next(f.value for f in at.dataframe if "偏差原因说明" in f.value.columns)
    [row] = returns.to_dict("records")
    assert (row["偏差原因"], row["偏差原因说明"], row["填报人"]) == ("制度保障", "专家评审排期延后两周", "经建科张")
    assert row["完成可能性"] == ""          # not None (Streamlit shows a missing value as the word None)
    assert not returns.drop(columns=[c for c in returns.columns if c.endswith("(万元)")]).isna().any().any()


def test_the_project_page_shows_no_none(answered_db, monkeypatch):
    at = _open(answered_db, monkeypatch, "econ@bureau.gov", "project", code=ECON)
    frames = [f.value for f in at.dataframe]
    history = next(f for f in frames if "版本" in f.columns)            # the 监控表's versions
    assert list(history["完成可能性"]) == ["", ""]
    editor = next(f for f in frames if "人工评价" in f.columns)          # the indicators' editor: nothing judged yet
    assert len(editor) == 4 and set(editor["人工评价"]) == {"—"}


def test_the_section_is_offered_no_past_month(answered_db, monkeypatch):
    at = _open(answered_db, monkeypatch, "guoku@bureau.gov", "notices")
    [month] = [s for s in at.selectbox if s.label == "预计恢复进度的月份"]
    assert month.options == ["12月"] and month.value == 12
