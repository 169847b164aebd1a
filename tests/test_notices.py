"""预警与问询 (issue 13): the rules table by table, and the whole loop through the command line —
issue, answer (the month's 监控表), overdue, letters, a later month's payments closing an inquiry,
escalation (约谈) and the audit log."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from conftest import cli_in_process, fresh_db, plan_row, write_csv
from spending import SpendingError, auth, bulletin, db, notice_rules, notices
from spending.db import opening, schema
from spending.rules import Thresholds

ECON = "106-0601-YBN-RQRQ"      # 业务委托费, 经济建设科: 严重滞后 in Nov 2021 (红色)
TRAINING = "106-0201-YBN-EI6K"  # 会计培训, 非税综合科: 超支 (紫色)
REVIEW = "106-0401-YBN-DAES"    # 预决算编审, 预算国库科: 滞后 (黄色)
ADMIN = auth.User("admin@bureau.gov", "admin")
LEADER = auth.User("leader@bureau.gov", "leader")
ECON_USER = auth.User("econ@bureau.gov", "section", sections=("经济建设科",))


# ------------------------------------------------------------------ rules

@pytest.mark.parametrize("status, before_1, before_2, level", [
    ("on_track", None, None, None),
    ("on_track", "severe", "severe", None),
    ("lagging", None, None, "yellow"),
    ("lagging", "lagging", None, "yellow"),                 # two months only
    ("lagging", "on_track", "lagging", "yellow"),           # not in a row
    ("lagging", "lagging", "lagging", "red"),               # three months in a row
    ("lagging", "severe", "lagging", "red"),                # behind (either kind) three months
    ("lagging", "overspent", "lagging", "yellow"),          # overspent is not behind plan
    ("severe", None, None, "red"),
    ("severe", "on_track", "on_track", "red"),
    ("overspent", "lagging", "lagging", "purple"),
])
def test_warning_level(status, before_1, before_2, level):
    assert notice_rules.level(status, before_1, before_2) == level


@pytest.mark.parametrize("start, days, due", [
    (date(2021, 12, 1), 5, date(2021, 12, 8)),     # Wed → next Wed
    (date(2021, 12, 3), 5, date(2021, 12, 10)),    # Fri → next Fri
    (date(2021, 12, 4), 5, date(2021, 12, 10)),    # Sat → Fri
    (date(2021, 12, 5), 5, date(2021, 12, 10)),    # Sun → Fri
    (date(2021, 12, 6), 1, date(2021, 12, 7)),
    (date(2021, 12, 10), 1, date(2021, 12, 13)),   # Fri + 1 → Mon
    (date(2021, 12, 6), 0, date(2021, 12, 6)),
])
def test_reply_by_counts_working_days(start, days, due):
    assert notice_rules.add_working_days(start, days) == due


ANSWERED = datetime(2021, 12, 5, 10, 0)


@pytest.mark.parametrize("answered_at, today, month, latest_month, latest_status, state", [
    (None, date(2021, 12, 10), 11, 11, "severe", "open"),          # on the due day: still open
    (None, date(2021, 12, 11), 11, 11, "severe", "overdue"),       # the day after
    (ANSWERED, date(2021, 12, 20), 11, 11, "severe", "answered"),  # answered, even if the due day passed
    (None, date(2021, 12, 20), 11, 12, "on_track", "closed"),      # a later month on track: 销号
    (ANSWERED, date(2021, 12, 20), 11, 12, "on_track", "closed"),
    (None, date(2021, 12, 20), 11, 12, "lagging", "overdue"),      # a later month still behind
    (None, date(2021, 12, 1), 11, 11, "on_track", "open"),         # the same month: not a later one
    (None, date(2021, 12, 1), 11, None, None, "open"),             # nothing imported
])
def test_inquiry_state(answered_at, today, month, latest_month, latest_status, state):
    assert notice_rules.state(answered_at, date(2021, 12, 10), today, month, latest_month, latest_status) == state


@pytest.mark.parametrize("this_month, before, escalated", [
    ([("A", "open"), ("B", "answered")], [], []),
    ([("A", "open"), ("B", "answered")], ["A", "B"], ["A", "B"]),
    ([("A", "closed"), ("B", "overdue")], ["A", "B"], ["B"]),       # back on pace: not escalated
    ([("A", "open")], ["C"], []),
])
def test_escalation_after_two_months(this_month, before, escalated):
    rows = [{"project_code": c, "state": s} for c, s in this_month]
    assert [r["project_code"] for r in notice_rules.escalated(rows, [{"project_code": c} for c in before])] == escalated


def test_summary_per_section():
    rows = [{"section": "甲", "answered_at": ANSWERED, "state": "answered"},
            {"section": "甲", "answered_at": None, "state": "overdue"},
            {"section": "甲", "answered_at": ANSWERED, "state": "closed"},
            {"section": "乙", "answered_at": None, "state": "open"}]
    assert notice_rules.summary(rows) == [
        {"section": "乙", "issued": 1, "answered": 0, "accepted": 0, "returned": 0, "overdue": 0, "closed": 0, "open": 1},
        {"section": "甲", "issued": 3, "answered": 2, "accepted": 0, "returned": 0, "overdue": 1, "closed": 1, "open": 0}]


GOOD = dict(cause="制度保障", cause_text="评审延后", action="加快评审", catch_up_month=12, forecast_wan="150")


@pytest.mark.parametrize("change, message", [
    ({}, None),
    ({"cause": "天气"}, "偏差原因类别"),
    ({"cause": None}, "偏差原因类别"),
    ({"cause_text": "  "}, "说明偏差原因"),
    ({"action": ""}, "纠偏措施"),
    ({"catch_up_month": None}, "恢复进度的月份"),
    ({"catch_up_month": 10}, "11 月至 12 月"),        # before the inquiry's month
    ({"catch_up_month": 13}, "11 月至 12 月"),
    ({"catch_up_month": 11}, None),
    ({"forecast_wan": ""}, "全年预计执行数"),
    ({"forecast_wan": "abc"}, "不是有效的金额"),
    ({"forecast_wan": "-1"}, "超出范围"),
])
def test_an_answer_needs_every_part(change, message):
    given = {**GOOD, **change}
    if message is None:
        answer = notice_rules.check_answer(11, **given)
        assert answer.catch_up_month == given["catch_up_month"] and answer.forecast_wan == Decimal(given["forecast_wan"])
    else:
        with pytest.raises(SpendingError, match=message):
            notice_rules.check_answer(11, **given)


@pytest.mark.parametrize("value, expected", [("2021-12-13", date(2021, 12, 13)), ("", None), ("12/13/2021", "error")])
def test_today_is_read_when_asked(monkeypatch, value, expected):
    monkeypatch.setenv(notices.TODAY_ENV, value)
    if expected == "error":
        with pytest.raises(SpendingError, match="SPENDING_TODAY"):
            notices.today()
    else:
        assert notices.today() == (expected or date.today())


def test_three_months_behind_in_a_row_is_red(ledger):
    """The warnings query hands the two months before to the rule: lagging in Sep, Oct and Nov is 红色."""
    ledger.plan(plan_row("P1", 100, {9: 50, 10: 60, 11: 70, 12: 100}),
                plan_row("P2", 100, {9: 0, 10: 0, 11: 70, 12: 100}))
    ledger.pay("P1", ("2021-09-10", 350_000))     # 35 %: −15, −25, −35 (red at 40): lagging ×3
    ledger.pay("P2", ("2021-11-10", 550_000))     # 55 % against 70: −15 in Nov only
    found = {w["project_code"]: w for w in notices.warnings(ledger.con, 2021, 11, Thresholds(Decimal(10), Decimal(40)))}
    assert (found["P1"]["status"], found["P1"]["status_1"], found["P1"]["status_2"]) == ("lagging", "lagging", "lagging")
    assert found["P1"]["level"] == "red"
    assert (found["P2"]["status"], found["P2"]["level"]) == ("lagging", "yellow")


# ------------------------------------------------------------------ the loop through the command line

def _csv(out: subprocess.CompletedProcess) -> list[dict]:
    assert out.returncode == 0, out.stderr
    return list(csv.DictReader(io.StringIO(out.stdout)))


def test_the_whole_loop_through_the_command_line(tmp_path):
    path = tmp_path / "n.duckdb"
    fresh_db(path, demo=True)
    early = {"SPENDING_TODAY": "2021-12-03"}        # a Friday: reply by Friday 2021-12-10
    late = {"SPENDING_TODAY": "2021-12-13"}

    assert cli_in_process("notices", "list", "--as-of", "2021-11", "--format", "csv", db_path=path).stdout.splitlines() == [
        ",".join(notices.LIST_COLUMNS)]
    out = cli_in_process("notices", "issue", "--as-of", "2021-11", db_path=path, env_extra=early)
    assert out.returncode == 0, out.stderr
    assert "已发出问询 3 条" in out.stdout and "2021-12-10" in out.stdout
    rows = _csv(cli_in_process("notices", "list", "--as-of", "2021-11", "--format", "csv", db_path=path, env_extra=early))
    assert list(rows[0]) == notices.LIST_COLUMNS
    assert {(r["section"], r["project_code"], r["level"], r["due"], r["state"], r["answered_at"]) for r in rows} == {
        ("经济建设科", ECON, "red", "2021-12-10", "open", ""),
        ("非税综合科", TRAINING, "purple", "2021-12-10", "open", ""),
        ("预算国库科", REVIEW, "yellow", "2021-12-10", "open", "")}

    # The section answers one: the month's 监控表, one record that 双监控 and the bulletin see.
    con = opening.connect(path)
    try:
        with pytest.raises(SpendingError, match="无权"):
            notices.answer(con, ECON_USER, 2021, 11, TRAINING, **GOOD)       # another section's project
        with pytest.raises(SpendingError, match="无权"):
            notices.answer(con, LEADER, 2021, 11, ECON, **GOOD)              # leaders write nothing
        with pytest.raises(SpendingError, match="没有关于项目"):
            notices.answer(con, ECON_USER, 2021, 10, ECON, **GOOD)           # no inquiry that month
        for someone in (ECON_USER, LEADER):
            with pytest.raises(SpendingError, match="只有管理员"):
                notices.issue(con, someone, 2021, 11)
        assert notices.answer(con, ECON_USER, 2021, 11, ECON, **GOOD) == 1
        returns = db.rows(con, "monitoring_returns", year=2021, month=11, code=None, scope=None)
        assert [(r["project_code"], r["deviation_cause"], r["cause_text"], r["corrective_action"], r["catch_up_month"],
                 r["forecast_wan"]) for r in returns] == [(ECON, "制度保障", "评审延后", "加快评审", 12, Decimal("150"))]
        review = bulletin.review(con, 2021, 11)
        assert review.returns["project_code"].tolist() == [ECON]
        # The project page's 监控表 form (without the answer's own fields) keeps them in its new version.
        from spending import monitoring
        assert monitoring.save_return(con, ECON_USER, 2021, ECON, 11, "160", "manual", "制度保障", "有可能",
                                      "加快评审") == 2
        latest = db.rows(con, "monitoring_returns", year=2021, month=11, code=ECON, scope=None)[0]
        assert (latest["version"], latest["cause_text"], latest["catch_up_month"], latest["likelihood"]) == (
            2, "评审延后", 12, "有可能")
        assert notices.open_count(con, ECON_USER, 2021, on=date(2021, 12, 3)) == 0
        assert notices.open_count(con, LEADER, 2021, on=date(2021, 12, 3)) == 2
    finally:
        con.close()

    # Issuing again adds nothing and leaves the answer (and the first due date) alone.
    again = cli_in_process("notices", "issue", "--as-of", "2021-11", "--due", "2021-12-31", db_path=path, env_extra=early)
    assert again.returncode == 0 and "已发出问询 0 条，此前已发 3 条未变" in again.stdout
    rows = _csv(cli_in_process("notices", "list", "--as-of", "2021-11", "--format", "csv", db_path=path, env_extra=early))
    states = {r["project_code"]: r["state"] for r in rows}
    assert len(rows) == 3 and states == {ECON: "answered", TRAINING: "open", REVIEW: "open"}
    assert {r["due"] for r in rows} == {"2021-12-10"}
    assert next(r for r in rows if r["project_code"] == ECON)["answered_at"].startswith("20")

    # Past the reply-by date the rest are overdue; one section's list is its own.
    rows = _csv(cli_in_process("notices", "list", "--as-of", "2021-11", "--format", "csv", db_path=path, env_extra=late))
    assert {r["project_code"]: r["state"] for r in rows} == {ECON: "answered", TRAINING: "overdue", REVIEW: "overdue"}
    own = json.loads(cli_in_process("notices", "list", "--as-of", "2021-11", "--section", "经济建设科", "--format", "json",
                         db_path=path, env_extra=late).stdout)
    assert [(r["project_code"], r["state"], r["due"]) for r in own] == [(ECON, "answered", "2021-12-10")]
    table = cli_in_process("notices", "list", "--as-of", "2021-11", db_path=path, env_extra=late)
    assert table.returncode == 0 and "逾期" in table.stdout and "已答复" in table.stdout and "红色" in table.stdout

    # One 问询函 per section, PDF and Excel, from the same data.
    out = cli_in_process("notices", "letters", "--as-of", "2021-11", "--out", str(tmp_path / "letters"), db_path=path,
              env_extra=late)
    assert out.returncode == 0, out.stderr
    written = sorted(p.name for p in (tmp_path / "letters").iterdir())
    assert written == sorted(f"问询函_2021-11_{s}.{x}" for s in ("经济建设科", "非税综合科", "预算国库科")
                             for x in ("pdf", "xlsx"))
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "letters" / "问询函_2021-11_预算国库科.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = text.replace(" ", "")
    assert "问询函" in text and bulletin.issuer() in text and "请于2021年12月10日前" in flat and "预决算编审" in text
    assert "业务委托费" not in text and "黄色" in text
    book = openpyxl.load_workbook(tmp_path / "letters" / "问询函_2021-11_经济建设科.xlsx")
    projects = list(book.worksheets[1].values)
    assert projects[0][:3] == ("项目编码", "项目名称", "预警等级") and projects[1][:3] == (ECON, "业务委托费", "红色")
    assert len(projects) == 2
    letter = [c for row in book.worksheets[0].values for c in row if c]
    assert bulletin.issuer() in letter and "经济建设科" in letter

    # December's payments bring 预决算编审 back on pace: its inquiry closes; the history stays.
    payments = write_csv(tmp_path / "dec.csv", ["voucher_no", "project_code", "pay_date", "amount_yuan"],
                         [["DEC-1", REVIEW, "2021-12-15", "120000.00"]])
    assert cli_in_process("import-disbursements", str(payments), db_path=path).returncode == 0
    rows = _csv(cli_in_process("notices", "list", "--as-of", "2021-11", "--format", "csv", db_path=path, env_extra=late))
    assert {r["project_code"]: r["state"] for r in rows} == {ECON: "answered", TRAINING: "overdue", REVIEW: "closed"}

    # December's inquiries: the two not back on pace were asked two months running → 约谈.
    out = cli_in_process("notices", "issue", "--as-of", "2021-12", "--due", "2022-01-07", db_path=path, env_extra=late)
    assert out.returncode == 0, out.stderr
    dec = _csv(cli_in_process("notices", "list", "--as-of", "2021-12", "--format", "csv", db_path=path, env_extra=late))
    assert REVIEW not in {r["project_code"] for r in dec}
    con = opening.connect(path)
    try:
        assert {r["project_code"] for r in notices.escalations(con, 2021, 12, on=date(2021, 12, 13))} == {ECON, TRAINING}
        assert notices.escalations(con, 2021, 11, on=date(2021, 12, 13)) == []
    finally:
        con.close()

    # Every write in the audit log, with who did it.
    log = _csv(cli_in_process("audit", "--format", "csv", db_path=path))
    issued = [r for r in log if r["action"] == "inquiries_issued"]
    assert len(issued) == 3 and all(r["actor"] == auth.cli_actor() for r in issued)
    assert any(r["action"] == "monitoring_return" and r["actor"] == ECON_USER.actor for r in log)


@pytest.mark.parametrize("args, status", [
    (["notices"], 2),
    (["notices", "issue"], 2),                                   # --as-of is required
    (["notices", "issue", "--as-of", "2021-13"], 2),
    (["notices", "issue", "--as-of", "2021-11", "--due", "tomorrow"], 2),
    (["notices", "letters", "--as-of", "2021-11"], 2),           # --out is required
    (["notices", "list", "--as-of", "2021-11", "--format", "xml"], 2),
    (["notices", "letters", "--as-of", "2021-11", "--out", "x"], 1),   # nothing issued yet
    (["notices", "issue", "--as-of", "2021-11", "--due", "2020-01-01"], 1),   # before today
    (["notices", "issue", "--as-of", "2030-11"], 1),             # a year without projects
    (["notices", "issue", "--as-of", "2021-12"], 1),             # December's payments not imported yet
])
def test_notices_usage_and_errors(demo_db, tmp_path, args, status):
    import shutil

    path = tmp_path / "copy.duckdb"
    shutil.copy(demo_db, path)
    out = cli_in_process(*args, db_path=path)
    assert out.returncode == status, out.stderr
    if status == 1:
        assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


@pytest.mark.parametrize("args", [
    ["notices", "issue", "--as-of", "2021-11", "--wait", "-5"],
    ["notices", "issue", "--as-of", "2021-11", "--wait", "abc"],
    ["notices", "issue", "--as-of", "2021-11", "--wait", "86401"],
    ["notices", "issue", "--as-of", "2021-11", "--yellow", "-1"],
    ["notices", "issue", "--as-of", "2021-11", "--yellow", "abc"],
    ["notices", "issue", "--as-of", "2021-11", "--yellow", "30", "--red", "20"],
    ["notices", "list", "--as-of", "2021-11", "--yellow", "30", "--red", "20"],
    ["notices", "list", "--as-of", "2021-11", "--red", "-1"],
    ["notices", "letters", "--as-of", "2021-11", "--out", "LETTERS", "--yellow", "30", "--red", "20"],
])
def test_bad_wait_and_thresholds_are_usage_errors(demo_db, tmp_path, args):
    """As for every other verb: exit 2 with argparse's usage line, before the database is opened."""
    import shutil

    path = tmp_path / "copy.duckdb"
    shutil.copy(demo_db, path)
    before = path.read_bytes()
    env = {"SPENDING_DB": str(path), "SPENDING_TODAY": "2021-12-03"}
    out = cli_in_process(*[str(tmp_path / "letters") if a == "LETTERS" else a for a in args], env_extra=env)
    assert out.returncode == 2, out.stderr
    assert "usage:" in out.stderr and "Traceback" not in out.stderr
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["copy.duckdb"]
    listed = cli_in_process("notices", "list", "--as-of", "2021-11", "--format", "csv", env_extra=env)
    assert listed.returncode == 0 and listed.stdout.splitlines() == [",".join(notices.LIST_COLUMNS)]


