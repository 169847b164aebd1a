"""Issue 34, task K: whose money and from where — 预算单位 and 资金来源, with 直达资金 kept apart (SPEC §5).

A project's unit from its plan file (单位编码 + 预算单位, or 代码 - 名称; init gives the source document's seven
projects its department, 106 承德高新技术产业开发区财政局); a payment row naming a unit is checked against the
project's. Sources: the 年初预算数 in the project's default source, a payment's source from its own columns else
the default; budget and actual by source, 无指标支付 flagged, the sources adding up to the sections."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import duckdb

import pytest

from conftest import Ledger, cli_in_process, fresh_db, plan_row, stored, write_csv
from spending import ingest

DEPT = ("106", "承德高新技术产业开发区财政局")
RQRQ, QS1Q = "106-0601-YBN-RQRQ", "106-0401-YBN-QS1Q"   # 业务委托费 (173 万元 in init), 国库电子化和一体化建设 (30 万元)
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


# Task B (issue 34): the one rule for a cell naming something by code and name (code_of, name_of in
# queries/import/check_macros.sql): a payment's and a 指标 row's 预算单位, the 项目 of an 指标 export or a 用款计划.
@pytest.mark.parametrize("cell, code, name", [
    ("106 承德高新技术产业开发区财政局", "106", "承德高新技术产业开发区财政局"),
    ("106 - 承德高新技术产业开发区财政局", "106", "承德高新技术产业开发区财政局"),
    ("106-承德高新技术产业开发区财政局", "106", "承德高新技术产业开发区财政局"),
    ("106001   某中心", "106001", "某中心"),
    ("106 承德高新区 财政局 本级", "106", "承德高新区 财政局 本级"),     # split at the first blank only
    ("106-0401-YBN-RQRQ 业务委托费", "106-0401-YBN-RQRQ", "业务委托费"),
    ("承德高新区 财政局", None, None),                                  # a name holding a blank: no code before it
    ("高新区2号楼 管理处", None, None),
    ("承德高新技术产业开发区财政局", None, None),
    ("106 Finance Bureau", None, None),                                  # a name must begin beyond ASCII
    ("106", None, None),
    ("106 ", None, None),
])
def test_a_cell_of_code_and_name(tmp_path, cell, code, name):
    con = Ledger(tmp_path).con
    try:
        assert con.execute("select code_of(code($c)), name_of(code($c))", {"c": cell}).fetchone() == (code, name)
    finally:
        con.close()


@pytest.mark.parametrize("header, cells, expected", [
    (["单位编码", "预算单位"], ["201", "某某局"], ("201", "某某局")),
    (["预算单位"], ["201001 - 某某中心"], ("201001", "某某中心")),
    (["单位名称"], ["某某局"], (None, "某某局")),
    (["预算单位"], ["201001 某某中心"], ("201001", "某某中心")),          # 代码 名称, as payments and 指标 rows take it
    (["预算单位"], ["某某 中心"], (None, "某某 中心")),                   # a name holding a blank stays whole
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
    # Task B (issue 34): 代码 名称 (a blank), as the 指标 rows take it; a blank splits only after a code
    ("106 承德高新技术产业开发区财政局", True),
    ("106001  承德高新技术产业开发区财政局", True),
    ("106 承德高新技术产业开发区 财政局", True),         # the codes decide; the name keeps its blank
    ("107 承德高新技术产业开发区财政局", False),
    ("承德高新技术产业开发区 财政局", False),            # a name holding a blank: not the project's name
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


# Task C (issue 34): a 指标 (adjustment) row naming a unit is checked as a payment row is, all or nothing.
# (the unit columns' headers, their cells; None: accepted, else the unit the refusal names)
ADJ_HEADER = ["文号", "项目编码", "调整日期", "调整金额(万元)"]
ADJUSTMENT_UNITS = [
    (["预算单位"], ["106 承德高新技术产业开发区财政局"], None),        # 代码 名称, as an 指标分配 export writes it
    (["预算单位"], ["106 - 承德高新技术产业开发区财政局"], None),
    (["预算单位"], ["106001 - 某中心"], None),                         # a 单位 under the 部门: the codes decide
    (["预算单位"], ["106001 某中心"], None),
    (["预算单位"], ["承德高新技术产业开发区财政局"], None),             # a name alone: the same name
    (["单位编码", "预算单位"], ["106", "承德高新技术产业开发区财政局"], None),
    (["单位编码"], ["106"], None),
    (["预算单位"], [""], None),                                         # naming none is no mismatch
    (["预算单位"], ["107 - 承德高新技术产业开发区财政局"], "107 - 承德高新技术产业开发区财政局"),
    (["预算单位"], ["107 承德高新技术产业开发区财政局"], "107 - 承德高新技术产业开发区财政局"),
    (["预算单位"], ["某某教育局"], "某某教育局"),
    (["单位编码", "预算单位"], ["107", "承德高新技术产业开发区财政局"], "107 - 承德高新技术产业开发区财政局"),
    (["单位编码"], ["1070"], "1070"),
]


@pytest.mark.parametrize("columns, cells, refused", ADJUSTMENT_UNITS)
def test_an_adjustment_naming_a_unit_is_checked_against_the_projects(db_path, tmp_path, columns, cells, refused):
    path = write_csv(tmp_path / "adj.csv", ADJ_HEADER + columns, [
        ["财预〔2021〕1号", QS1Q, "2021-04-01", "1"] + [""] * len(columns),      # a good row: not written either
        ["财预〔2021〕2号", RQRQ, "2021-05-01", "2"] + cells])
    out = cli_in_process("import-adjustments", str(path), db_path=db_path)
    if refused is None:
        assert out.returncode == 0, out.stderr
        assert stored(db_path, "select count(*) from adjustments") == [(2,)]
    else:
        assert out.returncode == 1
        assert (f"第 3 行，列 unit_name，值「{refused}」："
                "预算单位与该项目的预算单位（106 - 承德高新技术产业开发区财政局）不一致") in out.stderr, out.stderr
        assert "导入被拒绝，未写入任何数据" in out.stderr
        assert stored(db_path, "select count(*) from adjustments") == [(0,)]


def test_the_data_page_names_an_adjustment_of_another_unit_and_imports_nothing(db_path, monkeypatch):
    from conftest import open_page
    at = open_page(db_path, monkeypatch)
    content = ("文号,项目编码,调整日期,调整金额(万元),预算单位\n"
               f"财预〔2021〕1号,{QS1Q},2021-04-01,1,106001 某中心\n"
               f"财预〔2021〕2号,{RQRQ},2021-05-01,2,107 - 某某教育局\n")
    at.radio[0].set_value("adjustments")
    at.file_uploader[0].upload("指标.csv", content.encode())
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    problems = next(d.value for d in at.dataframe if "原因" in d.value.columns)
    assert problems.to_dict("records") == [{
        "行号": 3, "列": "unit_name", "列名": "预算单位", "值": "107 - 某某教育局",
        "原因": "预算单位与该项目的预算单位（106 - 承德高新技术产业开发区财政局）不一致"}]
    assert not [b for b in at.button if b.label == "导入"]
    from spending import ui
    with ui._connection(str(db_path)) as con:   # the page's own connection (this process holds the lock)
        assert con.execute("select count(*) from adjustments").fetchall() == [(0,)]


# --- 2./3. sources, units and the filters ---------------------------------------------------------------

PD = "106-0401-YBN-ZD01"   # a 直达资金 project of a 单位 under 106, planned 50 % by June


@pytest.fixture
def funded(db_path, tmp_path):
    """init's plan, a 直达资金 project of unit 106001, and June's payments: one in the project's default source,
    one 本级安排资金 on 业务委托费, and one of 中央直达资金 on 业务委托费, which has no 直达 budget (无指标支付)."""
    plan = write_csv(tmp_path / "zd.csv", PLAN_HEADER + ["单位编码", "预算单位", "资金来源", "是否直达资金"],
                     [plan_row(PD, 10, {6: 50, 12: 100}, section="预算国库科", name="直达资金项目")
                      + ["106001", "某中心", "中央直达资金", "是"]])
    assert cli_in_process("import-plan", str(plan), db_path=db_path).returncode == 0
    pay = write_csv(tmp_path / "pay.csv", PAY_HEADER, [
        ["V-1", PD, "2021-05-10", "20,000.00", "", "", ""],
        ["V-2", RQRQ, "2021-06-10", "16,300.00", "本级安排资金", "否", ""],
        ["V-3", RQRQ, "2021-06-20", "5,000.00", "中央直达资金", "是", ""],
        ["V-4", QS1Q, "2021-07-01", "3,000.00", "", "", ""],       # after June's cut-off
    ])
    out = cli_in_process("import-disbursements", str(pay), db_path=db_path)
    assert out.returncode == 0, out.stderr
    return db_path


def by(rows, *keys):
    return {tuple(r[k] for k in keys) if len(keys) > 1 else r[keys[0]]: r for r in rows}


def test_sources_roll_up_budget_and_payments_by_source_and_flag_payments_without_budget(funded):
    out = cli_in_process("sources", "--as-of", "2021-06", "--format", "csv", db_path=funded)
    rows = csv_rows(out)
    assert [(r["source"], r["direct"]) for r in rows] == [("中央直达资金", "true"), ("本级安排资金", "false")]
    direct, own = rows
    assert (direct["projects"], direct["budget_wan"], direct["actual_wan"], direct["actual_pct"], direct["time_pct"],
            direct["time_deviation_pp"]) == ("2", "10.00", "2.50", "25.00", "50.00", "-25.00")
    assert (own["projects"], own["budget_wan"], own["actual_wan"]) == ("7", "289.00", "1.63")
    assert "无指标支付" in out.stderr and "中央直达资金 0.50 万元（1 个项目）" in out.stderr


def test_the_money_by_source_runs_its_running_sums_over_one_number_per_project_source_and_direct(funded):
    """Issue 33 (import speed): source_money_inputs' window partitions by `pair`, one number per (project, source,
    direct), not by the three keys (sorting two texts and a flag cost 11 % more CPU in the importer's refresh at
    100,000 projects); the figures are the same (the tests above)."""
    con = duckdb.connect(str(funded), read_only=True)
    try:
        plan = json.loads(con.execute("explain (format json) select * from source_money_inputs(2021, false)").fetchall()[0][1])
    finally:
        con.close()

    def windows(node):
        if "WINDOW" in node.get("name", ""):
            found = node.get("extra_info", {}).get("Projections", [])
            yield from [found] if isinstance(found, str) else found
        for child in node.get("children", []):
            yield from windows(child)

    running = [w for node in plan for w in windows(node) if "ORDER BY" in w]
    assert len(running) == 3, plan
    assert all(w.split(" OVER ")[1].startswith("(PARTITION BY pair ORDER BY as_of_month") for w in running), running


def test_the_sources_add_up_to_the_sections(funded):
    for month in ("2021-05", "2021-06", "2021-12"):
        sources = csv_rows(cli_in_process("sources", "--as-of", month, "--format", "csv", db_path=funded))
        sections = csv_rows(cli_in_process("sections", "--as-of", month, "--format", "csv", db_path=funded))
        for column in ("budget_wan", "actual_wan"):
            assert sum(Decimal(r[column]) for r in sources) == sum(Decimal(r[column]) for r in sections), (month, column)


def test_status_of_one_source_or_of_direct_funds_counts_only_that_money(funded):
    direct = by(csv_rows(cli_in_process("status", "--as-of", "2021-06", "--direct", "--format", "csv", db_path=funded)),
                "project_code")
    assert set(direct) == {PD, RQRQ}
    assert (direct[PD]["budget_wan"], direct[PD]["actual_wan"], direct[PD]["actual_pct"], direct[PD]["plan_pct"],
            direct[PD]["status"]) == ("10.00", "2.00", "20.00", "50.00", "severe")
    assert (direct[PD]["unit_code"], direct[PD]["unit_name"]) == ("106001", "某中心")
    # 无指标支付: no budget in the source, the payment is not lost: overspent
    assert (direct[RQRQ]["budget_wan"], direct[RQRQ]["actual_wan"], direct[RQRQ]["status"]) == ("0.00", "0.50", "overspent")
    own = by(csv_rows(cli_in_process("status", "--as-of", "2021-06", "--source", "本级安排资金", "--format", "csv",
                                     db_path=funded)), "project_code")
    assert PD not in own and len(own) == 7
    assert (own[RQRQ]["budget_wan"], own[RQRQ]["actual_wan"]) == ("173.00", "1.63")
    whole = by(csv_rows(cli_in_process("status", "--as-of", "2021-06", "--format", "csv", db_path=funded)),
               "project_code")
    assert whole[RQRQ]["actual_wan"] == "2.13"     # both sources


def test_units_rank_by_execution_and_filter_by_source(funded):
    units = csv_rows(cli_in_process("units", "--as-of", "2021-06", "--format", "csv", db_path=funded))
    assert [(r["unit_code"], r["unit_name"], r["rank"]) for r in units] == [("106001", "某中心", "1"), (*DEPT, "2")]
    center, dept = units
    assert (center["sections"], center["projects"], center["budget_wan"], center["actual_pct"], center["severe"]) == (
        "1", "1", "10.00", "20.00", "1")
    assert (dept["sections"], dept["projects"], dept["budget_wan"], dept["actual_wan"]) == ("6", "7", "289.00", "2.13")
    direct = by(csv_rows(cli_in_process("units", "--as-of", "2021-06", "--direct", "--format", "csv", db_path=funded)),
                "unit_code")
    assert (direct["106"]["budget_wan"], direct["106"]["actual_wan"], direct["106"]["overspent"]) == ("0.00", "0.50", "1")
    of_section = csv_rows(cli_in_process("units", "--as-of", "2021-06", "--section", "经济建设科", "--format", "csv",
                                         db_path=funded))
    assert [(r["unit_code"], r["projects"]) for r in of_section] == [("106", "1")]


def test_status_and_sources_of_one_unit(funded):
    center = csv_rows(cli_in_process("status", "--as-of", "2021-06", "--unit", "106001", "--format", "csv",
                                     db_path=funded))
    assert [r["project_code"] for r in center] == [PD]
    dept = csv_rows(cli_in_process("status", "--as-of", "2021-06", "--unit", "106", "--format", "csv", db_path=funded))
    assert len(dept) == 8      # a 部门 code takes its 单位 too
    sources = csv_rows(cli_in_process("sources", "--as-of", "2021-06", "--unit", "106001", "--format", "csv",
                                      db_path=funded))
    assert [(r["source"], r["projects"], r["actual_wan"]) for r in sources] == [("中央直达资金", "1", "2.00")]


QUOTA_HEADER = ["录入日期", "摘要", "金额", "指标文号", "归口科室", "预算单位", "指标来源", "资金性质", "项目", "直达资金标识"]


def test_a_payment_takes_the_source_of_the_quota_row_with_its_doc_no_and_the_quota_is_budget_in_its_source(funded,
                                                                                                        tmp_path):
    """SPEC §5 after migration 018: an adjustment (指标) row is budget in its own source, and a payment naming its
    指标文号 is paid from that source, before the payment's own columns and the project's default."""
    quota = write_csv(tmp_path / "指标.csv", QUOTA_HEADER, [
        ["2021-06-01", "追加指标", "50,000.00", "冀财预〔2021〕8号", "预算科", "106 承德高新技术产业开发区财政局",
         "中央直达资金", "一般公共预算", f"{RQRQ} 业务委托费", "是"]])
    out = cli_in_process("import-adjustments", str(quota), "--unit", "yuan", db_path=funded)
    assert out.returncode == 0, out.stderr
    pay = write_csv(tmp_path / "pay2.csv", PAY_HEADER + ["指标文号"], [
        ["V-5", RQRQ, "2021-06-25", "7,000.00", "本级安排资金", "否", "", "冀财预〔2021〕8号"],  # the 指标 row wins
        ["V-6", RQRQ, "2021-06-26", "1,000.00", "", "", "", "冀财预〔2021〕9号"]])             # no such 指标: default
    out = cli_in_process("import-disbursements", str(pay), db_path=funded)
    assert out.returncode == 0, out.stderr
    out = cli_in_process("sources", "--as-of", "2021-06", "--format", "csv", db_path=funded)
    rows = by(csv_rows(out), "source", "direct")
    assert "无指标支付" not in out.stderr, "业务委托费's 直达 payment now has its 指标"
    direct = rows[("中央直达资金", "true")]
    assert (direct["budget_wan"], direct["actual_wan"]) == ("15.00", "3.20")
    own = rows[("本级安排资金", "false")]
    assert (own["budget_wan"], own["actual_wan"]) == ("289.00", "1.73")
    of_rqrq = by(csv_rows(cli_in_process("status", "--as-of", "2021-06", "--direct", "--format", "csv",
                                         db_path=funded)), "project_code")[RQRQ]
    assert (of_rqrq["budget_wan"], of_rqrq["actual_wan"], of_rqrq["status"]) == ("5.00", "1.20", "on_track")


def test_units_count_their_projects_without_a_plan(tmp_path):
    """no_plan (SPEC §5, 未编制计划) is a real status: units count it, and a unit none of whose projects has a
    plan is no_plan itself, without plan figures."""
    db_path = fresh_db(tmp_path / "units.duckdb")
    plan = write_csv(tmp_path / "np.csv", PLAN_HEADER + ["单位编码", "预算单位"],
                     [plan_row("106-0401-YBN-NP01", 10, {}, section="预算国库科", name="无计划项目")
                      + ["106002", "无计划中心"]])
    out = cli_in_process("import-plan", str(plan), db_path=db_path)
    assert out.returncode == 0, out.stderr
    units = by(csv_rows(cli_in_process("units", "--as-of", "2021-06", "--format", "csv", db_path=db_path)),
               "unit_code")
    assert (units["106002"]["no_plan"], units["106002"]["projects"], units["106002"]["plan_pct"]) == ("1", "1", "")
    assert units["106"]["no_plan"] == "0"


def test_sections_of_direct_funds(funded):
    rows = by(csv_rows(cli_in_process("sections", "--as-of", "2021-06", "--direct", "--format", "csv", db_path=funded)),
              "section")
    assert set(rows) == {"预算国库科", "经济建设科"}
    assert (rows["预算国库科"]["budget_wan"], rows["预算国库科"]["actual_wan"], rows["预算国库科"]["severe"]) == (
        "10.00", "2.00", "1")
    assert json.loads(cli_in_process("sources", "--as-of", "2021-06", "--format", "json", db_path=funded).stdout)[0][
        "direct"] is True


def test_on_the_demo_with_its_adjustments_the_one_source_is_the_whole(demo_db):
    for month in range(1, 13):
        [source] = csv_rows(cli_in_process("sources", "--as-of", f"2021-{month:02d}", "--format", "csv", db_path=demo_db))
        [unit] = csv_rows(cli_in_process("units", "--as-of", f"2021-{month:02d}", "--format", "csv", db_path=demo_db))
        sections = csv_rows(cli_in_process("sections", "--as-of", f"2021-{month:02d}", "--format", "csv", db_path=demo_db))
        for column in ("budget_wan", "actual_wan"):
            assert Decimal(source[column]) == Decimal(unit[column]) == sum(Decimal(r[column]) for r in sections)
        assert (source["source"], source["direct"], unit["unit_code"]) == ("本级安排资金", "false", "106")


# --- 4. pages: filters in the address, 直达资金 on 总览, the drill-down, roles ----------------------------

ZD2 = "106-0601-YBN-ZD02"   # 经济建设科's 直达资金 project of unit 106002 某所


@pytest.fixture(scope="module")
def pages_db(tmp_path_factory):
    """The demo, two 直达资金 projects (预算国库科's of 106001, 经济建设科's of 106002), their payments and a
    section user of 综合科."""
    folder = tmp_path_factory.mktemp("units-pages")
    path = fresh_db(folder / "pages.duckdb", demo=True)
    plan = write_csv(folder / "zd.csv", PLAN_HEADER + ["单位编码", "预算单位", "资金来源", "是否直达资金"], [
        plan_row(PD, 10, {6: 50, 12: 100}, section="预算国库科", name="直达资金项目") + ["106001", "某中心", "中央直达资金", "是"],
        plan_row(ZD2, 40, {6: 40, 12: 100}, section="经济建设科", name="直达资金项目二") + ["106002", "某所", "中央直达资金", "是"]])
    pay = write_csv(folder / "zp.csv", PAY_HEADER, [["Z-1", PD, "2021-05-10", "20,000.00", "", "", ""],
                                                    ["Z-2", ZD2, "2021-08-10", "150,000.00", "", "", ""]])
    for verb, f in (("import-plan", plan), ("import-disbursements", pay)):
        out = cli_in_process(verb, str(f), db_path=path)
        assert out.returncode == 0, out.stderr
    for args in (("admin@bureau.gov", "--role", "admin"),
                 ("zonghe@bureau.gov", "--role", "section", "--section", "综合科")):
        assert cli_in_process("user", "add", *args, db_path=path).returncode == 0
    return path


def page_text(at) -> str:
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "error", "info", "warning")
             for e in getattr(at, kind)]
    parts += [m.label + " " + str(m.value) for m in at.metric]
    parts += [frame.value.to_string() for frame in at.dataframe]
    return "\n".join(str(p) for p in parts)


def names_listed(at) -> set[str]:
    return {n for frame in at.dataframe if "项目名称" in frame.value for n in frame.value["项目名称"]}


def test_pacing_filters_by_unit_and_source_from_the_address_and_keeps_them_there(pages_db, monkeypatch):
    from conftest import open_page
    at = open_page(pages_db, monkeypatch, "pages/pacing.py", status="on_track,lagging,severe,overspent", unit="106002")
    assert names_listed(at) == {"直达资金项目二"}
    assert at.query_params["unit"] == ["106002"] or at.query_params["unit"] == "106002"
    at = open_page(pages_db, monkeypatch, "pages/pacing.py", status="on_track,lagging,severe,overspent", direct="1")
    assert names_listed(at) == {"直达资金项目", "直达资金项目二"}
    at = open_page(pages_db, monkeypatch, "pages/pacing.py", status="on_track,lagging,severe,overspent",
                   source="本级安排资金")
    assert len(names_listed(at)) == 7 and "直达资金项目" not in names_listed(at)
    at = open_page(pages_db, monkeypatch, "pages/pacing.py", unit="999")
    assert "地址中的预算单位「999」在 2021 年度不存在。" in page_text(at)


def test_overview_shows_direct_funds_pace_beside_the_whole(pages_db, monkeypatch):
    from conftest import open_page
    at = open_page(pages_db, monkeypatch, None)
    metrics = {m.label: m.value for m in at.metric}
    # 直达资金 at November: 17.00 万元 paid of 50.00: 34.00 %, 序时进度 91.67 %
    assert metrics["直达资金 执行率"] == "34.00%"
    assert [m.delta for m in at.metric if m.label == "直达资金 执行率"] == ["-57.67 个百分点"]
    assert "全部资金 执行率" in metrics
    assert "落后计划最多的项目" in page_text(at)     # the page goes on after them


def test_sections_drill_down_section_unit_project(pages_db, monkeypatch):
    from conftest import open_page
    at = open_page(pages_db, monkeypatch, "pages/sections.py", section="经济建设科")
    units = next(f.value for f in at.dataframe if "排名" in f.value)
    assert list(units["单位编码"]) == ["106002", "106"] and list(units["排名"]) == [1, 2]
    assert names_listed(at) == {"直达资金项目二", "业务委托费"}
    at = open_page(pages_db, monkeypatch, "pages/sections.py", section="经济建设科", unit="106002")
    assert names_listed(at) == {"直达资金项目二"}
    at = open_page(pages_db, monkeypatch, "pages/sections.py", section="经济建设科", unit="106")
    assert names_listed(at) == {"直达资金项目二", "业务委托费"}     # a 部门 code takes the 单位 under it


def test_sections_filter_by_source_from_the_address_and_keep_it_there(pages_db, monkeypatch):
    """Task C (issue 34): 科室 filters by 资金来源 as 进度监控 does — direct=1, source=NAME in the address."""
    from conftest import open_page
    at = open_page(pages_db, monkeypatch, "pages/sections.py", section="经济建设科", direct="1")
    assert names_listed(at) == {"直达资金项目二"}
    assert at.query_params["direct"] in ("1", ["1"])
    at = open_page(pages_db, monkeypatch, "pages/sections.py", section="经济建设科", source="本级安排资金")
    assert names_listed(at) == {"业务委托费"}
    assert at.query_params["source"] in ("本级安排资金", ["本级安排资金"])


@pytest.mark.parametrize("page", ["pages/pacing.py", "pages/sections.py"])
def test_a_section_user_naming_anothers_unit_sees_nothing_of_it(pages_db, monkeypatch, page):
    from conftest import open_page
    at = open_page(pages_db, monkeypatch, page, login="zonghe@bureau.gov", unit="106002")
    assert [t.value for t in at.title] == ["无权查看"] and not at.metric and not at.dataframe
    assert "某所" not in page_text(at) and "直达资金项目二" not in page_text(at)
    own = open_page(pages_db, monkeypatch, page, login="zonghe@bureau.gov", unit="106",
                    status="on_track,lagging,severe,overspent")
    assert names_listed(own) == {"信息中心设备维护及网络租赁"}
    options = [o for box in own.selectbox if box.label == "预算单位" for o in box.options]
    assert not any("某所" in o or "某中心" in o for o in options)


# --- the bulletin: 资金来源 with 直达资金 first, the units ranked (前五/后五 when more than five) --------------

def test_the_bulletin_has_the_sources_direct_first_and_every_unit_ranked(pages_db, tmp_path):
    import openpyxl
    out = cli_in_process("report", "--as-of", "2021-11", "--out", str(tmp_path / "通报.xlsx"), db_path=pages_db)
    assert out.returncode == 0, out.stderr
    book = openpyxl.load_workbook(tmp_path / "通报.xlsx")
    sources = [r for r in book["示例数据-资金来源"].iter_rows(values_only=True)]
    assert sources[0][:3] == ("资金来源", "直达资金", "项目数")
    assert [r[:3] for r in sources[1:]] == [("中央直达资金", "是", 2), ("本级安排资金", "否", 7)]
    assert sources[1][3:5] == (50, 17)      # 万元: budget, paid by November
    units = [r for r in book["示例数据-预算单位支出进度排名"].iter_rows(values_only=True)]
    assert [(r[0], r[1]) for r in units[1:]] == [(1, "106002"), (2, "106"), (3, "106001")]
    summary = {row[0].value for row in book.worksheets[0].iter_rows()}
    assert "执行率前五的预算单位" not in summary      # three units: all ranked, no 前五/后五


@pytest.fixture(scope="module")
def many_units(tmp_path_factory):
    """init's plan and seven projects of seven units 201..207, paid 10 %, 20 % … 70 % of their budget by June."""
    folder = tmp_path_factory.mktemp("many-units")
    path = fresh_db(folder / "many.duckdb")
    rows = [plan_row(f"U-{i}", 10, {6: 50, 12: 100}, section="综合科", name=f"单位项目{i}") + [f"20{i}", f"单位{i}"]
            for i in range(1, 8)]
    pays = [[f"UV-{i}", f"U-{i}", "2021-06-01", f"{i * 10000}.00", "", "", ""] for i in range(1, 8)]
    for verb, f in (("import-plan", write_csv(folder / "p.csv", PLAN_HEADER + ["单位编码", "预算单位"], rows)),
                    ("import-disbursements", write_csv(folder / "d.csv", PAY_HEADER, pays))):
        out = cli_in_process(verb, str(f), db_path=path)
        assert out.returncode == 0, out.stderr
    return path


