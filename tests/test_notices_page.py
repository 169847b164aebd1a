"""The 预警与问询 page for each role (AppTest with a logged-in st.user, as tests/test_roles.py): the admin
issues the month's inquiries and sees every section; a section user sees only its own, open ones
first, answers one, and sees the count in the sidebar; leadership sees the summary, the 红色 answers
and the 约谈 list and has nothing to write with."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conftest import AUTH, ROOT, cli_in_process, fresh_db
from spending import auth, notice_rules, notices
from test_roles import text_of

ECON = "106-0601-YBN-RQRQ"      # 业务委托费, 经济建设科


@pytest.fixture(scope="module")
def notices_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("notices") / "notices.duckdb"
    fresh_db(path, demo=True)
    for args in (("admin@bureau.gov", "--role", "admin"), ("leader@bureau.gov", "--role", "leader"),
                 ("econ@bureau.gov", "--role", "section", "--section", "经济建设科", "--name", "经建科张")):
        out = cli_in_process("user", "add", *args, db_path=path)
        assert out.returncode == 0, out.stderr
    return path


@pytest.fixture
def open_as(notices_db, monkeypatch):
    monkeypatch.setenv("SPENDING_DB", str(notices_db))
    monkeypatch.setenv(notices.TODAY_ENV, "2021-12-03")

    def open_page(email: str, lang: str = "zh") -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
        at.secrets.update(AUTH)
        at.user = {"is_logged_in": True, "email": email, "sub": email, "email_verified": True}
        address = {"year": "2021", "month": "11", **({"lang": "en"} if lang == "en" else {})}
        at.query_params.update(address)
        at.run()
        at.switch_page("pages/notices.py")
        at.query_params.update(address)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return open_page


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_each_role_through_the_page(open_as, notices_db, monkeypatch):
    # The admin sees the month's three warnings and issues them, with the reply-by date it chose.
    at = open_as("admin@bureau.gov")
    shown = text_of(at)
    assert "2021-12-03" in shown and "红色" in shown and "紫色" in shown and "黄色" in shown
    assert "本月还没有发出问询" in shown
    at.date_input[0].set_value(notice_rules.add_working_days(notices.parse_day("2021-12-03"), 6))     # Mon 2021-12-13
    button(at, "发出本月问询").click().run()
    assert not at.exception
    assert any("已发出问询 3 条" in s.value for s in at.success)
    shown = text_of(at)
    for section in ("经济建设科", "非税综合科", "预算国库科"):
        assert section in shown
    assert "2021-12-13" in shown and "待答复" in shown
    # every letter as one zip (issue 36), the chosen section's letter as Excel (the PDF is made on a click)
    assert [b.label for b in at.get("download_button")] == ["下载全部问询函（zip）", "下载问询函（Excel）"]
    button(at, "发出本月问询").click().run()       # again: nothing new
    assert any("已发出问询 0 条，此前已发 3 条未变" in s.value for s in at.success)
    at.selectbox(key="letter_section").set_value("预算国库科").run()
    button(at, "生成 PDF").click().run()          # the 问询函 printed by Chromium, then offered for download
    assert not at.exception and [b.label for b in at.get("download_button")] == [
        "下载全部问询函（zip）", "下载问询函（Excel）", "下载问询函（PDF）"]

    # The section user: its own inquiry first, the count in the sidebar, nothing of the others.
    at = open_as("econ@bureau.gov")
    shown = text_of(at)
    assert "待答复问询：1 条" in [w.value for w in at.sidebar.warning][0]
    assert "待答复的问询（1 条）" in shown and "业务委托费" in shown
    assert "非税综合科" not in shown and "会计培训" not in shown and "预决算编审" not in shown
    assert not [b for b in at.button if b.label == "发出本月问询"] and not at.date_input
    form = at.selectbox
    next(s for s in form if s.label == "偏差原因类别").set_value("制度保障")
    next(t for t in at.text_area if t.label == "偏差原因说明").input("评审流程延后")
    next(t for t in at.text_area if t.label == "纠偏措施").input("十二月集中支付")
    button(at, "提交答复").click().run()
    assert not at.exception
    assert any("已提交答复（监控表第 1 版）" in s.value for s in at.success)
    shown = text_of(at)
    assert "待答复的问询（0 条）" in shown and "评审流程延后" in shown and "已答复" in shown
    assert not at.sidebar.warning

    # The section's answer with a part missing is refused with a message (checked in notices.answer).
    # (through the dashboard's own write connection: this process holds the database)
    from spending import ui
    with ui.writing() as con:
        me = auth.find(con, "econ@bureau.gov")
        with pytest.raises(Exception, match="纠偏措施"):
            notices.answer(con, me, 2021, 11, ECON, "制度保障", "x", " ", 12, "100")

    # Leadership: 1 answered, the rest open; the 红色 answer; nothing to issue or answer.
    at = open_as("leader@bureau.gov")
    shown = text_of(at)
    summary = next(f.value for f in at.dataframe if "已发问询" in f.value.columns)
    assert summary["已发问询"].sum() == 3 and summary["已答复"].sum() == 1 and summary["待答复"].sum() == 2
    assert "评审流程延后" in shown and "十二月集中支付" in shown
    assert "没有需要约谈的项目" in shown
    assert not [b for b in at.button if b.label in ("发出本月问询", "提交答复")] and not at.text_area

    # Past the reply-by date the rest are overdue (the clock is read on every run).
    monkeypatch.setenv(notices.TODAY_ENV, "2021-12-14")
    at = open_as("leader@bureau.gov")
    summary = next(f.value for f in at.dataframe if "已发问询" in f.value.columns)
    assert summary["逾期"].sum() == 2 and summary["已答复"].sum() == 1
    assert "逾期" in text_of(at)

    # The same page in English.
    at = open_as("leader@bureau.gov", lang="en")
    shown = text_of(at)
    assert "Warnings & inquiries" in shown and "1 answered, 0 open, 2 overdue, 0 closed" in shown
    assert "Answers for the red projects" in shown