def test_issued_at_and_due_follow_the_day_given(demo_db, tmp_path):
    """SPENDING_TODAY moves both: issued on 2021-09-30, due five Chinese working days later (after 国庆)."""
    import shutil

    path = tmp_path / "copy.duckdb"
    shutil.copy(demo_db, path)
    env = {"SPENDING_DB": str(path), "SPENDING_TODAY": "2021-09-30"}
    out = cli_in_process("notices", "issue", "--as-of", "2021-11", env_extra=env)
    assert out.returncode == 0, out.stderr
    assert "2021-10-13" in out.stdout and "周一至周五" not in out.stdout + out.stderr
    rows = _csv(cli_in_process("notices", "list", "--as-of", "2021-11", "--format", "csv", env_extra=env))
    assert len(rows) == 3
    assert {(r["issued_at"][:10], r["due"], r["state"]) for r in rows} == {("2021-09-30", "2021-10-13", "open")}
    con = opening.connect(path, read_only=True)
    try:
        found = notices.inquiries(con, 2021, 11, on=date(2021, 10, 14))
        assert {(r["issued_at"].date(), r["due"], r["state"]) for r in found} == {
            (date(2021, 9, 30), date(2021, 10, 13), "overdue")}
    finally:
        con.close()


def test_a_reply_by_date_beyond_the_calendar_is_counted_mon_to_fri_and_said(demo_db, tmp_path):
    """Late in the last year chinese-calendar knows, the default reply-by date reaches into a year whose
    holidays are not published yet: it is counted Mon–Fri and the command says so (exit 0: the inquiries
    are issued). A date given with --due is the clerk's own: no warning."""
    import shutil

    from spending import workdays

    last = workdays.last_known_year()
    start = date(last, 12, 28)
    expected = workdays.count(start, notice_rules.REPLY_WORKING_DAYS)
    assert expected.guessed == (last + 1,)
    path = tmp_path / "copy.duckdb"
    shutil.copy(demo_db, path)
    env = {"SPENDING_DB": str(path), "SPENDING_TODAY": start.isoformat()}
    out = cli_in_process("notices", "issue", "--as-of", "2021-10", env_extra=env)
    assert out.returncode == 0, out.stderr
    warning = [line for line in out.stdout.splitlines() if "周一至周五" in line]
    assert len(warning) == 1 and str(last + 1) in warning[0] and expected.day.isoformat() in warning[0]
    assert "Mon–Fri" in warning[0]
    rows = _csv(cli_in_process("notices", "list", "--as-of", "2021-10", "--format", "csv", env_extra=env))
    assert {(r["issued_at"][:10], r["due"]) for r in rows} == {(start.isoformat(), expected.day.isoformat())}
    given = cli_in_process("notices", "issue", "--as-of", "2021-11", "--due", f"{last + 1}-01-08", env_extra=env)
    assert given.returncode == 0 and "周一至周五" not in given.stdout + given.stderr
    con = opening.connect(path)
    try:
        issued = notices.issue(con, ADMIN, 2021, 11, today=start)        # nothing new: the summary says no date
        assert issued.added == [] and issued.guessed == () and "周一至周五" not in str(issued.summary())
    finally:
        con.close()


