"""Issue 37: the month in view follows the data — after an import or 删除示例数据 on the 数据 page the sidebar's
month is the last month imported (default_month), not the one kept from before, nor December; the 预警与问询
page issues no inquiry for a month past 数据截至."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from conftest import fresh_db, open_page
from spending import ui


def month_shown(at) -> int:
    [box] = [s for s in at.selectbox if s.label == "截至月份"]
    return int(box.value)


@pytest.mark.parametrize("paid, year, today, month", [
    (11, 2021, date(2026, 12, 7), 11),      # the last month with payments
    (None, 2021, date(2026, 12, 7), 1),     # a past year without a payment: January, not December
    (None, 2026, date(2026, 5, 7), 5),      # this year without a payment: this month
])
def test_default_month(paid, year, today, month):
    years = pd.DataFrame({"fiscal_year": [year], "last_paid_month": [paid]})
    assert ui.default_month(year, years, today) == month


def test_an_import_moves_the_month_to_the_last_month_imported(tmp_path, monkeypatch):
    path = fresh_db(tmp_path / "demo.duckdb", demo=True)
    at = open_page(path, monkeypatch, month="3")          # looking at March
    assert month_shown(at) == 3
    at.radio[0].set_value("disbursements")
    at.file_uploader[0].upload("十二月支付.csv", "凭证号,项目编码,支付日期,金额(元)\n"
                               "DEC-1,106-0401-YBN-QS1Q,2021-12-20,1000\n".encode())
    at.run()
    [button] = [b for b in at.button if b.label == "导入"]
    button.click().run()
    assert any("导入 1 行" in s.value for s in at.success)
    assert month_shown(at) == 12 and at.query_params["month"] == "12"


def test_removing_the_sample_moves_the_month_off_the_old_one(tmp_path, monkeypatch):
    path = fresh_db(tmp_path / "demo.duckdb", demo=True)
    at = open_page(path, monkeypatch, month="11")
    at.checkbox(key="sample_sure").check().run()
    [remove] = [b for b in at.button if b.label == "删除示例数据"]
    remove.click().run()
    assert any("示例数据" in s.value for s in at.success)
    assert month_shown(at) == 1 and at.query_params["month"] == "1"      # no payment left: not December


def test_the_overview_opens_at_the_month_removal_leads_to(tmp_path, monkeypatch):
    """January of a year without payments: the plan's share of a month with no plan is empty (None), and
    the 各月支出占比 chart draws without it (it raised TypeError: float() of None)."""
    from spending import seed
    from spending.db import opening

    path = fresh_db(tmp_path / "demo.duckdb", demo=True)
    con = opening.connect(path)
    try:
        seed.remove_sample(con, user="test")
    finally:
        con.close()
    at = open_page(path, monkeypatch, page=None, month="1")
    assert not [e.value for e in at.error], [e.value for e in at.error]
    assert month_shown(at) == 1 and len(at.get("plotly_chart")) >= 3


def test_no_inquiries_for_a_month_past_the_data(tmp_path, monkeypatch):
    """December 2021 with payments imported to 2021-11-25: the page says why and its 发出本月问询 is disabled
    (the command line refuses it too); November's can be issued."""
    from spending import notices

    path = fresh_db(tmp_path / "demo.duckdb", demo=True)
    monkeypatch.setenv(notices.TODAY_ENV, "2021-12-03")
    at = open_page(path, monkeypatch, page="pages/notices.py", month="12")
    [issue] = [b for b in at.button if b.label == "发出本月问询"]
    assert issue.disabled
    assert any("2021年12月 在数据截至 2021-11-25 之后" in w.value for w in at.warning)
    at = open_page(path, monkeypatch, page="pages/notices.py", month="11")
    [issue] = [b for b in at.button if b.label == "发出本月问询"]
    assert not issue.disabled and not any("在数据截至" in w.value for w in at.warning)


def test_the_import_done_message_is_in_view(tmp_path, monkeypatch):
    """导入完成 at the page's top, and as a toast (fixed on the screen, wherever the page was scrolled to)."""
    path = fresh_db(tmp_path / "demo.duckdb", demo=True)
    at = open_page(path, monkeypatch)
    at.radio[0].set_value("disbursements")
    at.file_uploader[0].upload("支付.csv", "凭证号,项目编码,支付日期,金额(元)\n"
                               "T-1,106-0401-YBN-QS1Q,2021-11-20,1000\n".encode())
    at.run()
    [button] = [b for b in at.button if b.label == "导入"]
    button.click().run()
    assert any(s.value.startswith("导入完成") for s in at.success)
    assert [t.value for t in at.toast if t.value.startswith("导入完成") and "导入 1 行" in t.value]
