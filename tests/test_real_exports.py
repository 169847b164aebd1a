"""Issue 20: the payment exports of 预算管理一体化 systems as they come (tests/real_exports/, written by
make_corpus.py there), each through the command line (its main(), in this process) with its exact total or its exact message,
and the database unchanged after every refusal; the column table's interface (column_candidates,
map_columns / parse with chosen); the date rule, table-driven; the 数据 page's preview of an export."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, cli_in_process, fresh_db, plan_row, write_csv
from spending import db, ingest
from test_take_back import fingerprint

CORPUS = ROOT / "tests" / "real_exports"
QS1Q, A8GD = "106-0401-YBN-QS1Q", "106-0401-YBN-A8GD"
CODE_1, CODE_3 = "330100210000000000001", "330100210000000000003"
LOST = "Excel 已把该列存为数字，超过 15 位的编码已失真：请将该列设为文本后重新导出"


@pytest.fixture(scope="module")
def exports_db(tmp_path_factory):
    """The 2021 plan of init and a plan of 21-digit codes (in an export's own headers) beside it."""
    path = tmp_path_factory.mktemp("exports") / "exports.duckdb"
    fresh_db(path)
    file = str(CORPUS / "e00_plan_21_digit_codes_aliases.csv")
    guessed = cli_in_process("import-plan", file, db_path=path)   # 预算数 names no unit: never guessed (SPEC §5)
    assert guessed.returncode == 1 and "金额列「预算数」的表头和标题都没有写明单位" in guessed.stderr
    out = cli_in_process("import-plan", file, "--unit", "wan", db_path=path)
    assert out.returncode == 0, out.stderr
    assert "合计 23.00 万元（230,000.00 元）" in out.stdout
    assert "预算数 → 年初预算数(万元)（budget_wan，别名 | alias）" in out.stdout
    return path


def stored(path, vouchers: list[str]) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select voucher_no, project_code, pay_date::varchar, amount_yuan::varchar from disbursements"
                           " where list_contains($v, voucher_no) order by voucher_no", {"v": vouchers}).fetchall()
    finally:
        con.close()


def test_the_corpus_is_what_the_generator_writes():
    from real_exports.make_corpus import corpus
    for name, data in corpus().items():
        if name.endswith(".csv"):   # the XLSX carry their creation time
            assert (CORPUS / name).read_bytes() == data, name
        else:
            assert (CORPUS / name).is_file(), name