def test_the_bulletin_has_a_page_for_the_inquiries(tmp_path):
    """With inquiries issued, the bulletin (Excel and the PDF's HTML) counts them per section and prints the
    answers for the 红色 projects; without, it is as before."""
    path = tmp_path / "b.duckdb"
    fresh_db(path, demo=True)
    con = opening.connect(path)
    try:
        before = openpyxl.load_workbook(io.BytesIO(bulletin.to_xlsx(bulletin.review(con, 2021, 11)))).sheetnames
        assert "预警问询答复情况" not in before
        notices.issue(con, ADMIN, 2021, 11, today=date(2021, 12, 3))
        notices.answer(con, ECON_USER, 2021, 11, ECON, **GOOD)
        review = bulletin.review(con, 2021, 11, now=datetime(2021, 12, 13, 9, 0))
        book = openpyxl.load_workbook(io.BytesIO(bulletin.to_xlsx(review)))
        assert book.sheetnames == before + ["示例数据-预警问询答复情况", "示例数据-红色预警项目答复"]   # the demo's
        counts = list(book["示例数据-预警问询答复情况"].values)
        assert counts[0] == ("科室", "已发问询", "已答复", "已审核", "退回", "逾期", "已恢复进度（销号）", "待答复")
        assert sorted(counts[1:]) == [("经济建设科", 1, 1, 0, 0, 0, 0, 0), ("非税综合科", 1, 0, 0, 0, 1, 0, 0),
                                      ("预算国库科", 1, 0, 0, 0, 1, 0, 0)]
        red = list(book["示例数据-红色预警项目答复"].values)
        assert red[1][:6] == ("经济建设科", "业务委托费", "制度保障", "评审延后", "加快评审", "12月")
        page = bulletin._inquiries_html(review)
        assert "预警问询答复情况" in page and "评审延后" in page
    finally:
        con.close()


