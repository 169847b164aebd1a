"""Issue 36, review: the treasury accepts an answer (accepted, 已审核) or returns it with a reason (returned, 退回);
the section answers again as a new 监控表 version; every version and every reason stays. The rule table by
table, the loop through the command line, several accepted at once (all or none), and the page for each role."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date, datetime

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from conftest import AUTH, ROOT, cli_in_process, fresh_db
from spending import SpendingError, auth, bulletin, db, notice_letters, notice_rules, notices
from spending.db import opening
from test_roles import text_of

ECON = "106-0601-YBN-RQRQ"      # 业务委托费, 经济建设科: 严重滞后 in Nov 2021 (红色)
TRAINING = "106-0201-YBN-EI6K"  # 会计培训, 非税综合科: 超支 (紫色)
REVIEW = "106-0401-YBN-DAES"    # 预决算编审, 预算国库科: 滞后 (黄色)
ADMIN = auth.User("admin@bureau.gov", "admin")
LEADER = auth.User("leader@bureau.gov", "leader")
ECON_USER = auth.User("econ@bureau.gov", "section", sections=("经济建设科",))
REVIEW_USER = auth.User("guoku@bureau.gov", "section", sections=("预算国库科",))
GOOD = dict(cause="制度保障", cause_text="评审延后", action="加快评审", catch_up_month=12, forecast_wan="150")
TODAY = {"SPENDING_TODAY": "2021-12-03"}
ANSWERED = datetime(2021, 12, 5, 10, 0)


@pytest.mark.parametrize("answered_at, today, latest_month, latest_status, decided, verdict, state", [
    (ANSWERED, date(2021, 12, 6), 11, "severe", False, None, "answered"),        # not reviewed yet
    (ANSWERED, date(2021, 12, 6), 11, "severe", False, "accepted", "accepted"),
    (ANSWERED, date(2021, 12, 6), 11, "severe", False, "returned", "returned"),
    (ANSWERED, date(2021, 12, 20), 11, "severe", False, "returned", "returned"),  # past the due day: still returned
    (ANSWERED, date(2021, 12, 20), 12, "on_track", False, "returned", "closed"),  # back on pace: closed wins
    (ANSWERED, date(2021, 12, 20), 11, "severe", True, "accepted", "closed"),     # the treasury's decision
    (None, date(2021, 12, 6), 11, "severe", False, None, "open"),
])
def test_inquiry_state_with_the_review(answered_at, today, latest_month, latest_status, decided, verdict, state):
    assert notice_rules.state(answered_at, date(2021, 12, 10), today, 11, latest_month, latest_status, decided,
                         verdict) == state


@pytest.mark.parametrize("reviewed_version, answer_version, verdict, latest", [
    (None, 1, None, None),            # never reviewed
    (1, 1, "returned", "returned"),   # the latest answer returned
    (1, 2, "returned", None),         # answered again after the return: to review again
    (2, 2, "accepted", "accepted"),
])
def test_the_verdict_counts_for_the_version_it_reviewed(reviewed_version, answer_version, verdict, latest):
    assert notice_rules.latest_verdict({"reviewed_version": reviewed_version, "answer_version": answer_version,
                                   "verdict": verdict}) == latest


def test_summary_counts_the_reviews():
    rows = [{"section": "甲", "answered_at": ANSWERED, "state": "accepted"},
            {"section": "甲", "answered_at": ANSWERED, "state": "returned"},
            {"section": "甲", "answered_at": ANSWERED, "state": "answered"}]
    assert notice_rules.summary(rows) == [{"section": "甲", "issued": 3, "answered": 3, "accepted": 1, "returned": 1,
                                      "overdue": 0, "closed": 0, "open": 0}]


def _csv(out) -> list[dict]:
    assert out.returncode == 0, out.stderr
    return list(csv.DictReader(io.StringIO(out.stdout)))


def _states(path) -> dict[str, str]:
    rows = _csv(cli_in_process("notices", "list", "--as-of", "2021-11", "--format", "csv", db_path=path, env_extra=TODAY))
    return {r["project_code"]: r["state"] for r in rows}


def test_return_answer_again_accept_through_the_command_line(demo_db, tmp_path):
    path = tmp_path / "r.duckdb"
    shutil.copy(demo_db, path)
    assert cli_in_process("notices", "issue", "--as-of", "2021-11", db_path=path, env_extra=TODAY).returncode == 0
    review = ("notices", "review", "--as-of", "2021-11", "--project", ECON)

    not_answered = cli_in_process(*review, "--accept", db_path=path, env_extra=TODAY)
    assert not_answered.returncode == 1 and "只有已答复" in not_answered.stderr
    assert len(not_answered.stderr.strip().splitlines()) == 1

    con = opening.connect(path)
    try:
        notices.answer(con, ECON_USER, 2021, 11, ECON, **GOOD)
    finally:
        con.close()
    assert _states(path)[ECON] == "answered"
    out = cli_in_process(*review, "--return", "原因写得太笼统，请说明评审延后的具体环节", db_path=path, env_extra=TODAY)
    assert out.returncode == 0, out.stderr
    assert _states(path)[ECON] == "returned"
    again = cli_in_process(*review, "--accept", db_path=path, env_extra=TODAY)     # nothing new to review
    assert again.returncode == 1 and "退回" in again.stderr

    con = opening.connect(path)
    try:
        [row] = [r for r in notices.inquiries(con, 2021, 11, on=date(2021, 12, 3)) if r["project_code"] == ECON]
        assert (row["review_reason"], row["reviewed_by"], row["reviewed_at"].date()) == (
            "原因写得太笼统，请说明评审延后的具体环节", auth.cli_actor(), date(2021, 12, 3))
        assert notices.open_count(con, ECON_USER, 2021, on=date(2021, 12, 3)) == 1     # waiting for its answer again
        version = notices.answer(con, ECON_USER, 2021, 11, ECON, **{**GOOD, "cause_text": "专家评审排期延后两周"})
        assert version == 2
    finally:
        con.close()
    assert _states(path)[ECON] == "answered"
    out = cli_in_process(*review, "--accept", db_path=path, env_extra=TODAY)
    assert out.returncode == 0 and "已审核" in out.stdout
    assert _states(path) == {ECON: "accepted", TRAINING: "open", REVIEW: "open"}

    # Every version and every reason stays, and each review is in the audit log.
    con = opening.connect(path, read_only=True)
    try:
        history = db.rows(con, "monitoring_return_history", year=2021, code=ECON, month=11)
        assert [(r["version"], r["cause_text"]) for r in history] == [(2, "专家评审排期延后两周"), (1, "评审延后")]
        kept = con.execute("select answer_version, verdict, reason from inquiry_reviews order by answer_version").fetchall()
        assert kept == [(1, "returned", "原因写得太笼统，请说明评审延后的具体环节"), (2, "accepted", None)]
    finally:
        con.close()
    log = _csv(cli_in_process("audit", "--format", "csv", db_path=path))
    reviewed = [r for r in log if r["action"] == "inquiry_reviewed"]
    assert len(reviewed) == 2 and all(r["object"] == f"2021-11 {ECON}" for r in reviewed)
    table = cli_in_process("notices", "list", "--as-of", "2021-11", db_path=path, env_extra=TODAY)
    assert "已审核" in table.stdout


@pytest.mark.parametrize("args", [
    ["--accept", "--return", "x"],      # one verdict
    [],                                 # a verdict is required
])
def test_review_usage(demo_db, tmp_path, args):
    path = tmp_path / "u.duckdb"
    shutil.copy(demo_db, path)
    out = cli_in_process("notices", "review", "--as-of", "2021-11", "--project", ECON, *args, db_path=path)
    assert out.returncode == 2 and "usage:" in out.stderr


def test_several_accepted_at_once_all_or_none(demo_db, tmp_path):
    path = tmp_path / "m.duckdb"
    shutil.copy(demo_db, path)
    con = opening.connect(path)
    try:
        notices.issue(con, ADMIN, 2021, 11, today=date(2021, 12, 3))
        notices.answer(con, ECON_USER, 2021, 11, ECON, **GOOD)
        notices.answer(con, REVIEW_USER, 2021, 11, REVIEW, **GOOD)
        for someone in (LEADER, ECON_USER):
            with pytest.raises(SpendingError, match="只有管理员"):
                notices.review(con, someone, 2021, 11, [ECON], "accepted")
        with pytest.raises(SpendingError, match="写明理由"):
            notices.review(con, ADMIN, 2021, 11, [ECON], "returned", "  ")
        with pytest.raises(SpendingError, match=TRAINING):         # not answered: none of the three is accepted
            notices.review(con, ADMIN, 2021, 11, [ECON, REVIEW, TRAINING], "accepted")
        assert con.execute("select count(*) from inquiry_reviews").fetchone() == (0,)
        assert notices.review(con, ADMIN, 2021, 11, [ECON, REVIEW], "accepted") == 2
        states = {r["project_code"]: r["state"] for r in notices.inquiries(con, 2021, 11, on=date(2021, 12, 3))}
        assert states == {ECON: "accepted", REVIEW: "accepted", TRAINING: "open"}
        # The leader's tables and the bulletin say it: 已审核 in the counts and beside the 红色 answer.
        review = bulletin.review(con, 2021, 11)
        book = openpyxl.load_workbook(io.BytesIO(bulletin.to_xlsx(review)))
        counts = list(book["示例数据-预警问询答复情况"].values)
        assert counts[0][3:5] == ("已审核", "退回")
        assert sorted(r[:5] for r in counts[1:]) == [("经济建设科", 1, 1, 1, 0), ("非税综合科", 1, 0, 0, 0),
                                                     ("预算国库科", 1, 1, 1, 0)]
        red = list(book["示例数据-红色预警项目答复"].values)
        assert red[1][0] == "经济建设科" and "已审核" in red[1]
    finally:
        con.close()


# ------------------------------------------------------------------ the page

@pytest.fixture(scope="module")
def page_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("review") / "review.duckdb"
    fresh_db(path, demo=True)
    for args in (("admin@bureau.gov", "--role", "admin"), ("leader@bureau.gov", "--role", "leader"),
                 ("econ@bureau.gov", "--role", "section", "--section", "经济建设科", "--name", "经建科张"),
                 ("guoku@bureau.gov", "--role", "section", "--section", "预算国库科")):
        assert cli_in_process("user", "add", *args, db_path=path).returncode == 0
    con = opening.connect(path)
    try:
        notices.issue(con, ADMIN, 2021, 11, today=date(2021, 12, 3))
        notices.answer(con, ECON_USER, 2021, 11, ECON, **GOOD)
        notices.answer(con, REVIEW_USER, 2021, 11, REVIEW, **GOOD)
    finally:
        con.close()
    return path


def _open(path, monkeypatch, email: str) -> AppTest:
    monkeypatch.setenv("SPENDING_DB", str(path))
    monkeypatch.setenv(notices.TODAY_ENV, "2021-12-06")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.secrets.update(AUTH)
    at.user = {"is_logged_in": True, "email": email, "sub": email, "email_verified": True}
    at.query_params.update({"year": "2021", "month": "11"})
    at.run()
    at.switch_page("pages/notices.py")
    at.query_params.update({"year": "2021", "month": "11"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_the_page_reviews_and_the_section_answers_again(page_db, monkeypatch):
    # The admin returns one answer with its reason.
    at = _open(page_db, monkeypatch, "admin@bureau.gov")
    assert "审核答复" in text_of(at)
    which = next(s for s in at.selectbox if s.label == "退回哪一项答复")
    which.set_value(ECON)
    next(t for t in at.text_input if t.label == "退回理由").input("请说明评审延后的具体环节")
    _button(at, "退回").click().run()
    assert not at.exception and any("已退回「业务委托费」的答复" in s.value for s in at.success)

    # The section sees 退回 and the reason first, with the form to answer again.
    at = _open(page_db, monkeypatch, "econ@bureau.gov")
    shown = text_of(at)
    assert "待答复的问询（1 条）" in shown and "退回" in shown
    assert any("请说明评审延后的具体环节" in e.value and "退回" in e.value for e in at.error)
    next(s for s in at.selectbox if s.label == "偏差原因类别").set_value("制度保障")
    next(t for t in at.text_area if t.label == "偏差原因说明").input("专家评审排期延后两周")
    next(t for t in at.text_area if t.label == "纠偏措施").input("十二月集中支付")
    next(n for n in at.number_input if n.label.startswith("全年预计执行数")).set_value(150.0)
    _button(at, "提交答复").click().run()
    assert not at.exception and any("监控表第 2 版" in s.value for s in at.success)
    assert "待答复的问询（0 条）" in text_of(at)

    # The admin accepts both answers at once.
    at = _open(page_db, monkeypatch, "admin@bureau.gov")
    pick = next(m for m in at.multiselect if m.label.startswith("选择要接受的答复"))
    pick.set_value([ECON, REVIEW])
    _button(at, "接受所选答复").click().run()
    assert not at.exception and any("已审核 2 项答复" in s.value for s in at.success)
    assert "没有待审核的答复" in text_of(at)

    # Leadership's tables say 已审核.
    at = _open(page_db, monkeypatch, "leader@bureau.gov")
    summary = next(f.value for f in at.dataframe if "已发问询" in f.value.columns)
    assert summary["已审核"].sum() == 2 and summary["退回"].sum() == 0
    assert "已审核 2 条，退回 0 条" in text_of(at)
    assert not [b for b in at.button if b.label in ("接受所选答复", "退回")]


# ------------------------------------------------------------------ one channel, one date

def test_the_packet_and_the_letter_say_the_same_date(demo_db, tmp_path):
    """The 按科室分发 packet asks for the answer where the 问询函 does — in the product — by the letter's date."""
    import zipfile

    from spending import export, i18n
    from spending.rules import Thresholds

    path = tmp_path / "p.duckdb"
    shutil.copy(demo_db, path)
    con = opening.connect(path)
    try:
        notices.issue(con, ADMIN, 2021, 11, due=date(2021, 12, 14), today=date(2021, 12, 3))
        packet = zipfile.ZipFile(io.BytesIO(export.section_packets(con, 2021, 11, Thresholds())))
        letter = notice_letters.letter_text(2021, 11, "经济建设科", notice_letters.letters(con, 2021, 11, on=date(2021, 12, 3))["经济建设科"])
    finally:
        con.close()
    book = openpyxl.load_workbook(io.BytesIO(packet.read("经济建设科-滞后项目清单-2021-11.xlsx")))
    said = [row[0] for row in book["说明"].values if row[0] and "预警与问询" in str(row[0])]
    assert said == [i18n.t("by_section_answer", due="2021年12月14日")]
    assert "请于2021年12月14日前在支出进度监控系统「预警与问询」页逐项答复" in "".join(letter)
    assert not any("科室填写" in str(c) for c in next(book["滞后项目清单"].values))
