"""Issue 34, task K: whose money and from where — 预算单位 and 资金来源, with 直达资金 kept apart (SPEC §5).

A project's unit from its plan file (单位编码 + 预算单位, or 代码 - 名称; init gives the source document's seven
projects its department, 106 承德高新技术产业开发区财政局); a payment row naming a unit is checked against the
project's. Sources: the 年初预算数 in the project's default source, a payment's source from its own columns else
the default; budget and actual by source, 无指标支付 flagged, the sources adding up to the sections."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest

from conftest import Ledger, cli_in_process, fresh_db, plan_row, stored, write_csv
from spending import ingest

DEPT = ("106", "承德高新技术产业开发区财政局")
RQRQ, QS1Q = "106-0601-YBN-RQRQ", "106-0401-YBN-QS1Q"   # 业务委托费 (163 万元), 国库电子化和一体化建设 (30 万元)
PLAN_HEADER = (["fiscal_year", "project_code", "project_name", "section", "budget_wan"]
               + [f"m{m:02d}" for m in range(1, 13)])
PAY_HEADER = ["voucher_no", "project_code", "pay_date", "amount_yuan", "资金来源", "是否直达资金", "预算单位"]


@pytest.fixture
def db_path(tmp_path):
    return fresh_db(tmp_path / "units.duckdb")     # the 2021 plan of init, no payments


def csv_rows(out) -> list[dict]:
    assert out.returncode == 0, out.stderr
    return list(csv.DictReader(io.StringIO(out.stdout)))


# --- 1. units ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("demo", [False, True])
def test_init_gives_the_documents_seven_projects_its_department(tmp_path, demo):
    path = fresh_db(tmp_path / "init.duckdb", demo=demo)
    units = stored(path, "select unit_code, unit_name, count(*) from projects where fiscal_year = 2021 group by all")
    assert units == [(*DEPT, 7)]


@pytest.mark.parametrize("a_code, a_name, b_code, b_name, same", [
    ("106", "财政局", "106", "财政局", True),
    ("106", None, "106001", None, True),            # a 部门 and a 单位 under it
    ("106001", None, "106", None, True),
    ("106001", None, "106002", None, False),
    ("107", "财政局", "106", "财政局", False),        # both codes: the codes decide
    (None, "财政局", "106", "财政局", True),          # a side without a code: the names
    (None, "财政局", "106", "教育局", False),
    ("106", None, None, "财政局", True),              # nothing to compare
    (None, None, "106", "财政局", True),
])
def test_same_unit_rule(tmp_path, a_code, a_name, b_code, b_name, same):
    con = Ledger(tmp_path).con
    try:
        assert con.execute("select same_unit($a, $an, $b, $bn)",
                           {"a": a_code, "an": a_name, "b": b_code, "bn": b_name}).fetchone()[0] is same
    finally:
        con.close()


@pytest.mark.parametrize("header, cells, expected", [
    (["单位编码", "预算单位"], ["201", "某某局"], ("201", "某某局")),
    (["预算单位"], ["201001 - 某某中心"], ("201001", "某某中心")),
    (["单位名称"], ["某某局"], (None, "某某局")),
])
def test_a_plan_file_names_the_projects_unit(tmp_path, header, cells, expected):
    ledger = Ledger(tmp_path)
    path = write_csv(tmp_path / "plan.csv", PLAN_HEADER + header, [plan_row("P-1", 10, {12: 100}) + cells])
    ingest.import_file(ledger.con, "plan", path)
    assert ledger.con.execute("select unit_code, unit_name from projects").fetchall() == [expected]
    ledger.con.close()


def test_a_plan_without_unit_columns_keeps_the_stored_unit_and_undo_brings_a_replaced_one_back(db_path, tmp_path):
    plain = write_csv(tmp_path / "p1.csv", PLAN_HEADER, [plan_row(QS1Q, 31, {12: 100}, section="预算国库科",
                                                                  name="国库电子化和一体化建设")])
    assert cli_in_process("import-plan", str(plain), db_path=db_path).returncode == 0
    assert stored(db_path, f"select unit_code, unit_name from projects where project_code = '{QS1Q}'") == [DEPT]
    moved = write_csv(tmp_path / "p2.csv", PLAN_HEADER + ["单位编码", "预算单位"],
                      [plan_row(QS1Q, 31, {12: 100}, section="预算国库科", name="国库电子化和一体化建设")
                       + ["106001", "某中心"]])
    out = cli_in_process("import-plan", str(moved), db_path=db_path)
    assert out.returncode == 0, out.stderr
    assert stored(db_path, f"select unit_code, unit_name from projects where project_code = '{QS1Q}'") == [
        ("106001", "某中心")]
    batch = stored(db_path, "select max(batch_id) from import_batches")[0][0]
    assert cli_in_process("undo", str(batch), db_path=db_path).returncode == 0
    assert stored(db_path, f"select unit_code, unit_name from projects where project_code = '{QS1Q}'") == [DEPT]


@pytest.mark.parametrize("unit, ok", [
    ("106 - 承德高新技术产业开发区财政局", True),
    ("106001 - 承德高新技术产业开发区财政局", True),   # a 单位 under the 部门
    ("承德高新技术产业开发区财政局", True),              # a name alone: the same name
    ("107 - 承德高新技术产业开发区财政局", False),
    ("某某教育局", False),
])
def test_a_payment_naming_a_unit_is_checked_against_the_projects(db_path, tmp_path, unit, ok):
    path = write_csv(tmp_path / "pay.csv", PAY_HEADER, [["V-1", RQRQ, "2021-03-01", "100.00", "", "", unit]])
    out = cli_in_process("import-disbursements", str(path), db_path=db_path)
    if ok:
        assert out.returncode == 0, out.stderr
    else:
        assert out.returncode == 1
        assert "预算单位与该项目的预算单位（106 - 承德高新技术产业开发区财政局）不一致" in out.stderr
        assert stored(db_path, "select count(*) from disbursements") == [(0,)]