# file, its exact summary total, lines the report holds, the rows stored (voucher, code, date, 元)
GOOD = [
    ("e01_alias_headers.csv", "合计 14.25 万元（142,501.11 元）",
     ["表头对应 | columns: 支付凭证号 → 凭证号（voucher_no，别名 | alias）；项目代码 → 项目编码（project_code，别名 | alias）；"
      "实际支付日期 → 支付日期（pay_date，别名 | alias）；实际支付金额 → 金额(元)（amount_yuan，别名 | alias）；"
      "收款方账户名称 → 收款单位（payee，别名 | alias）；资金用途 → 摘要（summary，别名 | alias）",
      "按项目小计（元，与国库系统报表核对），文件合计 142,501.11 元 | per project (元, to check against the treasury "
      "system's report), file total 142,501.11 元:",
      f"  {QS1Q} 国库电子化和一体化建设：1 行，140,001.11 元 | 1 row(s)",
      f"  {A8GD} 信息中心设备维护及网络租赁：1 行，2,500.00 元 | 1 row(s)"],
     [("E01-1", QS1Q, "2021-03-15", "140001.11"), ("E01-2", A8GD, "2021-04-01", "2500.00")]),
    ("e02_vendor_title_unit_seq_total_gbk.csv", "合计 0.33 万元（3,300.33 元）",
     ["已略去表头（第 3 行）上方的标题行：第 1 行「某市财政局国库集中支付明细表（2021年5月）」、第 2 行「单位：元」 | "
      "left out the title rows above the header (line 3): line 1 \"某市财政局国库集中支付明细表（2021年5月）\", line 2 \"单位：元\"",
      "已略去 1 个合计/小计/总计行：第 7 行（合计） | left out 1 total line(s): line 7 (合计)",
      f"  {QS1Q} 国库电子化和一体化建设：2 行，3,000.30 元 | 2 row(s)"],
     [("E02-1", QS1Q, "2021-05-06", "1000.10"), ("E02-2", QS1Q, "2021-05-07", "2000.20"),
      ("E02-3", A8GD, "2021-05-08", "300.03")]),
    ("e03_summary_view_wan.xlsx", "合计 1.73 万元（17,345.67 元）",
     ["金额单位为万元（表头或标题行所示），已精确换算为元 | the amounts are in 万元 (as the header or a title row says), "
      "converted exactly to 元"],
     [("E03-1", QS1Q, "2021-06-01", "12345.67"), ("E03-2", A8GD, "2021-06-02", "5000.00")]),
    ("e04_code_and_name_in_one_cell.csv", "合计 0.03 万元（300.00 元）",
     ["表头对应 | columns: 支付凭证号 → 凭证号（voucher_no，别名 | alias）；预算项目 → 项目编码（project_code，别名 | alias）；"
      "支付日期 → 支付日期（pay_date）；支付金额 → 金额(元)（amount_yuan，别名 | alias）"],
     [("E04-1", QS1Q, "2021-07-01", "100.00"), ("E04-2", A8GD, "2021-07-02", "200.00")]),
    ("e05_names_only.csv", "合计 0.00 万元（30.00 元）",
     ["按名称匹配 2 行（文件没有项目编码，按年度计划中唯一的项目名称） | 2 row(s) matched by the project's name (unique in "
      "the year's plan):", f"  第 2 行 | line 2：国库电子化和一体化建设 → {QS1Q}", f"  第 3 行 | line 3：培训费 → {CODE_3}"],
     [("E05-1", QS1Q, "2021-08-01", "10.00"), ("E05-2", CODE_3, "2021-08-02", "20.00")]),
    ("e06_21_digit_codes_as_text.xlsx", "合计 0.11 万元（1,100.00 元）",
     [f"  {CODE_1} 会议费：1 行，1,000.01 元 | 1 row(s)", f"  {CODE_3} 培训费：1 行，99.99 元 | 1 row(s)"],
     [("E06-1", CODE_1, "2021-09-01", "1000.01"), ("E06-2", CODE_3, "2021-09-02", "99.99")]),
    ("e06b_21_digit_codes_as_text_gbk.csv", "合计 0.11 万元（1,100.00 元）", [],
     [("E06B-1", CODE_1, "2021-09-01", "1000.01"), ("E06B-2", CODE_3, "2021-09-02", "99.99")]),
    ("e08_date_forms.csv", "合计 0.00 万元（15.00 元）", [],
     [(f"E08-{i}", QS1Q, "2021-06-30", f"{i}.00") for i in range(1, 6)]),
    ("e10_title_says_wan.csv", "合计 0.01 万元（100.00 元）",
     ["金额单位为万元（表头或标题行所示），已精确换算为元 | the amounts are in 万元 (as the header or a title row says), "
      "converted exactly to 元"],
     [("E10-1", QS1Q, "2021-10-02", "100.00")]),
]


@pytest.mark.parametrize("name, total, lines, rows", GOOD, ids=[g[0] for g in GOOD])
def test_an_export_imports_with_its_exact_total(exports_db, name, total, lines, rows):
    out = cli_in_process("import-disbursements", str(CORPUS / name), db_path=exports_db)
    assert out.returncode == 0, out.stderr
    assert total in out.stdout.splitlines()[0], out.stdout
    for line in lines:
        assert line in out.stdout.splitlines(), f"{line!r} not in\n{out.stdout}"
    assert stored(exports_db, [r[0] for r in rows]) == sorted(rows)


