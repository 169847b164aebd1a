"""The audit log in words (issue 18): init is its first entry, a download is a reading (下载通报),
and the 审计 page shows each entry's detail as words, never as raw JSON."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, cli_in_process, fresh_db
from spending import audit, auth
from spending.db import opening
from spending.rules import Thresholds


@pytest.mark.parametrize("detail, zh, en", [
    (None, "", ""),
    ({"demo": True, "projects": 7, "budget_yuan": "2890000.00"},
     "含示例数据：是；项目数：7；年初预算(元)：2890000.00", "with sample data: Yes; Projects: 7; initial budget (CNY): 2890000.00"),
    ({"before": None, "after": {"name": "张三", "role": "section", "sections": ["综合科", "经济建设科"]}},
     "原：无 → 新：姓名：张三，角色：科室，科室：综合科、经济建设科",
     "before: none → after: Name: 张三, Role: Section, Sections: 综合科, 经济建设科"),
    ({"before": {"role": "leader"}},
     "原：角色：领导", "before: Role: Leadership"),
    ({"batch_id": 3, "kind": "indicators", "removed": 5, "kept": 0, "restored": 0},
     "批次：3；类型：绩效指标；删除行数：5；保留：0；恢复行数：0", "Batch: 3; Kind: Indicators; rows removed: 5; kept: 0; rows restored: 0"),
    ({"sections": "all", "yellow": "10", "red": "20"},
     "科室：全部；滞后阈值：10；严重滞后阈值：20", "Sections: all; lagging threshold: 10; severe threshold: 20"),
    ({"batches": [], "removed": 0}, "批次：无；删除行数：0", "batches: none; rows removed: 0"),
])
def test_a_detail_in_words(detail, zh, en):
    text = None if detail is None else json.dumps(detail, ensure_ascii=False)
    assert audit.describe(text, "zh") == zh
    assert audit.describe(text, "en") == en


def test_a_detail_that_is_not_json_is_shown_as_it_is():
    assert audit.describe("{not json", "zh") == "{not json"


@pytest.mark.parametrize("action, kind", [("init", "写入"), ("import", "写入"), ("bulletin_downloaded", "读取"),
                                          ("bulletin_issued", "读取"), ("inquiries_issued", "写入")])
def test_reading_and_writing_are_told_apart(action, kind):
    assert audit.kind_label(action, "zh") == kind
    assert audit.action_label("bulletin_issued") == audit.action_label("bulletin_downloaded") == "下载通报"


@pytest.mark.parametrize("demo", [False, True])
def test_init_is_the_first_entry(tmp_path, demo):
    path = tmp_path / "init.duckdb"
    assert cli_in_process("init", *(["--demo"] if demo else []), db_path=path).returncode == 0
    log = json.loads(cli_in_process("audit", "--format", "json", db_path=path).stdout)
    assert [(e["action"], e["actor"], e["object"]) for e in log] == [("init", auth.cli_actor(), str(path))]
    assert json.loads(log[0]["detail"]) == {"demo": demo, "projects": 7, "budget_yuan": "2890000.00"}
    assert cli_in_process("init", db_path=path).returncode == 0          # an existing database: nothing changes, not logged
    assert len(json.loads(cli_in_process("audit", "--format", "json", db_path=path).stdout)) == 1


def test_the_audit_page_shows_a_leaders_download_as_a_reading_in_words(tmp_path, monkeypatch):
    path = tmp_path / "audit.duckdb"
    fresh_db(path, demo=True)
    con = opening.connect(path)
    try:       # what ui.bulletin_review records when a leader downloads the bulletin
        audit.record(con, "leader@bureau.gov", "bulletin_downloaded", "2021-11",
                     {"sections": "all", **Thresholds().params()})
    finally:
        con.close()
    monkeypatch.setenv("SPENDING_DB", str(path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/audit.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = at.dataframe[0].value
    assert list(shown.columns) == ["时间", "操作人", "读/写", "操作", "对象", "详情"]
    rows = shown.to_dict("records")
    assert rows[0]["操作"] == "下载通报" and rows[0]["读/写"] == "读取" and rows[0]["操作人"] == "leader@bureau.gov"
    # stored with its keys sorted, said as people read it (issue 37): of what, then the thresholds in order
    assert rows[0]["详情"] == "科室：全部；滞后阈值：10；严重滞后阈值：20"
    assert rows[-1]["操作"] == "创建数据库" and rows[-1]["读/写"] == "写入"
    assert not any("{" in str(d) for d in shown["详情"])
