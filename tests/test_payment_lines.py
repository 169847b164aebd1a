"""Issue 33, task F: payments as the treasury system (预算管理一体化) exports them (SPEC §5).

One 支付凭证号 with several detail lines (key: fiscal year, voucher, line), 预算年度 with carry-over payments
(跨年/结转期) booked to their budget year and counted only from their pay date on, what each line says kept
(指标文号, 资金来源/资金名称, 是否直达资金, 是否政府采购, 预算单位), the columns nothing reads named.
Files in the layouts of the platform's exports (the column names of Ghhhhy/platformweb-fb,
src/views/main/fundMonitoring/**/column.js; our own rows), through the command line and the 数据 page."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, cli_in_process, fresh_db, open_page, write_csv
from test_import import write_xlsx
from test_take_back import fingerprint

RQRQ, QS1Q = "106-0601-YBN-RQRQ", "106-0401-YBN-QS1Q"   # 业务委托费 (163 万元), 国库电子化和一体化建设 (30 万元)
# the platform's payment export (fundMonitoring column.js), with a column nothing reads (付款方账号)
PLATFORM = ["区划", "指标文号", "支付凭证号", "资金名称", "预算单位", "项目名称", "金额", "其中：中央直达资金", "付款日期",
            "是否直达资金", "是否政府采购", "预算年度", "付款方账号"]
UNIT = "106001 - 承德高新技术产业开发区财政局"


def platform_row(doc, voucher, source, amount, day, direct="否", procurement="否", year="2021", name="业务委托费",
                 central="0.00"):
    return ["130871", doc, voucher, source, UNIT, name, amount, central, day, direct, procurement, year, "1301 0000 1111"]


TWO_LINES = [platform_row("承财预〔2021〕1号", "ZF-0901", "本级安排资金", "45,000.00", "2021-09-10", procurement="是"),
             platform_row("财预〔2021〕88号", "ZF-0901", "中央直达资金", "30,000.00", "2021-09-10", direct="是",
                          procurement="是", central="30,000.00")]
CARRIED = platform_row("承财预〔2021〕1号", "ZF-2022-0007", "本级安排资金", "12,000.00", "2022-01-10")

LINE_COLUMNS = ("fiscal_year, voucher_no, line_no, project_code, pay_date::varchar, amount_yuan::varchar, quota_doc_no, "
                "source, direct, procurement, unit_code, unit_name")


@pytest.fixture
def db_path(tmp_path):
    return fresh_db(tmp_path / "lines.duckdb")     # the 2021 plan of init, no payments


def lines(path, voucher_like="%") -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f"select {LINE_COLUMNS} from disbursements where voucher_no like $v order by all",
                           {"v": voucher_like}).fetchall()
    finally:
        con.close()


def actual_wan(path, code, month=12, year=2021) -> str:
    out = cli_in_process("status", "--as-of", f"{year}-{month:02d}", "--format", "csv", db_path=path)
    assert out.returncode == 0, out.stderr
    [row] = [r for r in out.stdout.splitlines() if f",{code}," in r]
    return row.split(",")[8]     # after section: unit_code, unit_name (SPEC §5)


def import_pay(path, file):
    return cli_in_process("import-disbursements", str(file), db_path=path)


# ----------------------------------------------------------------- one voucher, several detail lines

def test_one_voucher_on_two_quotas_is_two_lines_and_a_reimport_changes_nothing(db_path, tmp_path):
    file = write_csv(tmp_path / "支付明细.csv", PLATFORM, TWO_LINES)
    out = import_pay(db_path, file)
    assert out.returncode == 0, out.stderr
    assert "导入 2 行" in out.stdout and "合计 7.50 万元（75,000.00 元）" in out.stdout
    # nothing dropped without a word: the columns nothing reads are named
    assert ("未使用的列（导入时不读取）：区划、其中：中央直达资金、付款方账号 | columns not used (nothing reads them): "
            "区划, 其中：中央直达资金, 付款方账号") in out.stdout
    assert lines(db_path) == [
        (2021, "ZF-0901", "承财预〔2021〕1号", RQRQ, "2021-09-10", "45000.00", "承财预〔2021〕1号", "本级安排资金", False, True,
         "106001", "承德高新技术产业开发区财政局"),
        (2021, "ZF-0901", "财预〔2021〕88号", RQRQ, "2021-09-10", "30000.00", "财预〔2021〕88号", "中央直达资金", True, True,
         "106001", "承德高新技术产业开发区财政局")]
    assert actual_wan(db_path, RQRQ, 9) == "7.50"
    before = fingerprint(db_path)
    again = import_pay(db_path, file)
    assert again.returncode == 0, again.stderr
    assert "2 行均已存在，未作改动" in again.stdout
    assert fingerprint(db_path) == before


# file rows (after the header), the exit status, the stored (voucher, line) keys or the report's words
DETAIL_LINES = [
    # 明细序号 tells the lines apart even on the same 指标文号
    ("detail ids", ["明细序号", "支付凭证号", "指标文号", "项目编码", "付款日期", "金额"],
     [["1", "V-1", "文1", RQRQ, "2021-03-01", "100"], ["2", "V-1", "文1", RQRQ, "2021-03-01", "200"]],
     0, [("V-1", "1"), ("V-1", "2")]),
    # the platform's own key column name
    ("支付明细表主键", ["支付明细表主键", "支付凭证号", "项目编码", "付款日期", "金额"],
     [["a9f1", "V-2", RQRQ, "2021-03-01", "100"], ["b7c2", "V-2", RQRQ, "2021-03-01", "100"]],
     0, [("V-2", "a9f1"), ("V-2", "b7c2")]),
    # no line id and no 指标文号: the voucher is the key, as before
    ("no lines", ["支付凭证号", "项目编码", "付款日期", "金额"],
     [["V-3", RQRQ, "2021-03-01", "100"]], 0, [("V-3", "")]),
    # the same (voucher, line) twice in one file is still a repeated key
    ("line repeated", ["支付凭证号", "指标文号", "项目编码", "付款日期", "金额"],
     [["V-4", "文1", RQRQ, "2021-03-01", "100"], ["V-4", "文1", RQRQ, "2021-03-02", "200"]],
     1, "第 3 行，列 voucher_no，值「V-4」：与第 2 行重复（同一文件内键重复）"),
    # a voucher without lines and the same voucher with a line in one file: two keys, two lines
    ("same voucher, other quota", ["支付凭证号", "指标文号", "项目编码", "付款日期", "金额"],
     [["V-5", "文1", RQRQ, "2021-03-01", "100"], ["V-5", "文2", QS1Q, "2021-03-01", "100"]],
     0, [("V-5", "文1"), ("V-5", "文2")]),
]


@pytest.mark.parametrize("case, header, rows, code, expected", DETAIL_LINES, ids=[c[0] for c in DETAIL_LINES])
def test_detail_lines(db_path, tmp_path, case, header, rows, code, expected):
    before = fingerprint(db_path)
    out = import_pay(db_path, write_csv(tmp_path / "pay.csv", header, rows))
    assert out.returncode == code, out.stdout + out.stderr
    if code:
        assert expected in out.stderr
        assert fingerprint(db_path) == before          # all or nothing
    else:
        assert [(v, line) for _, v, line, *_ in lines(db_path)] == expected


def test_a_voucher_stored_without_lines_given_lines_later_is_a_conflict_not_a_second_payment(db_path, tmp_path):
    header = ["支付凭证号", "项目编码", "付款日期", "金额"]
    assert import_pay(db_path, write_csv(tmp_path / "old.csv", header, [["V-9", RQRQ, "2021-03-01", "300"]])).returncode == 0
    before = fingerprint(db_path)
    out = import_pay(db_path, write_csv(tmp_path / "new.csv", ["指标文号", *header],
                                        [["文1", "V-9", RQRQ, "2021-03-01", "100"], ["文2", "V-9", RQRQ, "2021-03-01", "200"]]))
    assert out.returncode == 1
    assert "第 2 行，列 voucher_no，值「V-9」：已存储的同一键内容不同（amount_yuan, line_no, quota_doc_no）" in out.stderr
    assert "第 3 行" in out.stderr
    assert fingerprint(db_path) == before


def test_undo_takes_every_line_of_the_batch_and_a_later_batch_keeps_the_lines_it_also_brought(db_path, tmp_path):
    first = write_csv(tmp_path / "first.csv", PLATFORM, TWO_LINES)
    assert import_pay(db_path, first).returncode == 0
    second = write_csv(tmp_path / "second.csv", PLATFORM, [TWO_LINES[1], CARRIED])
    assert import_pay(db_path, second).returncode == 0
    history = cli_in_process("history", "--format", "csv", db_path=db_path).stdout.splitlines()
    first_batch, second_batch = (int(r.split(",")[0]) for r in reversed(history[1:3]))
    out = cli_in_process("undo", str(first_batch), db_path=db_path)
    assert out.returncode == 0, out.stderr
    # the 中央直达 line that the second batch also brought is handed over; the 本级 line of the first is gone
    assert [(v, line, amount) for _, v, line, _, _, amount, *_ in lines(db_path)] == [
        ("ZF-0901", "财预〔2021〕88号", "30000.00"), ("ZF-2022-0007", "承财预〔2021〕1号", "12000.00")]
    assert cli_in_process("undo", str(second_batch), db_path=db_path).returncode == 0
    assert lines(db_path) == []
    assert stored_months(db_path) == []


def stored_months(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select fiscal_year, project_code, month, amount_yuan::varchar from monthly_actuals"
                           " where amount_yuan <> 0 order by all").fetchall()
    finally:
        con.close()


# ----------------------------------------------------------------- 预算年度 and carry-over payments

# (预算年度 cell, pay date, the header of the year column) -> the fiscal year booked, or the problem
BUDGET_YEARS = [
    ("2021", "2021-12-31", "预算年度", 2021, None),
    ("2021", "2022-01-10", "预算年度", 2021, None),        # a carry-over payment, books to 2021
    ("2021", "2022-06-30", "预算年度", 2021, None),        # the last day of the carry-over period
    ("2021", "2022-01-10", "年度", 2021, None),            # a payment file's bare 年度 is the same
    ("", "2021-05-06", "预算年度", 2021, None),            # blank: the year of the pay date
    ("2021", "2022-07-01", "预算年度", None, "预算年度的指标只能在当年或次年 1–6 月结转期内支付"),
    ("2021", "2023-01-10", "预算年度", None, "预算年度的指标只能在当年或次年 1–6 月结转期内支付"),
    ("2021", "2020-12-31", "预算年度", None, "支付日期早于预算年度"),
    ("21", "2021-05-06", "预算年度", None, "年度应为四位整数"),
    ("2022", "2022-01-10", "预算年度", None, "2022 年度没有该项目的预算计划"),   # no 2022 plan
]


@pytest.mark.parametrize("year_cell, day, header, booked, problem", BUDGET_YEARS)
def test_budget_year(db_path, tmp_path, year_cell, day, header, booked, problem):
    file = write_csv(tmp_path / "pay.csv", ["支付凭证号", "项目编码", "付款日期", "金额", header],
                     [["Y-1", RQRQ, day, "100", year_cell]])
    out = import_pay(db_path, file)
    if problem:
        assert out.returncode == 1
        column = "project_code" if "计划" in problem else "budget_year"
        assert f"第 2 行，列 {column}，值「{year_cell if column == 'budget_year' else RQRQ}」：{problem}" in out.stderr
        assert lines(db_path) == []
    else:
        assert out.returncode == 0, out.stderr
        assert [(y, d) for y, _, _, _, d, *_ in lines(db_path)] == [(booked, day)]


def test_a_carry_over_payment_books_to_its_budget_year_and_counts_only_after_its_pay_date(db_path, tmp_path):
    assert import_pay(db_path, write_csv(tmp_path / "a.csv", PLATFORM, [*TWO_LINES, CARRIED])).returncode == 0
    # §1: the cut-off of 2021's December is 31 Dec 2021: the payment of 10 Jan 2022 is not in it
    assert actual_wan(db_path, RQRQ, 12) == "7.50"
    assert ("2021", RQRQ, 13, "12000.00") == tuple(str(v) if i == 0 else v
                                                    for i, v in enumerate(stored_months(db_path)[-1]))
    # nor in any month of 2021's pace, nor in the monthly rollup's months of the year
    out = cli_in_process("sections", "--as-of", "2021-12", "--format", "csv", db_path=db_path)
    assert ",7.50," in next(r for r in out.stdout.splitlines() if "经济建设科" in r)
    # the year's months with payments end at December (the pages' default month, an inquiry's latest month)
    from spending import db
    from spending.db import opening
    con = opening.connect(db_path, read_only=True)
    try:
        assert db.rows(con, "fiscal_years")[0]["last_paid_month"] == 12
        assert db.rows(con, "notices/latest_month", year=2021)[0]["latest_month"] == 12
    finally:
        con.close()


def test_an_xlsx_export_with_dates_as_dates(db_path, tmp_path):
    rows = [[*r[:8], date.fromisoformat(r[8]), *r[9:]] for r in [*TWO_LINES, CARRIED]]
    for r in rows:
        r[6] = float(r[6].replace(",", ""))
        r[11] = int(r[11])
    out = import_pay(db_path, write_xlsx(tmp_path / "支付明细.xlsx", PLATFORM, rows))
    assert out.returncode == 0, out.stderr
    assert "导入 3 行" in out.stdout and "合计 8.70 万元（87,000.00 元）" in out.stdout
    assert [(y, v, d) for y, v, _, _, d, *_ in lines(db_path)] == [
        (2021, "ZF-0901", "2021-09-10"), (2021, "ZF-0901", "2021-09-10"), (2021, "ZF-2022-0007", "2022-01-10")]


# ----------------------------------------------------------------- what each line says

FLAGS = [("是", True), ("否", False), ("Y", True), ("n", False), ("1", True), ("0", False), ("", None)]


@pytest.mark.parametrize("cell, value", FLAGS)
def test_yes_no_columns(db_path, tmp_path, cell, value):
    file = write_csv(tmp_path / "pay.csv", ["支付凭证号", "项目编码", "付款日期", "金额", "是否直达资金", "是否政府采购"],
                     [["F-1", RQRQ, "2021-03-01", "100", cell, cell]])
    assert import_pay(db_path, file).returncode == 0
    [row] = lines(db_path)
    assert row[8:10] == (value, value)


def test_a_yes_no_cell_that_is_neither_is_a_problem_of_its_row(db_path, tmp_path):
    file = write_csv(tmp_path / "pay.csv", ["支付凭证号", "项目编码", "付款日期", "金额", "是否直达资金"],
                     [["F-1", RQRQ, "2021-03-01", "100", "是"], ["F-2", RQRQ, "2021-03-01", "100", "可能"]])
    out = import_pay(db_path, file)
    assert out.returncode == 1
    assert "第 3 行，列 direct，值「可能」：应为 是 或 否" in out.stderr
    assert lines(db_path) == []


def test_unit_code_and_name_in_two_columns(db_path, tmp_path):
    file = write_csv(tmp_path / "pay.csv", ["支付凭证号", "项目编码", "付款日期", "金额", "单位编码", "单位名称", "资金来源"],
                     [["U-1", RQRQ, "2021-03-01", "100", "106", "承德高新技术产业开发区财政局", "上级转移支付"]])
    assert import_pay(db_path, file).returncode == 0
    [row] = lines(db_path)
    assert row[7] == "上级转移支付" and row[10:] == ("106", "承德高新技术产业开发区财政局")


def test_a_changed_source_of_a_stored_line_is_a_conflict(db_path, tmp_path):
    assert import_pay(db_path, write_csv(tmp_path / "a.csv", PLATFORM, TWO_LINES)).returncode == 0
    changed = [r.copy() for r in TWO_LINES]
    changed[1][3] = "上级转移支付"
    out = import_pay(db_path, write_csv(tmp_path / "b.csv", PLATFORM, changed))
    assert out.returncode == 1
    assert "第 3 行，列 voucher_no，值「ZF-0901」：已存储的同一键内容不同（source）" in out.stderr


# ----------------------------------------------------------------- the 数据 page

def test_the_page_previews_the_platform_export_names_unused_columns_and_imports(db_path, monkeypatch, tmp_path):
    monkeypatch.setenv("SPENDING_DB", str(db_path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params.update({"year": "2021", "month": "12"})
    at.run()
    at.switch_page("pages/data.py").run()
    content = write_csv(tmp_path / "支付明细.csv", PLATFORM, [*TWO_LINES, CARRIED]).read_bytes()
    at.file_uploader[0].upload("支付明细.csv", content)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio[0].value == "disbursements"
    infos = " ".join(i.value for i in at.info)
    assert "未使用的列（导入时不读取）：区划、其中：中央直达资金、付款方账号" in infos
    mapping = next(d.value for d in at.dataframe if "文件表头" in d.value.columns).set_index("文件表头")["对应字段"].to_dict()
    assert {k: mapping[k] for k in ("预算年度", "指标文号", "资金名称", "是否直达资金", "是否政府采购", "预算单位")} == {
        "预算年度": "预算年度", "指标文号": "指标文号", "资金名称": "资金来源", "是否直达资金": "是否直达资金",
        "是否政府采购": "是否政府采购", "预算单位": "预算单位"}
    [button] = [b for b in at.button if b.label == "导入"]
    button.click().run()
    assert any("导入 3 行" in s.value for s in at.success), [s.value for s in at.success]
    from spending import ui
    with ui._connection(str(db_path)) as con:   # the page's own connection (this process holds the lock)
        found = con.execute(f"select {LINE_COLUMNS} from disbursements order by all").fetchall()
    assert [(y, v, line, d) for y, v, line, _, d, *_ in found] == [
        (2021, "ZF-0901", "承财预〔2021〕1号", "2021-09-10"), (2021, "ZF-0901", "财预〔2021〕88号", "2021-09-10"),
        (2021, "ZF-2022-0007", "承财预〔2021〕1号", "2022-01-10")]


def test_the_project_page_shows_each_line_and_the_carry_over_payments_as_such(db_path, monkeypatch, tmp_path):
    assert import_pay(db_path, write_csv(tmp_path / "a.csv", PLATFORM, [*TWO_LINES, CARRIED])).returncode == 0
    at = open_page(db_path, monkeypatch, "pages/project.py", month="12", code=RQRQ)
    tables = [d.value for d in at.dataframe if "凭证号" in d.value.columns]
    paid, carried = tables[0], tables[1]
    unit = "106001 承德高新技术产业开发区财政局"
    lines_shown = paid[["凭证号", "金额(元)", "指标文号", "资金来源", "直达资金", "政府采购", "预算单位"]]
    assert sorted(lines_shown.astype(str).values.tolist()) == [
        ["ZF-0901", "30000.0", "财预〔2021〕88号", "中央直达资金", "是", "是", unit],
        ["ZF-0901", "45000.0", "承财预〔2021〕1号", "本级安排资金", "否", "是", unit]]
    assert carried[["支付日期", "凭证号", "金额(元)"]].astype(str).values.tolist() == [["2022-01-10", "ZF-2022-0007", "12000.0"]]
    assert "结转期支付（跨年）" in " ".join(m.value for m in at.markdown)
    assert "2021 年各月末（截至 12 月 31 日）的执行数不含这些支付" in " ".join(c.value for c in at.caption)
    # the page's figures at December do not count it (§1)
    assert "7.50" in " ".join(str(m.value) for m in at.metric)


# ----------------------------------------------------------------- the closed year with its carry-over payments

T476 = "106-0501-YBN-476T"   # 代理记账中心运转费, 20 万元, 100% planned by December
CLOSED = [
    # --as-of, --year -> (actual_wan, deviation_pp, status) of 476T: 17 万 paid in December, 1 万 on 1 Feb 2022
    ("2021-12", None, ("17.00", "-15.00", "lagging")),
    ("2022-01", "2021", ("17.00", "-15.00", "lagging")),
    ("2022-02", "2021", ("18.00", "-10.00", "on_track")),     # exactly 10 points behind: not lagging (§1)
    ("2022-06", "2021", ("18.00", "-10.00", "on_track")),
]


@pytest.fixture
def closed_db(db_path, tmp_path):
    file = write_csv(tmp_path / "pay.csv", ["支付凭证号", "项目编码", "付款日期", "金额", "预算年度"],
                     [["C-1", T476, "2021-12-20", "170000", "2021"], ["C-2", T476, "2022-02-01", "10000", "2021"]])
    assert import_pay(db_path, file).returncode == 0
    return db_path


@pytest.mark.parametrize("as_of, year, expected", CLOSED)
def test_the_closed_year_at_a_cut_off_after_december(closed_db, as_of, year, expected):
    out = cli_in_process("status", "--as-of", as_of, *(["--year", year] if year else []), "--format", "csv", db_path=closed_db)
    assert out.returncode == 0, out.stderr
    header, *rows = out.stdout.splitlines()
    assert header.split(",")[:16] == ["fiscal_year", "as_of", "section", "unit_code", "unit_name", "project_code",
                                      "project_name", "budget_wan",
                                      "actual_wan", "actual_pct", "plan_pct", "time_pct", "deviation_pp",
                                      "time_deviation_pp", "gap_wan", "status"]
    row = dict(zip(header.split(","), next(r for r in rows if f",{T476}," in r).split(",")))
    assert (row["fiscal_year"], row["as_of"]) == ("2021", as_of)
    assert (row["actual_wan"], row["deviation_pp"], row["status"]) == expected


def test_the_closed_year_without_carry_over_payments_is_december(closed_db):
    december = cli_in_process("status", "--as-of", "2021-12", "--format", "csv", db_path=closed_db).stdout.splitlines()
    closed = cli_in_process("status", "--as-of", "2022-01", "--year", "2021", "--format", "csv",
                            db_path=closed_db).stdout.splitlines()
    assert len(closed) == len(december) == 8
    assert sorted(r.replace(",2022-01,", ",2021-12,") for r in closed) == sorted(december)


@pytest.mark.parametrize("as_of, year", [("2022-07", "2021"), ("2023-01", "2021"), ("2021-03", "2022")])
def test_a_cut_off_outside_the_carry_over_period_is_wrong_usage(closed_db, as_of, year):
    out = cli_in_process("status", "--as-of", as_of, "--year", year, db_path=closed_db)
    assert out.returncode == 2
    assert "结转期为次年 1–6 月" in out.stderr


def test_the_parquet_export_keeps_every_line_and_what_it_says(db_path, tmp_path):
    assert import_pay(db_path, write_csv(tmp_path / "a.csv", PLATFORM, [*TWO_LINES, CARRIED])).returncode == 0
    out = cli_in_process("export-parquet", str(tmp_path / "warehouse"), db_path=db_path)
    assert out.returncode == 0, out.stderr
    reader = duckdb.connect()
    found = reader.execute(
        f"select fiscal_year, voucher_no, line_no, pay_date::varchar, quota_doc_no, source, direct, procurement, unit_code,"
        f" unit_name from read_parquet('{tmp_path}/warehouse/disbursements/**/*.parquet', hive_partitioning = true)"
        " order by all").fetchall()
    assert found == [
        (2021, "ZF-0901", "承财预〔2021〕1号", "2021-09-10", "承财预〔2021〕1号", "本级安排资金", False, True, "106001",
         "承德高新技术产业开发区财政局"),
        (2021, "ZF-0901", "财预〔2021〕88号", "2021-09-10", "财预〔2021〕88号", "中央直达资金", True, True, "106001",
         "承德高新技术产业开发区财政局"),
        (2021, "ZF-2022-0007", "承财预〔2021〕1号", "2022-01-10", "承财预〔2021〕1号", "本级安排资金", False, False, "106001",
         "承德高新技术产业开发区财政局")]


def test_the_project_page_shows_the_closed_year_at_a_cut_off_the_user_picks(closed_db, monkeypatch):
    at = open_page(closed_db, monkeypatch, "pages/project.py", month="12", code=T476)
    december = [(m.label, m.value) for m in at.metric][:6]
    assert ("累计支出（万元）", "17.00") in december and ("状态", "滞后") in december   # December: 31 Dec 2021
    picker = at.selectbox(key="closed_through")
    assert picker.value == 14                                                        # the latest carry-over month
    shown = [m for m in at.metric][6:]
    assert (shown[1].value, shown[4].value, shown[5].value) == ("18.00", "-10.00", "正常")   # by 28 Feb 2022: exactly −10
    assert "截至 2022年2月底 的结转期支付" in " ".join(c.value for c in at.caption)
    picker.set_value(13).run()
    assert not at.exception
    shown = [m for m in at.metric][6:]
    assert (shown[1].value, shown[5].value) == ("17.00", "滞后")
