"""SPEC §2 importers on real files: encodings, XLSX, headers, idempotence, conflicts, replacement."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
import xlsxwriter

from conftest import PLAN_HEADER, plan_row, write_csv
from spending import ingest, pace

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
