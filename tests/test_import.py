"""SPEC §2 importers on real files: encodings, XLSX, headers, idempotence, conflicts, replacement."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal

import pytest
import xlsxwriter

from conftest import PLAN_HEADER, plan_row, write_csv
from spending import db, i18n, ingest, pace

PAY_ZH = ["凭证号", "项目编码", "支付日期", "金额(元)", "收款单位", "摘要"]


def status(con, month=11):
    return {r["project_code"]: r for r in pace.project_status(con, 2021, month)}


def write_xlsx(path, header, rows):
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("支付")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, (date, datetime)):
                sheet.write_datetime(r, c, value if isinstance(value, datetime) else datetime(value.year, value.month, value.day), dates)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_chinese_headers_in_every_encoding(ledger, tmp_path, encoding):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = write_csv(tmp_path / "pay.csv", PAY_ZH,
                  [["凭-001", "P-1", "2021-4-5", "1,234.50", "承德某某公司", "设备款"],
                   ["凭-002", "P-1", "2021/04/06", "-234.50", "", "冲销"]], encoding=encoding)
    result = ingest.import_file(ledger.con, "disbursements", f)
    assert (result.loaded, result.amount_yuan) == (2, Decimal("1000.00"))
    assert ingest.read_file(f).encoding == {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "gbk": "gb18030",
                                            "gb18030": "gb18030"}[encoding]
    assert status(ledger.con, 4)["P-1"]["actual_wan"] == Decimal("0.10")
    payee, summary = ledger.con.execute(
        "select payee, summary from disbursements where voucher_no = '凭-002'").fetchone()
    assert (payee, summary) == (None, "冲销")


def test_full_width_parentheses_and_english_headers_mixed(ledger, tmp_path):
    f = write_csv(tmp_path / "plan.csv", ["年度", "project_code", "项目名称", "SECTION", "年初预算数（万元）", "6月底", "m12", "备注"],
                  [[2021, "P-9", "测试项目", "测试科", "1,000.123456", "40%", "100", "extra column ignored"]])
    ingest.import_file(ledger.con, "plan", f)
    row = status(ledger.con, 6)["P-9"]
    assert row["budget_wan"] == Decimal("1000.12") and row["plan_pct"] == Decimal("40.00")
    assert ledger.con.execute("select budget_yuan from projects").fetchone()[0] == Decimal("10001234.56")


def test_xlsx_dates_numbers_and_text(ledger, tmp_path):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = write_xlsx(tmp_path / "pay.xlsx", PAY_ZH,
                   [["X-1", "P-1", date(2021, 3, 31), 5000.5, "某公司", None],
                    [1002, "P-1", "2021-04-01", "2,000.00", None, "文本日期"]])
    result = ingest.import_file(ledger.con, "disbursements", f)
    assert result.loaded == 2
    stored = dict(ledger.con.execute("select voucher_no, pay_date from disbursements").fetchall())
    assert stored == {"X-1": date(2021, 3, 31), "1002": date(2021, 4, 1)}
    assert status(ledger.con, 3)["P-1"]["actual_wan"] == Decimal("0.50")


def test_xlsx_bad_row_is_named_by_sheet_row(ledger, tmp_path):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = write_xlsx(tmp_path / "pay.xlsx", PAY_ZH,
                   [["X-1", "P-1", date(2021, 3, 31), 5000, None, None],
                    ["X-2", "P-1", date(2021, 3, 31), "五千", None, None]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(ledger.con, "disbursements", f)
    [problem] = rejected.value.problems
    assert "row 3, column amount_yuan" in str(problem) and "五千" in str(problem)
    assert ledger.con.execute("select count(*) from disbursements").fetchone()[0] == 0


def test_reimport_is_idempotent_and_counted(ledger, tmp_path):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    rows = [["V-1", "P-1", "2021-03-01", "100.00", "某公司", ""], ["V-2", "P-1", "2021-03-02", "200", "", "摘要"]]
    f = write_csv(tmp_path / "pay.csv", PAY_ZH, rows)
    first = ingest.import_file(ledger.con, "disbursements", f)
    again = ingest.import_file(ledger.con, "disbursements", f)
    assert (first.loaded, first.skipped) == (2, 0)
    assert (again.loaded, again.skipped, again.batch_id) == (0, 2, None)
    more = write_csv(tmp_path / "more.csv", PAY_ZH, rows + [["V-3", "P-1", "2021-03-03", "300", "", ""]])
    third = ingest.import_file(ledger.con, "disbursements", more)
    assert (third.loaded, third.skipped) == (1, 2)
    assert ledger.con.execute("select sum(amount_yuan) from disbursements").fetchone()[0] == Decimal("600.00")
    assert ledger.con.execute("select count(*) from import_batches where kind = 'disbursements'").fetchone()[0] == 2


def test_conflicting_stored_key_rejects_the_whole_file(ledger, tmp_path):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    ledger.pay("P-1", ("2021-03-01", "100.00"))
    voucher = ledger.con.execute("select voucher_no from disbursements").fetchone()[0]
    f = write_csv(tmp_path / "pay.csv", PAY_ZH, [["NEW", "P-1", "2021-03-05", "1", "", ""],
                                                 [voucher, "P-1", "2021-03-01", "100.01", "", ""]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(ledger.con, "disbursements", f)
    assert "line 3, column voucher_no" in rejected.value.report()
    assert ledger.con.execute("select count(*) from disbursements").fetchone()[0] == 1


def test_same_voucher_in_another_year_is_another_key(ledger):
    ledger.plan(plan_row("P-1", 10, {12: 100}), plan_row("P-1", 10, {12: 100}, year=2022))
    ledger.pay("P-1", ("2021-03-01", "100.00"))
    ledger.con.execute("update disbursements set voucher_no = 'SAME'")
    f = write_csv(ledger.dir / "y2022.csv", ["voucher_no", "project_code", "pay_date", "amount_yuan"],
          [["SAME", "P-1", "2022-03-01", "5.00"]])
    assert ingest.import_file(ledger.con, "disbursements", f).loaded == 1


def test_plan_reimport_replaces_plan_and_keeps_money(ledger):
    ledger.plan(plan_row("P-1", 10, {12: 100}, name="旧名"))
    ledger.pay("P-1", ("2021-03-01", "10000.00"))
    ledger.adjust("P-1", ("2021-02-01", "5"))
    result = ledger.plan(plan_row("P-1", 20, {6: 30, 12: 90}, name="新名", section="新科"))
    assert result.loaded == 1
    row = status(ledger.con, 6)["P-1"]
    assert (row["project_name"], row["section"], row["budget_wan"], row["plan_pct"], row["actual_wan"]) == \
        ("新名", "新科", Decimal("25.00"), Decimal("30.00"), Decimal("1.00"))
    assert ledger.con.execute("select count(*) from plan_checkpoints").fetchone()[0] == 2


def test_plan_without_year_column_takes_year_option(ledger, tmp_path):
    f = write_csv(tmp_path / "plan.csv", PLAN_HEADER[1:], [plan_row("P-1", 10, {12: 100})[1:]])
    ingest.import_file(ledger.con, "plan", f, year=2023)
    assert ledger.con.execute("select fiscal_year from projects").fetchone()[0] == 2023


def test_running_budget_never_below_zero(ledger):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    ledger.adjust("P-1", ("2021-05-01", "5"))
    # -12 on 1 May is fine (10 + 5 − 12 = 3 at the end of that day); -4 later is not
    with pytest.raises(ingest.ImportRejected) as rejected:
        ledger.adjust("P-1", ("2021-05-01", "-12"), ("2021-06-01", "-4"))
    assert "column amount_wan" in rejected.value.report() and "2021-06-01" in rejected.value.report()
    ledger.adjust("P-1", ("2021-05-01", "-12"))
    # a plan re-import lowering the initial budget is held to the same rule
    with pytest.raises(ingest.ImportRejected) as rejected:
        ledger.plan(plan_row("P-1", 6, {12: 100}))
    assert "column budget_wan" in rejected.value.report()
    ledger.plan(plan_row("P-1", 7, {12: 100}))
    assert status(ledger.con, 12)["P-1"]["budget_wan"] == Decimal("0.00")


def test_monthly_rollup_reconciles_with_payments_after_undo(ledger):
    ledger.plan(plan_row("P-1", 10, {12: 100}), plan_row("P-2", 10, {12: 100}))
    first = ledger.pay("P-1", ("2021-03-01", "100.00"), ("2021-03-31", "-30.00"), ("2021-07-01", "5.55"))
    ledger.pay("P-2", ("2021-03-02", "7.00"))
    ingest.undo_batch(ledger.con, first.batch_id)
    rollup = ledger.con.execute("select project_code, month, amount_yuan from monthly_actuals "
                                "where amount_yuan <> 0 order by all").fetchall()
    detail = ledger.con.execute("select project_code, month(pay_date), sum(amount_yuan) from disbursements "
                                "group by all order by all").fetchall()
    assert rollup == detail == [("P-2", 3, Decimal("7.00"))]


# ---------------------------------------------------------------- issue 11: files as people make them

def test_excel_formula_floats_and_datetimes(ledger, tmp_path):
    """300.29999999999995 (a formula's result) is 300.30; a date cell with a time is its date."""
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = write_xlsx(tmp_path / "pay.xlsx", PAY_ZH,
                   [["F-1", "P-1", datetime(2021, 3, 31, 14, 35), 0.1 + 0.2 + 300 - 0.30000000000000004 + 0.3 - 0.000000000000001,
                     None, None],
                    ["F-2", "P-1", date(2021, 4, 1), 100.1 * 3, None, None]])
    result = ingest.import_file(ledger.con, "disbursements", f)
    stored = dict(ledger.con.execute("select voucher_no, amount_yuan from disbursements").fetchall())
    assert stored == {"F-1": Decimal("300.30"), "F-2": Decimal("300.30")}
    assert result.amount_yuan == Decimal("600.60")
    assert ledger.con.execute("select pay_date from disbursements where voucher_no = 'F-1'").fetchone()[0] == date(2021, 3, 31)


@pytest.mark.parametrize("value,text", [(300.29999999999995, "300.3"), (12.345678000000001, "12.345678"),
                                        (1.2345678, "1.2345678"), (5.0, "5"), (1e20, "100000000000000000000"),
                                        (datetime(2021, 3, 31, 23, 59), "2021-03-31")])
def test_cell_text(value, text):
    assert ingest.cell_text(value) == text


def test_invisible_characters_do_not_make_a_second_payment(ledger, tmp_path):
    """Trailing TAB, NBSP, zero-width space and a BOM in the middle of the file: the re-import is identical."""
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    clean = write_csv(tmp_path / "a.csv", PAY_ZH, [["V-1", "P-1", "2021-03-01", "1800", "某公司", "网费"],
                                                  ["V-2", "P-1", "2021-03-02", "200", "", ""],
                                                  ["V-3", "P-1", "2021-03-03", "300", "", ""],
                                                  ["V-4", "P-1", "2021-03-04", "400", "", ""]])
    assert ingest.import_file(ledger.con, "disbursements", clean).loaded == 4
    dirty = write_csv(tmp_path / "b.csv", PAY_ZH, [["V-1\t", "P-1", "2021-03-01", "1800", "某公司\u00a0", "网费"],
                                                  ["V-2\u00a0", "P-1\u200b", "2021-03-02", "200", "", ""],
                                                  ["V-3\u200b", "P-1", "2021-03-03", "300", "", ""],
                                                  ["\ufeffV-4", "\u3000P-1", "2021-03-04", "400", "", ""]])
    again = ingest.import_file(ledger.con, "disbursements", dirty)
    assert (again.loaded, again.skipped, again.batch_id) == (0, 4, None)
    assert ledger.con.execute("select sum(amount_yuan) from disbursements").fetchone()[0] == Decimal("2700.00")


def test_title_rows_and_total_lines(ledger, tmp_path):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = tmp_path / "export.csv"
    f.write_text("2021年12月国库支付明细表,,,,,\n制表单位：财政局,,,,,\n\n" + ",".join(PAY_ZH) + "\n"
                 "T-1,P-1,2021-12-01,100,,\nT-2,P-1,2021-12-02,200,,\n小计,,,300,,\n"
                 "T-3,P-1,2021-12-03,300,,\n本月合计：,,,600,,\n总 计,,,600,,\n", encoding="utf-8")
    table = ingest.read_file(f)
    assert (table.header_line, table.title_rows) == (4, 2)
    parsed = ingest.parse(ledger.con, "disbursements", table)
    assert [line for line, _ in parsed.total_lines] == [7, 9, 10]
    assert parsed.rows_in_file == 3
    result = ingest.load(parsed)
    assert (result.loaded, result.amount_yuan) == (3, Decimal("600.00"))


@pytest.mark.parametrize("header,kind", [
    (PAY_ZH, "disbursements"), (PLAN_HEADER, "plan"), (PLAN_HEADER[1:], "plan"),
    (["文号", "项目编码", "调整日期", "调整金额（万元）"], "adjustments"),
    (["年度", "项目编码", "序号", "月份", "实际值"], "indicator_values"),
    (["凭证号", "项目编码", "支付日期"], None), (["2021年12月国库支付明细表"], None)])
def test_detect_kind(header, kind):
    assert ingest.detect_kind(header) == kind


def test_preview_flags_negative_cumulative_spending(ledger, tmp_path):
    """A reversal without its payment: a warning in the preview, and the query the pages can use."""
    ledger.plan(plan_row("P-1", 10, {12: 100}), plan_row("P-2", 10, {12: 100}))
    ledger.pay("P-1", ("2021-03-01", "100.00"))
    f = write_csv(tmp_path / "rev.csv", PAY_ZH, [["R-1", "P-1", "2021-04-01", "-50", "", "部分退款"],
                                                ["R-2", "P-2", "2021-05-01", "-4500", "", "冲销"]])
    parsed = ingest.parse(ledger.con, "disbursements", ingest.read_file(f))
    ingest.preview(parsed)
    assert not parsed.problem_count
    assert [(w["project_code"], w["month"], w["cumulative_yuan"]) for w in parsed.negative_spending] == \
        [("P-2", 5, Decimal("-4500.00"))]
    assert {r["project_code"]: r["rows"] for r in parsed.subtotals} == {"P-1": 1, "P-2": 1}
    ingest.load(parsed)
    flagged = db.rows(ledger.con, "negative_spending", year=2021, month=12, scope=None)
    assert [(r["project_code"], r["month"], r["cumulative_wan"]) for r in flagged] == [("P-2", 5, Decimal("-0.45"))]
    assert db.rows(ledger.con, "negative_spending", year=2021, month=4, scope=None) == []


def test_ragged_rows_are_problems_not_shifted_cells(ledger, tmp_path):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = tmp_path / "ragged.csv"
    f.write_text(",".join(PAY_ZH) + "\nV-1,P-1,2021-03-01,100,a,b\nV-2,P-1,2021-03-01,12,345.67,a,b\n"
                 "V-3,P-1,2021-03-01,1,a,b,\n", encoding="utf-8")   # a trailing empty cell is fine
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(ledger.con, "disbursements", f)
    [problem] = rejected.value.problems
    assert problem.line == 3 and "7" in problem.zh and "6" in problem.zh
    assert ledger.con.execute("select count(*) from disbursements").fetchone()[0] == 0


def test_every_problem_in_the_first_report(ledger, tmp_path):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    ledger.pay("P-1", ("2021-03-01", "100.00"))
    stored = ledger.con.execute("select voucher_no from disbursements").fetchone()[0]
    f = write_csv(tmp_path / "all.csv", PAY_ZH, [["A-1", "P-1", "2021-02-30", "1", "", ""],
                                                ["A-2", "P-1", "2021-03-01", "1", "", ""],
                                                ["A-2", "P-1", "2021-03-02", "2", "", ""],
                                                ["A-3", "NOPE", "2021-03-01", "1", "", ""],
                                                [stored, "P-1", "2021-03-01", "99.99", "", ""]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(ledger.con, "disbursements", f)
    assert [(p.line, p.column) for p in rejected.value.problems] == [
        (2, "pay_date"), (4, "voucher_no"), (5, "project_code"), (6, "voucher_no")]
    assert "100.00" in rejected.value.problems[3].zh and "99.99" in rejected.value.problems[3].zh
    assert ledger.con.execute("select count(*) from disbursements").fetchone()[0] == 1


def test_temporary_copies_live_in_the_process_folder_and_go(tmp_path):
    from spending import processes

    data = (",".join(PAY_ZH) + "\nV-1,P-1,2021-03-01,1,,\n").encode("gbk")
    table = ingest.read_file("up.csv", name="up.csv", data=data)
    copy = table.csv_path
    assert copy.parent == processes.temp_dir() and copy.exists()
    del table
    import gc

    gc.collect()
    assert not copy.exists(), "a table garbage-collected (a session that ended) takes its copy along"
    stale = processes.temp_dir().parent / "999999999"
    stale.mkdir(exist_ok=True)
    (stale / "old.csv").write_text("x")
    assert processes.clear_stale_temp() >= 1 and not stale.exists()


# Each payment cell form and what the importer makes of it: the stored value, or the problem's code.
# Plain forms (2021-03-15, 1234.56) are taken as DuckDB casts them; every other form goes through the
# cell-by-cell checks: both ways must agree.
PAYMENT_CELLS = [
    ("2021-03-15", "1234.56", (date(2021, 3, 15), Decimal("1234.56"))),
    ("2021/3/5", "50", (date(2021, 3, 5), Decimal("50.00"))),
    ("2021-3-05", "+12.5", (date(2021, 3, 5), Decimal("12.50"))),
    (" 2021-03-15\u00a0", "1,234.00", (date(2021, 3, 15), Decimal("1234.00"))),
    ("\u200b2021-03-15", "12", (date(2021, 3, 15), Decimal("12.00"))),
    ("2021-03-15", "１２", "not_number"),               # full-width digits are not a number
    ("2021-03-15", "1，234.5\u3000", (date(2021, 3, 15), Decimal("1234.50"))),
    ("2021-03-15", "-4.50", (date(2021, 3, 15), Decimal("-4.50"))),
    ("2021-03-15", "0.00", "zero"),
    ("2021-03-15", "0", "zero"),
    ("2021-03-15", "1.005", "decimals_2"),
    ("2021-03-15", "12.3.4", "not_number"),
    ("2021-03-15", "10000000000000.00", "too_large"),
    ("2021-03-15", "99999999999999999999", "too_large"),
    ("infinity", "10", "date_format"),
    ("2021-02-30", "10", "no_such_date"),
    ("15/03/2021", "10", "date_format"),
    ("2021-03-15", "", "blank"),
]


@pytest.mark.parametrize("pay_date,amount,expected", PAYMENT_CELLS)
def test_payment_cell_forms(ledger, tmp_path, pay_date, amount, expected):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = write_csv(tmp_path / "p.csv", PAY_ZH, [["V-1", "P-1", pay_date, amount, "", ""]])
    if isinstance(expected, str):
        with pytest.raises(ingest.ImportRejected) as rejected:
            ingest.import_file(ledger.con, "disbursements", f)
        assert [(p.line, p.en) for p in rejected.value.problems] == [(2, i18n.REASONS[expected][1])]
        assert ledger.con.execute("select count(*) from disbursements").fetchone()[0] == 0
    else:
        assert ingest.import_file(ledger.con, "disbursements", f).loaded == 1
        assert ledger.con.execute("select pay_date, amount_yuan from disbursements").fetchone() == expected



# A checkpoint cell (cumulative %) and what the importer makes of it: the stored percentage or the problem's code.
# A number of 1,000 or more was cast before its check ran and ended the import as a database error (found when tried).
CHECKPOINT_CELLS = [
    ("60", Decimal("60.00")),
    ("60%", Decimal("60.00")),
    ("99.99", Decimal("99.99")),
    ("100.001", "decimals_2"),
    ("-5", "pct_range"),
    ("100.01", "pct_range"),
    ("999.99", "pct_range"),
    ("1000", "pct_range"),
    ("10000", "pct_range"),
    ("12345678901234567890", "too_large"),
    ("1e5", "not_number"),
]


@pytest.mark.parametrize("cell,expected", CHECKPOINT_CELLS)
def test_checkpoint_cell_forms(ledger, tmp_path, cell, expected):
    f = write_csv(tmp_path / "plan.csv", PLAN_HEADER, [plan_row("P-1", 10, {6: cell, 12: 100})])
    if isinstance(expected, str):
        with pytest.raises(ingest.ImportRejected) as rejected:
            ingest.import_file(ledger.con, "plan", f)
        assert [(p.line, p.column, p.en) for p in rejected.value.problems] == [(2, "m06", i18n.REASONS[expected][1])]
        assert ledger.con.execute("select count(*) from projects").fetchone()[0] == 0
    else:
        ingest.import_file(ledger.con, "plan", f)
        assert ledger.con.execute("select plan_pct from plan_checkpoints where month = 6").fetchone() == (expected,)

# The SQL cell checks of queries/import/check_macros.sql: cell() trims blanks and invisible characters at
# either end (NULL when nothing is left); code() also removes invisible characters anywhere. Plain cells
# (printable ASCII or CJK at both ends) take a short path: these cases cover both paths.
CELL_CASES = [
    # text, cell(text), code(text)
    ("abc", "abc", "abc"), (" abc", "abc", "abc"), ("abc ", "abc", "abc"), ("\tabc", "abc", "abc"),
    ("a\tb", "a\tb", "ab"), ("a b", "a b", "a b"), ("中文", "中文", "中文"), ("中文 ", "中文", "中文"),
    ("\u200bU1", "U1", "U1"), ("U1\u200b", "U1", "U1"), ("U\u200b1", "U\u200b1", "U1"), ("\u00a0U1", "U1", "U1"),
    ("U1\u3000", "U1", "U1"), ("\ufeffV-4", "V-4", "V-4"), ("a\ufeffb", "a\ufeffb", "ab"), ("x\u00ad", "x", "x"),
    ("中\u00a0文", "中\u00a0文", "中文"), ("\n1\r", "1", "1"), ("（注）", "（注）", "（注）"), ("é", "é", "é"),
    ("１", "１", "１"), ("!", "!", "!"), ("~", "~", "~"), ("一", "一", "一"),
    ("", None, None), (" ", None, None), ("\t", None, None), ("\u3000", None, None), ("\u200b", None, None), (None, None, None),
    # issue 33's short path of code() for CJK cells (财指〔2025〕12号, 某某局): only a cell of printable ASCII, CJK
    # ideographs and CJK punctuation is given back as it is; a dash, a separator or an invisible mark anywhere is not
    ("财指〔2025〕12号", "财指〔2025〕12号", "财指〔2025〕12号"), ("某某局", "某某局", "某某局"),
    ("财指〔2025〕\u200b12号", "财指〔2025〕\u200b12号", "财指〔2025〕12号"), ("某\u3000局", "某\u3000局", "某局"),
    ("某\u2028局", "某\u2028局", "某局"), ("某\u00a0局", "某\u00a0局", "某局"), ("某 局", "某 局", "某 局"),
    ("106－某局", "106－某局", "106-某局"), ("106—某局", "106—某局", "106-某局"), ("106‐某局", "106‐某局", "106-某局"),
    ("某局\u3000", "某局", "某局"), ("《某》、「局」", "《某》、「局」", "《某》、「局」"), ("㐀", "㐀", "㐀"),
]


@pytest.mark.parametrize("text,cell,code", CELL_CASES)
def test_cell_and_code_macros(ledger, text, cell, code):
    cur = ledger.con.cursor()        # the database's stored macros (schema.MACROS)
    assert cur.execute("select cell($t), code($t)", {"t": text}).fetchone() == (cell, code)


# code_part / name_part of a 代码 - 名称 cell as code() gives it back (预算单位, 项目): searched only when the cell
# has a character beyond ASCII and a dash (issue 33: a plain 预算单位 name costs no regular expression)
CODE_NAME_CASES = [
    ("106 - 某某局", "106", "某某局"), ("106-某某局", "106", "某某局"), ("106 -某某局", "106", "某某局"),
    ("某某局", None, None), ("U00001", None, None), ("A-B", None, None), ("106 - Bureau", None, None),
    ("财指〔2025〕12号", None, None), ("某-局", None, None), ("106 - 某 - 局", "106", "某 - 局"), (None, None, None),
]


@pytest.mark.parametrize("text,code,name", CODE_NAME_CASES)
def test_code_and_name_parts(ledger, text, code, name):
    cur = ledger.con.cursor()
    assert cur.execute("select code_part(code($t)), name_part(code($t))", {"t": text}).fetchone() == (code, name)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_batch_records_the_files_sha256(ledger, tmp_path, encoding):
    """A UTF-8 file read in place is hashed on the side while DuckDB reads it; a GBK one while it is
    copied: the batch holds the SHA-256 of the file as given either way."""
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = write_csv(tmp_path / "p.csv", PAY_ZH, [["V-1", "P-1", "2021-03-01", "100", "某公司", "网费"]], encoding=encoding)
    batch = ingest.import_file(ledger.con, "disbursements", f).batch_id
    stored = ledger.con.execute("select sha256 from import_batches where batch_id = $b", {"b": batch}).fetchone()[0]
    assert stored == hashlib.sha256(f.read_bytes()).hexdigest()