def test_migration_9_keeps_every_return_version(tmp_path):
    """A database from before schema version 9 (monitoring_returns without the answer's columns, no inquiries)
    upgrades keeping every version of every return."""
    path = tmp_path / "old.duckdb"
    fresh_db(path)
    con = opening.connect(path)
    try:
        for forecast in ("100.00", "120.00"):
            db.execute(con, "save_monitoring_return", year=2021, code=REVIEW, month=11, forecast=forecast,
                       method="manual", cause="其他", likelihood=None, action="x", user="a@x",
                       at="2021-12-03 09:00:00")
        con.execute("drop table inquiries")
        con.execute("create table mr8 as select * exclude (cause_text, catch_up_month, answer_to, unspent_handling) "
                    "from monitoring_returns")
        con.execute("drop table monitoring_returns")
        con.execute("alter table mr8 rename to monitoring_returns")
        con.execute("drop table if exists import_mappings")    # schema version 10 (issue 20)
        con.execute("drop table inquiry_decisions")            # schema version 11 (issue 21): back to 8 as a whole
        con.execute("delete from schema_version where version >= 9")
    finally:
        con.close()
    con = opening.connect(path)
    try:
        assert schema.schema_version(con) == schema.SCHEMA_VERSION >= 9
        history = db.rows(con, "monitoring_return_history", year=2021, code=REVIEW, month=11)
        assert [(r["version"], str(r["forecast_yuan"]), r["cause_text"], r["catch_up_month"]) for r in history] == [
            (2, "120.00", None, None), (1, "100.00", None, None)]
        assert notices.inquiries(con, 2021, 11, on=date(2021, 12, 1)) == []
    finally:
        con.close()
