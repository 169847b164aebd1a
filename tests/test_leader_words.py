"""Issue 37, the words: 审计 says whether a 下载通报 was Excel or PDF and its detail reads in order; `history`
prints kinds in Chinese; the 问询函's requests have their verb."""

from __future__ import annotations

import json
import threading
from datetime import date
from decimal import Decimal

import pytest

from conftest import cli_in_process, fresh_db
from spending import audit, auth, notice_letters, ui


@pytest.mark.parametrize("detail, said", [
    ({"format": "pdf", "red": "20", "sections": "all", "yellow": "10"},
     "文件格式：PDF；科室：全部；滞后阈值：10；严重滞后阈值：20"),
    ({"format": "xlsx", "red": "20", "sections": ["经济建设科"], "yellow": "10"},
     "文件格式：Excel；科室：经济建设科；滞后阈值：10；严重滞后阈值：20"),
    ({"red": "20", "sections": "all", "yellow": "10"}, "科室：全部；滞后阈值：10；严重滞后阈值：20"),
    ({"size_bytes": 10, "format": "pdf"}, "文件格式：PDF；文件大小(字节)：10"),     # the rest after, as stored
])
def test_a_detail_reads_in_order(detail, said):
    assert audit.describe(json.dumps(detail, ensure_ascii=False, sort_keys=True)) == said


@pytest.mark.parametrize("file_format", ["xlsx", "pdf"])
def test_a_bulletin_download_records_its_format(tmp_path, monkeypatch, file_format):
    path = fresh_db(tmp_path / "demo.duckdb", demo=True)
    monkeypatch.setenv("SPENDING_DB", str(path))
    leader = auth.User("leader@bureau.gov", "leader", None)
    ui.bulletin_review(ui.Context(2021, 11, "zh", user=leader), file_format)
    for thread in threading.enumerate():
        if thread.name == "audit-download":
            thread.join(30)
    ui.clear_caches()
    with ui._connection(str(path)) as con:
        [entry] = [e for e in audit.entries(con) if e["action"] == "bulletin_downloaded"]
    assert json.loads(entry["detail"])["format"] == file_format
    assert audit.describe(entry["detail"]).startswith(f"文件格式：{ {'xlsx': 'Excel', 'pdf': 'PDF'}[file_format] }；")


def test_history_prints_kinds_in_chinese(tmp_path):
    path = fresh_db(tmp_path / "demo.duckdb", demo=True)
    table = cli_in_process("history", db_path=path).stdout
    assert "支付明细" in table and "预算项目支出计划" in table and "预算调整" in table
    kinds = [line.split()[3] for line in table.splitlines()[1:]]      # 批次 导入时间(day time) 类型 …
    assert {"支付明细", "预算项目支出计划", "预算调整", "绩效指标"} <= set(kinds) and not [k for k in kinds if k.isascii()], kinds
    csv = cli_in_process("history", "--format", "csv", db_path=path).stdout   # files keep the codes (SPEC §3.1)
    assert ",disbursements," in csv and "支付明细" not in csv


def test_the_letters_requests_have_their_verb():
    row = {"project_name": "业务委托费", "due": date(2021, 12, 10), "budget_wan": Decimal("163"),
           "actual_wan": Decimal("35.86")}
    behind = notice_letters.letter_text(2021, 11, "经济建设科", [{**row, "issued_status": "severe"}])
    assert "进度滞后的 1 个项目：请说明偏差原因（类别及说明）、纠偏措施、预计恢复进度的月份和全年预计执行数。" in behind
    december = notice_letters.letter_text(2021, 12, "经济建设科", [{**row, "issued_status": "severe"}])
    assert any("个项目未按计划支出：请说明偏差原因" in p for p in december)


def test_the_overview_names_the_sum_of_every_project_behind_alike(tmp_path, monkeypatch):
    """The KPI and the line against last year call the sum by one name: 全部落后项目差额."""
    from conftest import open_page

    path = fresh_db(tmp_path / "demo.duckdb", demo=True)
    at = open_page(path, monkeypatch, page=None)
    assert [m.value for m in at.metric if m.label == "全部落后项目差额（万元）"] == ["52.09"]
    line = next(c.value for c in at.caption if c.value.startswith("与 2020 年同期相比"))
    assert "全部落后项目差额 +20.44 万元" in line and "落后计划金额" not in line
