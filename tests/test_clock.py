"""Issue 36, one clock: SPENDING_TODAY governs every "now" — issued, answered, reviewed, decided, an
indicator's entry, the bulletin's 生成时间 and the downloads' file names (spending.clock)."""

from __future__ import annotations

import ast
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, fresh_db
from spending import auth, bulletin, clock, db, export, monitoring, notices
from spending.db import opening
from spending.rules import Thresholds

ECON = "106-0601-YBN-RQRQ"      # 业务委托费, 经济建设科: 严重滞后 in Nov 2021
TRAINING = "106-0201-YBN-EI6K"  # 会计培训, 非税综合科: 超支
ADMIN = auth.User("admin@bureau.gov", "admin")
ECON_USER = auth.User("econ@bureau.gov", "section", sections=("经济建设科",))
TRAINING_USER = auth.User("train@bureau.gov", "section", sections=("非税综合科",))
DAY = date(2021, 12, 3)


@pytest.fixture
def demo(tmp_path, monkeypatch):
    monkeypatch.setenv(clock.TODAY_ENV, DAY.isoformat())
    path = fresh_db(tmp_path / "c.duckdb", demo=True)
    con = opening.connect(path)
    yield con
    con.close()


def test_now_is_todays_day_at_the_real_time(monkeypatch):
    monkeypatch.setenv(clock.TODAY_ENV, "2021-12-03")
    before = datetime.now().replace(microsecond=0)
    moment = clock.now()
    assert moment.date() == DAY and moment.microsecond == 0
    assert abs((moment.time().hour * 3600 + moment.time().minute * 60 + moment.second)
               - (before.hour * 3600 + before.minute * 60 + before.second)) <= 2
    monkeypatch.delenv(clock.TODAY_ENV)
    assert clock.now().date() == date.today()


def test_answers_decisions_and_indicator_values_carry_the_days_date(demo):
    notices.issue(demo, ADMIN, 2021, 11)
    notices.answer(demo, ECON_USER, 2021, 11, ECON, "制度保障", "评审延后", "加快评审", 12, "150")
    notices.answer(demo, TRAINING_USER, 2021, 11, TRAINING, "其他", "多付", "申请追加预算", None, "9")
    notices.decide(demo, ADMIN, 2021, 11, TRAINING, "同意追加预算")
    monitoring.save_indicator_values(demo, TRAINING_USER, 2021, TRAINING, 11, [(1, "95", None)])
    rows = {r["project_code"]: r for r in notices.inquiries(demo, 2021, 11)}
    assert rows[ECON]["issued_at"].date() == DAY and rows[ECON]["answered_at"].date() == DAY
    assert rows[TRAINING]["decided_at"].date() == DAY
    history = db.rows(demo, "monitoring_return_history", year=2021, code=ECON, month=11)
    assert [r["entered_at"].date() for r in history] == [DAY]
    entered = demo.execute("select entered_at from indicator_actuals where project_code = ? and month = 11",
                           [TRAINING]).fetchall()
    assert [e.date() for (e,) in entered] == [DAY]


def test_the_bulletin_and_the_packets_are_generated_today(demo):
    review = bulletin.review(demo, 2021, 11)
    assert review.generated_at.date() == DAY
    context = dict((r[0], r[1]) for r in openpyxl.load_workbook(io.BytesIO(bulletin.to_xlsx(review))).worksheets[0].values
                   if r and r[0])
    assert context["生成时间"].date() == DAY
    assert dict(bulletin.context_items(review))["生成时间"].date() == DAY
    packet = zipfile.ZipFile(io.BytesIO(export.section_packets(demo, 2021, 11, Thresholds())))
    first = openpyxl.load_workbook(io.BytesIO(packet.read(packet.namelist()[0]))).worksheets[0]
    stamped = [r[1] for r in first.values if r and r[0] == "生成时间"]
    assert [s.date() for s in stamped] == [DAY]


# Where the real clock stays: the clock itself, a login's sign-out and the audit page (the audit log's own
# `at` is the real moment), and the backup's file name (the real copy's time).
REAL_CLOCK = {"spending/clock.py", "spending/auth.py", "spending/ui/access.py", "pages/audit.py", "pages/data.py"}
CALLS = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("time", "time")}


def _clock_calls(path: Path) -> list[int]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            if (node.func.value.id, node.func.attr) in CALLS:
                found.append(node.lineno)
    return found


def test_no_other_now_than_the_clocks():
    """Every "now" of the product goes through spending.clock (the real clock only where REAL_CLOCK says)."""
    files = [*ROOT.glob("spending/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "dashboard.py"]
    stray = {str(p.relative_to(ROOT)): lines for p in files if (lines := _clock_calls(p))
             and str(p.relative_to(ROOT)) not in REAL_CLOCK}
    assert stray == {}
    data_page = _clock_calls(ROOT / "pages/data.py")
    assert len(data_page) == 1          # the backup's name only


def test_the_sql_takes_its_time_from_the_clock():
    """No query that records an answer, a decision or an indicator value stamps it with DuckDB's own clock."""
    for name in ("save_monitoring_return", "save_indicator_actual", "notices/add_decision"):
        text = db.sql(name)
        assert "current_timestamp" not in text and "$at" in text, name


@pytest.mark.parametrize("value", ["9999-12-31", "tomorrow"])
def test_a_bad_setting_is_an_error_unless_lenient(monkeypatch, value):
    from spending import SpendingError

    monkeypatch.setenv(clock.TODAY_ENV, value)
    with pytest.raises(SpendingError, match="SPENDING_TODAY"):
        clock.now()
    assert clock.today(lenient=True) == date.today()