# file, the report's exact problem lines (after its first line)
BAD = [
    ("e04b_code_and_wrong_name.csv",
     ["第 2 行，列 project_name，值「国库电子化建设」：与 2021 年度计划中该项目编码的名称「国库电子化和一体化建设」不一致 | "
      "line 2, column project_name, value \"国库电子化建设\": differs from the name the 2021 plan gives this project code "
      "(\"国库电子化和一体化建设\")"]),
    ("e05b_names_unknown_and_not_unique.csv",
     ["第 2 行，列 project_name，值「会议费」：2021 年度计划中有 2 个项目同名，无法按名称匹配：请给出项目编码 | line 2, column "
      "project_name, value \"会议费\": 2 projects of the 2021 plan have this name: it cannot be matched by name; give the "
      "project code",
      "第 3 行，列 project_name，值「没有这个项目」：2021 年度计划中没有这个名称的项目（按名称匹配需名称完全一致）：请给出项目编码 | "
      "line 3, column project_name, value \"没有这个项目\": no project of this name in the 2021 plan (matching by name needs "
      "the exact name): give the project code"]),
    ("e07_21_digit_codes_as_excel_numbers.xlsx",
     [f"第 {r} 行，列 project_code，值「330100209999999991808」：{LOST} | row {r}, column project_code, value "
      "\"330100209999999991808\": Excel stored this column as numbers: a code of more than 15 digits has lost digits; "
      "format the column as text and export again" for r in (2, 3)]),
    ("e08b_date_with_a_bad_time.csv",
     ["第 2 行，列 pay_date，值「2021-06-30 25:30」：日期格式应为 YYYY-MM-DD 或 YYYY/MM/DD | line 2, column pay_date, value "
      "\"2021-06-30 25:30\": the date must be YYYY-MM-DD or YYYY/MM/DD"]),
    ("e09_two_amount_columns.csv",
     ["列 amount_yuan：表头「支付金额」和「金额」都可能是「金额(元)」：请在导入方案中选择其中一列 | column amount_yuan: the "
      "headers \"支付金额\" and \"金额\" could each be 金额(元) (amount_yuan): choose one in an import mapping (导入方案)"]),
]


@pytest.mark.parametrize("name, problems", BAD, ids=[b[0] for b in BAD])
def test_an_export_refused_with_its_exact_message(exports_db, name, problems):
    before = fingerprint(exports_db)
    out = cli_in_process("import-disbursements", str(CORPUS / name), db_path=exports_db)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    report = out.stderr.splitlines()
    head = next(i for i, line in enumerate(report) if line.startswith("导入被拒绝，未写入任何数据"))
    assert f"有 {len(problems)} 个问题" in report[head]
    assert report[head + 1:] == problems
    assert "没有该项目的预算计划" not in out.stderr
    assert fingerprint(exports_db) == before


def test_adjustments_in_an_export_s_headers(exports_db):
    file = str(CORPUS / "e11_adjustments_aliases.csv")
    guessed = cli_in_process("import-adjustments", file, db_path=exports_db)   # 调整金额 names no unit (SPEC §5)
    assert guessed.returncode == 1 and "金额列「调整金额」的表头和标题都没有写明单位" in guessed.stderr
    out = cli_in_process("import-adjustments", file, "--unit", "wan", db_path=exports_db)
    assert out.returncode == 0, out.stderr
    assert "合计 2.50 万元（25,000.00 元）" in out.stdout
    assert "调整文号 → 文号（doc_no，别名 | alias）" in out.stdout and "调整日期 → 调整日期（effective_date）" in out.stdout
    con = duckdb.connect(str(exports_db), read_only=True)
    try:
        assert con.execute("select effective_date::varchar, amount_yuan::varchar from adjustments"
                           " where doc_no = '财预〔2021〕9号'").fetchall() == [("2021-06-01", "25000.00")]
    finally:
        con.close()


def test_negative_spending_said_by_import_and_flagged_by_status(tmp_path):
    path = tmp_path / "n.duckdb"
    fresh_db(path)
    f = write_csv(tmp_path / "rev.csv", ["支付凭证号", "项目代码", "支付日期", "支付金额"],
                  [["N-1", A8GD, "2021-06-30", "-4,500.50"]])
    out = cli_in_process("import-disbursements", str(f), db_path=path)
    assert out.returncode == 0, out.stderr
    assert (f"  {A8GD} 信息中心设备维护及网络租赁：6 月底累计 -4,500.50 元 | cumulative at the end of month 6"
            in out.stdout.splitlines())
    status = cli_in_process("status", "--as-of", "2021-12", db_path=path)
    assert status.returncode == 0, status.stderr
    row = next(line for line in status.stdout.splitlines() if A8GD in line)
    assert row.rstrip().endswith("（累计支出为负）")
    assert f"{A8GD} 信息中心设备维护及网络租赁（6 月底 -4,500.50 元）" in status.stderr
    other = next(line for line in status.stdout.splitlines() if QS1Q in line)
    assert "累计支出为负" not in other
    csv_out = cli_in_process("status", "--as-of", "2021-12", "--format", "csv", db_path=path)
    assert "累计支出为负" not in csv_out.stdout   # SPEC §3's csv keeps its values


