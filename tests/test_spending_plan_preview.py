"""Issue 33, task B: the 数据 page's preview of a 用款计划 in amounts says what its total is — the planned amounts'
total (each project's cumulative planned amount), with the projects' adjusted budgets beside it — not the budgets
under the name of the file's total (new_totals_plan sums a plan row's budget)."""

from __future__ import annotations

import pytest

from conftest import fresh_db, open_page, write_csv

T476 = "106-0501-YBN-476T"    # 代理记账中心运转费, 20 万元, 集中支付中心
QS1Q = "106-0401-YBN-QS1Q"    # 国库电子化和一体化建设, 30 万元, 预算国库科

# (the file's rows under 项目编码, 1月（元）, 2月（元）, 3月（元）) -> (planned total 万元, 元; adjusted budgets 万元)
PREVIEWS = [
    ([[T476, "10,000.00", "20,000.00", ""]], ("3.00", "30,000.00", "20.00")),
    ([[T476, "10,000.00", "20,000.00", ""], [QS1Q, "50,000.00", "", "0.01"]], ("8.00", "80,000.01", "50.00")),
    ([[T476, "66,666.67", "66,666.67", "66,666.66"]], ("20.00", "200,000.00", "20.00")),
]


@pytest.mark.parametrize("rows, expected", PREVIEWS)
def test_the_preview_of_a_spending_plan_totals_the_planned_amounts(tmp_path, monkeypatch, rows, expected):
    db_path = fresh_db(tmp_path / "preview.duckdb")      # the 2021 plan of init
    at = open_page(db_path, monkeypatch)
    data = write_csv(tmp_path / "用款计划.csv", ["项目编码", "1月（元）", "2月（元）", "3月（元）"], rows).read_bytes()
    at.radio[0].set_value("plan")
    at.file_uploader[0].upload("用款计划.csv", data)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    wan, yuan, budget = expected
    [summary] = [c.value for c in at.caption if "计划用款合计" in c.value]
    assert f"新增项目：{len(rows)}" in summary
    assert f"计划用款合计：{wan} 万元（{yuan} 元）· 这些项目的调整后预算合计：{budget} 万元" in summary
    assert "新增合计" not in summary