def test_with_more_than_five_units_the_bulletin_names_the_first_and_the_last_five(many_units, tmp_path):
    import openpyxl
    import subprocess
    for suffix in ("xlsx", "pdf"):
        out = cli_in_process("report", "--as-of", "2021-06", "--out", str(tmp_path / f"b.{suffix}"), db_path=many_units)
        assert out.returncode == 0, out.stderr
    summary = {row[0].value: row[1].value for row in openpyxl.load_workbook(tmp_path / "b.xlsx").worksheets[0].iter_rows()}
    assert summary["执行率前五的预算单位"].startswith("单位7（70.00%）、单位6（60.00%）、单位5（50.00%）、单位4（40.00%）")
    assert summary["执行率后五的预算单位"].endswith("单位2（20.00%）、单位1（10.00%）、承德高新技术产业开发区财政局（0.00%）")
    text = subprocess.run(["pdftotext", str(tmp_path / "b.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "执行率前五的预算单位" in text and "执行率后五的预算单位" in text and "资金来源" in text
    top = text[text.index("执行率前五的预算单位"):text.index("执行率后五的预算单位")]
    assert "单位7" in top and "单位3" in top and "单位2" not in top


@pytest.mark.parametrize("units, groups", [
    (0, [("预算单位支出进度排名", [])]),
    (1, [("预算单位支出进度排名", [1])]),
    (5, [("预算单位支出进度排名", [1, 2, 3, 4, 5])]),                     # five: every one, no 前五/后五
    (6, [("执行率前五的预算单位", [1, 2, 3, 4, 5]), ("执行率后五的预算单位", [2, 3, 4, 5, 6])]),
    (12, [("执行率前五的预算单位", [1, 2, 3, 4, 5]), ("执行率后五的预算单位", [8, 9, 10, 11, 12])]),
])
def test_the_bulletin_names_the_first_and_last_five_only_beyond_five_units(units, groups):
    """Task C (issue 34): 前五/后五 when there are more than five units, at the boundary (rank order kept)."""
    from types import SimpleNamespace

    import pandas as pd
    from spending import bulletin
    frame = pd.DataFrame({"rank": list(range(1, units + 1)), "unit_code": [f"2{i:02d}" for i in range(1, units + 1)],
                          "unit_name": [f"单位{i}" for i in range(1, units + 1)],
                          "actual_pct": [Decimal(100 - i) for i in range(1, units + 1)]},
                         columns=["rank", "unit_code", "unit_name", "actual_pct"])
    found = bulletin.unit_groups(SimpleNamespace(units=frame))
    assert [(title, list(part["rank"])) for title, part in found] == groups


def test_a_database_of_the_release_before_units_upgrades_and_then_takes_them(tmp_path):
    from test_upgrade import forget_units, release_schema_copy
    current = fresh_db(tmp_path / "current.duckdb", demo=True)
    forget_units(current)
    old = tmp_path / "release.duckdb"
    release_schema_copy(current, old, before=19)
    expected = cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=current).stdout
    out = cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=old)     # upgrades, then reads
    assert out.returncode == 0, out.stderr
    assert out.stdout == expected
    assert [(r["unit_code"], r["unit_name"], r["projects"]) for r in csv_rows(
        cli_in_process("units", "--as-of", "2021-11", "--format", "csv", db_path=old))] == [("", "", "7")]
    plan = write_csv(tmp_path / "p.csv", PLAN_HEADER + ["预算单位"],
                     [plan_row(QS1Q, 30, {3: 0, 6: 0, 10: 0, 12: 100}, section="预算国库科", name="国库电子化和一体化建设")
                      + ["106 - 承德高新技术产业开发区财政局"]])
    out = cli_in_process("import-plan", str(plan), db_path=old)
    assert out.returncode == 0, out.stderr
    assert stored(old, f"select unit_code, unit_name from projects where fiscal_year = 2021 and project_code = '{QS1Q}'") == [DEPT]


def test_the_section_packets_carry_the_unit(pages_db, tmp_path):
    import zipfile

    import openpyxl
    from spending import export
    from spending.db import opening
    from spending.rules import Thresholds
    con = opening.connect(pages_db, read_only=True)
    try:
        data = export.section_packets(con, 2021, 11, Thresholds())
    finally:
        con.close()
    packet = zipfile.ZipFile(io.BytesIO(data))
    name = next(n for n in packet.namelist() if n.startswith("经济建设科"))
    (tmp_path / "p.xlsx").write_bytes(packet.read(name))
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx")["滞后项目清单"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in row])) for row in sheet.iter_rows(min_row=2)]
    assert header[:3] == ["科室", "单位编码", "预算单位"]
    assert {(r["项目名称"], r["单位编码"], r["预算单位"]) for r in rows} >= {("直达资金项目二", "106002", "某所")}


def test_the_section_packets_carry_the_source(pages_db, tmp_path):
    """Task C (issue 34): beside the unit, each project's 资金来源 (直达资金 first) and whether any of it is 直达."""
    import zipfile

    import openpyxl
    from spending import export
    from spending.db import opening
    from spending.rules import Thresholds
    con = opening.connect(pages_db, read_only=True)
    try:
        data = export.section_packets(con, 2021, 11, Thresholds())
    finally:
        con.close()
    packet = zipfile.ZipFile(io.BytesIO(data))
    listed = {}
    for name in packet.namelist():
        (tmp_path / "p.xlsx").write_bytes(packet.read(name))
        sheet = openpyxl.load_workbook(tmp_path / "p.xlsx")["滞后项目清单"]
        header = [c.value for c in sheet[1]]
        assert header[:5] == ["科室", "单位编码", "预算单位", "资金来源", "直达资金"]
        listed |= {r[header.index("项目名称")]: (r[3], r[4]) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert listed["直达资金项目二"] == ("中央直达资金", "是")
    assert listed["业务委托费"] == ("本级安排资金", "否")


def test_the_bulletins_lagging_list_carries_the_unit_and_the_source(pages_db, tmp_path):
    """Task C (issue 34): the bulletin's 滞后与超支项目 (Excel and PDF) name each project's 预算单位 and 资金来源."""
    import openpyxl
    import subprocess
    for suffix in ("xlsx", "pdf"):
        out = cli_in_process("report", "--as-of", "2021-11", "--out", str(tmp_path / f"b.{suffix}"), db_path=pages_db)
        assert out.returncode == 0, out.stderr
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsx")["示例数据-滞后与超支项目"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["科室", "预算单位", "资金来源"]
    rows = {r[header.index("项目名称")]: r[1:3] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["直达资金项目二"] == ("某所", "中央直达资金")
    assert rows["业务委托费"] == ("承德高新技术产业开发区财政局", "本级安排资金")
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "b.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    behind = text[text.index("滞后与超支项目"):]
    assert "预算单位" in behind and "资金来源" in behind and "某所" in behind


def test_the_money_by_source_follows_an_undo_and_a_new_plan(funded, tmp_path):
    """source_cache is kept with pace_cache: an undone payment batch leaves its sources, a plan naming another default
    source moves the 年初预算数 there."""
    batch = stored(funded, "select max(batch_id) from import_batches")[0][0]
    assert cli_in_process("undo", str(batch), db_path=funded).returncode == 0
    rows = by(csv_rows(cli_in_process("sources", "--as-of", "2021-06", "--format", "csv", db_path=funded)), "source")
    assert (rows["中央直达资金"]["budget_wan"], rows["中央直达资金"]["actual_wan"]) == ("10.00", "0.00")
    assert rows["本级安排资金"]["actual_wan"] == "0.00"
    plan = write_csv(tmp_path / "moved.csv", PLAN_HEADER + ["资金来源"],
                     [plan_row(QS1Q, 30, {12: 100}, section="预算国库科", name="国库电子化和一体化建设") + ["上级转移支付"]])
    assert cli_in_process("import-plan", str(plan), db_path=funded).returncode == 0
    rows = by(csv_rows(cli_in_process("sources", "--as-of", "2021-06", "--format", "csv", db_path=funded)), "source")
    assert (rows["上级转移支付"]["projects"], rows["上级转移支付"]["budget_wan"]) == ("1", "30.00")
    assert rows["本级安排资金"]["budget_wan"] == "259.00"