# ----------------------------------------------------------------------- the column table's interface

def test_column_candidates_exact_name_first_then_aliases():
    found = ingest.column_candidates("disbursements", ["金额", "凭证号", "金额（元）", "支付金额", "预算项目", "用途"])
    assert found["amount_yuan"] == ["金额（元）", "金额", "支付金额"]
    assert found["voucher_no"] == ["凭证号"] and found["project_code"] == ["预算项目"] and found["summary"] == ["用途"]
    assert found["pay_date"] == [] and set(found) == set(ingest.COLUMNS["disbursements"])
    assert ingest.column_candidates("plan", ["指标金额", "年初预算数(万元)"])["budget_wan"] == ["年初预算数(万元)", "指标金额"]
    # a budget amount in 元 is taken as 元 (SPEC §5 Units of money), converted exactly: test_quota_files
    assert ingest.column_candidates("plan", ["预算数(元)"])["budget_wan"] == ["预算数(元)"]
    assert ingest.column_candidates("plan", ["预算数(美元)"])["budget_wan"] == []


def test_one_table_per_kind_holds_rule_example_and_aliases():
    for kind, columns in ingest.COLUMNS.items():
        for name, col in columns.items():
            assert col.name == name and col.zh and col.note, (kind, name)
    assert ingest.COLUMNS["disbursements"]["voucher_no"].aliases == ("支付凭证号", "凭证编号", "支付凭证编号")
    assert ingest.COLUMNS["disbursements"]["pay_date"].example.isoformat() == "2026-03-15"


def test_a_chosen_header_settles_the_ambiguous_amount(ledger, tmp_path):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = write_csv(tmp_path / "two.csv", ["支付凭证号", "项目代码", "支付日期", "支付金额", "金额"],
                  [["C-1", "P-1", "2021-03-01", "100.00", "1.00"]])
    with pytest.raises(ingest.ImportRejected) as refused:
        ingest.parse(ledger.con, "disbursements", ingest.read_file(f))
    assert [p.column for p in refused.value.problems] == ["amount_yuan"]
    parsed = ingest.parse(ledger.con, "disbursements", ingest.read_file(f), chosen={"amount_yuan": "金额"})
    assert parsed.mapping["amount_yuan"] == "金额" and ingest.mapped_by(parsed)["amount_yuan"] == "chosen"
    result = ingest.load(parsed)
    assert result.amount_yuan == Decimal("1.00")
    # a chosen header overrides an alias; one the file does not have is a problem of that column
    with pytest.raises(ingest.ImportRejected) as refused:
        ingest.parse(ledger.con, "disbursements", ingest.read_file(f), chosen={"pay_date": "付款日期"})
    assert [p.column for p in refused.value.problems] == ["pay_date", "amount_yuan"]


def test_missing_columns_name_the_english_column(ledger, tmp_path):
    f = write_csv(tmp_path / "m.csv", ["支付凭证号", "支付日期"], [["M-1", "2021-03-01"]])
    with pytest.raises(ingest.ImportRejected) as refused:
        ingest.parse(ledger.con, "disbursements", ingest.read_file(f))
    assert [p.column for p in refused.value.problems] == ["project_code", "amount_yuan"]


@pytest.mark.parametrize("header, kind", [
    (["序号", "支付凭证号", "预算项目编码", "实际支付日期", "实际支付金额", "收款人全称"], "disbursements"),
    (["凭证编号", "项目名称", "记账日期", "金额（单位：万元）"], "disbursements"),
    (["调整文号", "项目代码", "调整日期", "调整金额"], "adjustments"),
    (["项目代码", "项目名称", "责任科室", "指标金额", "12月底"], "plan"),
    (["支付凭证号", "预算项目"], None)])
