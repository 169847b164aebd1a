"""Last year beside this year: a continuing project's execution by month (queries/project_last_year.sql)
and the grey last-year line of charts.cumulative_curve, on the demo database (SAMPLE 2020)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pandas as pd

from conftest import cli_in_process
from spending import charts, db
from spending.db import opening
from spending.rules import Thresholds


def test_project_last_year_equals_status_of_that_year(demo_db):
    con = opening.connect(demo_db)
    try:
        rows = db.rows(con, "project_last_year", year=2020, code="106-0401-YBN-QS1Q", **Thresholds().params())
        assert [r["as_of_month"] for r in rows] == list(range(1, 13))
        assert sum(r["paid_in_month_wan"] for r in rows) == rows[-1]["actual_wan"] == Decimal("24.30")
        assert db.rows(con, "project_last_year", year=2020, code="106-0501-YBN-476T", **Thresholds().params()) == []
    finally:
        con.close()
    for month in (3, 11):
        status = {r["project_code"]: r for r in csv.DictReader(io.StringIO(
            cli_in_process("status", "--as-of", f"2020-{month:02d}", "--format", "csv", db_path=demo_db).stdout))}
        row = rows[month - 1]
        for column in ("actual_wan", "actual_pct", "plan_pct", "deviation_pp", "status"):
            assert str(row[column]) == status["106-0401-YBN-QS1Q"][column]


def test_cumulative_curve_draws_last_year_in_grey(demo_db):
    con = opening.connect(demo_db)
    try:
        this = pd.DataFrame(db.rows(con, "bureau_curve", year=2021, scope=None, **Thresholds().params()))
        last = pd.DataFrame(db.rows(con, "bureau_curve", year=2020, scope=None, **Thresholds().params()))
    finally:
        con.close()
    plain = charts.cumulative_curve(this, 11, "全局")
    both = charts.cumulative_curve(this, 11, "全局", last_year=last, last_year_label=2020)
    assert len(both.data) == len(plain.data) + 1
    grey = next(t for t in both.data if t.name == "2020 年同期执行率")
    assert grey.line.color == charts.LAST_YEAR_COLOR and len(grey.y) == 12
    assert list(grey.x) == [f"{m}月" for m in range(1, 13)]
    english = charts.cumulative_curve(this, 11, "Bureau", "en", last_year=last, last_year_label=2020)
    assert any(t.name == "Executed % in 2020" for t in english.data)
    empty = charts.cumulative_curve(this, 11, "全局", last_year=last.iloc[0:0], last_year_label=2020)
    assert len(empty.data) == len(plain.data)