def test_alias_headers_tell_the_kind(header, kind):
    assert ingest.detect_kind(header) == kind


# ----------------------------------------------------------------------- the date rule

DATES = [   # cell, the date it is (None: refused), the problem code
    ("2021-06-30", "2021-06-30", None), ("2021/6/3", "2021-06-03", None), ("20210630", "2021-06-30", None),
    ("2021年6月30日", "2021-06-30", None), ("2021年06月03日", "2021-06-03", None), ("2021.06.30", "2021-06-30", None),
    ("2021-06-30 09:30:00", "2021-06-30", None), ("2021/6/30 9:30", "2021-06-30", None),
    ("2021-06-30T23:59:59.5", "2021-06-30", None),
    ("20210230", None, "no_such_date"), ("2021年2月30日", None, "no_such_date"), ("2021.13.01", None, "no_such_date"),
    ("2021-06-30 25:30", None, "date_format"), ("2021-06-30 9:3", None, "date_format"), ("21-06-30", None, "date_format"),
    ("2021063", None, "date_format"), ("30.06.2021", None, "date_format"), ("2021年6月", None, "date_format"),
    ("June 30, 2021", None, "date_format"), ("infinity", None, "date_format"),
]


@pytest.mark.parametrize("cell, day, problem", DATES, ids=[d[0] for d in DATES])
def test_date_rule(cell, day, problem):
    con = duckdb.connect()
    con.execute(db.sql("import/check_macros"))
    got = con.execute("select date_problem($t), case when date_problem($t) is null then to_date($t)::varchar end",
                      {"t": cell}).fetchone()
    assert got == (problem, day)


CODES = [   # a 项目编码 cell (as code() gives it back): its code, its name
    (f"{QS1Q} - 国库电子化和一体化建设", QS1Q, "国库电子化和一体化建设"), (f"{QS1Q}-国库电子化", QS1Q, "国库电子化"),
    (f"{CODE_1} - 2021年会议费", CODE_1, "2021年会议费"), (QS1Q, None, None), ("１０６-０４０１", None, None),
    ("项目A", None, None),
]


@pytest.mark.parametrize("cell, code, name", CODES, ids=[c[0] for c in CODES])
def test_code_and_name_split(cell, code, name):
    con = duckdb.connect()
    con.execute(db.sql("import/check_macros"))
    assert con.execute("select code_part($t), name_part($t)", {"t": cell}).fetchone() == (code, name)


# ----------------------------------------------------------------------- the 数据 page

@pytest.fixture
def page_db(tmp_path, monkeypatch):
    path = tmp_path / "page.duckdb"
    fresh_db(path)
    monkeypatch.setenv("SPENDING_DB", str(path))
    return path


def test_the_page_previews_an_export_with_its_mapping_and_yuan_subtotals(page_db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params.update({"year": "2021", "month": "11"})
    at.run()
    at.switch_page("pages/data.py").run()
    name = "e02_vendor_title_unit_seq_total_gbk.csv"
    at.file_uploader[0].upload(name, (CORPUS / name).read_bytes())
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio[0].value == "disbursements"
    mapping = next(d.value for d in at.dataframe if "文件表头" in d.value.columns)
    assert mapping.set_index("文件表头")["对应字段"].to_dict() == {
        "凭证编号": "凭证号", "预算项目编码": "项目编码", "付款日期": "支付日期", "支付金额": "金额(元)", "收款人全称": "收款单位",
        "用途": "摘要"}
    assert set(mapping["识别方式"]) == {"别名"}
    subtotals = next(d.value for d in at.dataframe if "行数" in d.value.columns).set_index("项目编码")
    assert subtotals["金额(元)"].to_dict() == {A8GD: "300.03", QS1Q: "3,000.30"}
    texts = " ".join(m.value for m in at.markdown)
    assert "文件合计 3,300.33 元" in texts
    infos = " ".join(i.value for i in at.info)
    assert "1「某市财政局国库集中支付明细表（2021年5月）」、2「单位：元」" in infos and "7（合计）" in infos
    assert [b for b in at.button if b.label == "导入"]


def test_the_page_says_wan_and_rows_matched_by_name(page_db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params.update({"year": "2021", "month": "11"})
    at.run()
    at.switch_page("pages/data.py").run()
    content = ("支付凭证号,项目名称,支付日期,金额（单位:万元）\n"
               "W-1,国库电子化和一体化建设,2021-06-30,14.000111\n").encode("gbk")
    at.file_uploader[0].upload("summary.csv", content)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    infos = " ".join(i.value for i in at.info)
    assert "金额单位为万元" in infos and "按名称匹配" in infos
    matched = next(d.value for d in at.dataframe if "行号" in d.value.columns and len(d.value.columns) == 3)
    assert matched.to_dict("records") == [{"行号": 2, "项目名称": "国库电子化和一体化建设", "项目编码": QS1Q}]
    subtotals = next(d.value for d in at.dataframe if "行数" in d.value.columns).set_index("项目编码")
    assert subtotals.loc[QS1Q, "金额(元)"] == "140,001.11"


def test_21_digit_codes_stay_exact_in_status_and_the_bulletin(exports_db, tmp_path):
    out = cli_in_process("status", "--as-of", "2021-12", "--format", "csv", db_path=exports_db)
    assert out.returncode == 0, out.stderr
    codes = [row["project_code"] for row in csv.DictReader(io.StringIO(out.stdout))]   # after the unit (SPEC §5)
    assert {CODE_1, "330100210000000000002", CODE_3} <= set(codes)
    report = tmp_path / "bulletin.xlsx"
    out = cli_in_process("report", "--as-of", "2021-12", "--out", str(report), db_path=exports_db)
    assert out.returncode == 0, out.stderr
    import openpyxl
    cells = [c.value for ws in openpyxl.load_workbook(report, read_only=True).worksheets
             for row in ws.iter_rows() for c in row if c.value is not None]
    assert CODE_1 in cells, "the 21-digit code is a text cell of the bulletin, exact"
    assert not [v for v in cells if isinstance(v, (int, float)) and abs(v) >= 1e15]


def test_a_csv_excel_saved_with_codes_as_numbers_is_told_so(exports_db, tmp_path):
    before = fingerprint(exports_db)
    f = tmp_path / "saved-by-excel.csv"
    f.write_bytes("支付凭证号,预算项目编码,支付日期,支付金额\r\nS-1,3.301E+20,2021-09-01,1.00\r\n".encode("gbk"))
    out = cli_in_process("import-disbursements", str(f), db_path=exports_db)
    assert out.returncode == 1
    assert f"第 2 行，列 project_code，值「3.301E+20」：{LOST}" in out.stderr and "没有该项目的预算计划" not in out.stderr
    assert fingerprint(exports_db) == before


def test_one_header_chosen_for_two_columns_is_a_problem(ledger, tmp_path):
    f = write_csv(tmp_path / "c.csv", ["凭证号", "项目编码", "支付日期", "金额(元)"], [["X-1", "P-1", "2021-03-01", "1"]])
    with pytest.raises(ingest.ImportRejected) as refused:
        ingest.parse(ledger.con, "disbursements", ingest.read_file(f), chosen={"payee": "凭证号", "voucher_no": "凭证号"})
    assert refused.value.problems[0].zh == "导入方案把表头「凭证号」选作了 2 列：收款单位、凭证号"
    assert refused.value.problems[0].column == "voucher_no"


@pytest.mark.parametrize("title, unit", [("单位：万元", "万元"), ("金额单位:万元", "万元"), ("支付明细（万元）", "万元"),
                                         ("单位：元", "元"), ("2021年500万元以上项目支付明细", "元")])
def test_a_title_row_says_the_unit(tmp_path, title, unit):
    f = write_csv(tmp_path / "t.csv", [title], [["支付凭证号", "项目代码", "支付日期", "支付金额"], ["T-1", "P-1", "2021-10-02", "1"]])
    table = ingest.read_file(f)
    assert table.titles == [(1, title)] and table.header_line == 2
    assert ingest.amount_unit("disbursements", table, ingest.map_columns("disbursements", table)) == unit
