"""Issue 32 on the importers' keys: a voucher or document number differing from another only in case is that
one (stored: skipped when identical, else a conflict naming the stored one; in one file: a repeat), and a key or
code holding a line break between its characters is a problem naming its column, never one key made of both
(issue 19's look-alikes: tests/test_import_hostile.py)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
import xlsxwriter

from conftest import Ledger, cli, fresh_db, plan_row, stored, write_csv
from spending import ingest

PAY = ["voucher_no", "project_code", "pay_date", "amount_yuan", "payee", "summary"]
ADJ = ["doc_no", "project_code", "effective_date", "amount_wan", "reason"]
STORED = "SAMPLE-2021-0001"


@pytest.fixture(scope="module")
def paid_made(tmp_path_factory):
    """Projects P-1 and P-2, one stored payment (SAMPLE-2021-0001) and one stored adjustment (CZ-2021-12, P-1)."""
    ledger = Ledger(tmp_path_factory.mktemp("keys"))
    ledger.plan(plan_row("P-1", 10, {12: 100}), plan_row("P-2", 10, {12: 100}))
    ingest.import_file(ledger.con, "disbursements", write_csv(ledger.dir / "stored.csv", PAY, [
        [STORED, "P-1", "2021-03-01", "1800", "某公司", "网费"]]))
    ingest.import_file(ledger.con, "adjustments", write_csv(ledger.dir / "adj.csv", ADJ, [
        ["CZ-2021-12", "P-1", "2021-04-01", "2", "追加"]]))
    ledger.con.close()
    return ledger


@pytest.fixture
def paid(paid_made, tmp_path):
    ledger = Ledger(tmp_path, like=paid_made)
    yield ledger
    ledger.con.close()


def total(con) -> Decimal:
    return con.execute("select sum(amount_yuan) from disbursements").fetchone()[0]


CASED = ["sample-2021-0001", "Sample-2021-0001", "sAMPLE-2021-0001",
         "ｓａｍｐｌｅ－２０２１－０００１",          # full-width and lower case
         "sample-2021\u200b-0001"]                  # an invisible mark and lower case


@pytest.mark.parametrize("voucher", CASED)
def test_a_voucher_in_other_case_is_the_stored_one(paid, voucher):
    same = write_csv(paid.dir / "same.csv", PAY, [[voucher, "P-1", "2021-03-01", "1800.00", "某公司", "网费"]])
    again = ingest.import_file(paid.con, "disbursements", same)
    assert (again.loaded, again.skipped) == (0, 1), "a second payment"
    other = write_csv(paid.dir / "other.csv", PAY, [[voucher, "P-1", "2021-03-01", "1.00", "某公司", "网费"]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(paid.con, "disbursements", other)
    [problem] = rejected.value.problems
    assert (problem.line, problem.column, problem.value) == (2, "voucher_no", STORED)   # names the stored voucher
    assert "1800.00" in problem.zh and "amount_yuan" in problem.en
    assert total(paid.con) == Decimal("1800.00")
    assert paid.con.execute("select voucher_no from disbursements").fetchall() == [(STORED,)]


def test_a_voucher_of_another_year_or_another_number_is_new(paid):
    f = write_csv(paid.dir / "new.csv", PAY, [["sample-2021-0001", "P-1", "2022-03-01", "5", "", ""],
                                               ["sample-2021-0002", "P-1", "2021-03-02", "7", "", ""]])
    ledger_plan = write_csv(paid.dir / "plan22.csv", ["fiscal_year", "project_code", "project_name", "section",
                                                      "budget_wan", "m12"], [[2022, "P-1", "项目P-1", "测试科", 10, 100]])
    ingest.import_file(paid.con, "plan", ledger_plan)
    assert ingest.import_file(paid.con, "disbursements", f).loaded == 2
    assert sorted(paid.con.execute("select fiscal_year, voucher_no from disbursements").fetchall()) == [
        (2021, STORED), (2021, "sample-2021-0002"), (2022, "sample-2021-0001")]      # kept as written


def test_a_voucher_stored_in_lower_case_is_found_in_upper_case_too(paid):
    ingest.import_file(paid.con, "disbursements", write_csv(paid.dir / "a.csv", PAY, [
        ["v-2021-7", "P-2", "2021-05-01", "300", "", ""]]))
    again = ingest.import_file(paid.con, "disbursements", write_csv(paid.dir / "b.csv", PAY, [
        ["V-2021-7", "P-2", "2021-05-01", "300.00", "", ""]]))
    assert (again.loaded, again.skipped) == (0, 1)


def test_the_exact_stored_spelling_wins_over_one_in_other_case(paid):
    """Two stored numbers differing only in case (imported before issue 32): the file's is compared with its own."""
    paid.con.execute("insert into disbursements select * replace ('sample-2021-0001' as voucher_no, 50.00 as amount_yuan) "
                     "from disbursements where voucher_no = $v", {"v": STORED})
    for voucher, amount in (("sample-2021-0001", "50"), (STORED, "1800")):
        same = write_csv(paid.dir / "same.csv", PAY, [[voucher, "P-1", "2021-03-01", amount, "某公司", "网费"]])
        again = ingest.import_file(paid.con, "disbursements", same)
        assert (again.loaded, again.skipped) == (0, 1), voucher


def test_two_vouchers_of_one_file_in_other_case_repeat_each_other(paid):
    f = write_csv(paid.dir / "twice.csv", PAY, [["x-2021-9", "P-1", "2021-03-01", "10", "", ""],
                                                 ["X-2021-9", "P-1", "2021-03-02", "20", "", ""]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(paid.con, "disbursements", f)
    [problem] = rejected.value.problems
    assert (problem.line, problem.column, problem.value) == (3, "voucher_no", "X-2021-9") and "2" in problem.zh


def test_a_document_number_in_other_case_is_the_stored_one_of_its_project(paid):
    same = write_csv(paid.dir / "same.csv", ADJ, [["cz-2021-12", "P-1", "2021-04-01", "2", "追加"]])
    again = ingest.import_file(paid.con, "adjustments", same)
    assert (again.loaded, again.skipped) == (0, 1)
    other = write_csv(paid.dir / "other.csv", ADJ, [["Cz-2021-12", "P-1", "2021-04-01", "3", "追加"]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(paid.con, "adjustments", other)
    [problem] = rejected.value.problems
    assert (problem.line, problem.column, problem.value) == (2, "doc_no", "CZ-2021-12")
    twice = write_csv(paid.dir / "twice.csv", ADJ, [["cz-2021-13", "P-1", "2021-04-01", "1", ""],
                                                     ["CZ-2021-13", "P-1", "2021-04-02", "1", ""]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(paid.con, "adjustments", twice)
    assert [(p.line, p.column) for p in rejected.value.problems] == [(3, "doc_no")]
    for_p2 = write_csv(paid.dir / "p2.csv", ADJ, [["cz-2021-12", "P-2", "2021-04-01", "2", ""]])
    assert ingest.import_file(paid.con, "adjustments", for_p2).loaded == 1     # another project's document


def test_undo_hands_a_voucher_over_to_the_batch_that_brought_it_in_other_case(paid):
    first = ingest.import_file(paid.con, "disbursements", write_csv(paid.dir / "a.csv", PAY, [
        ["K-2021-1", "P-2", "2021-06-01", "400", "", ""]]))
    later = ingest.import_file(paid.con, "disbursements", write_csv(paid.dir / "b.csv", PAY, [
        ["k-2021-1", "P-2", "2021-06-01", "400", "", ""], ["K-2021-2", "P-2", "2021-06-02", "5", "", ""]]))
    assert (later.loaded, later.skipped) == (1, 1)
    ingest.undo(paid.con, first.batch_id)
    assert sorted(paid.con.execute("select voucher_no, batch_id from disbursements where project_code = 'P-2'").fetchall()) == [
        ("K-2021-1", later.batch_id), ("K-2021-2", later.batch_id)]


def test_the_issue_s_case_through_the_command_line(tmp_path):
    """sample-2021-0001 against the demo's SAMPLE-2021-0001 (same project, date, amount, payee): nothing changes."""
    path = fresh_db(tmp_path / "demo.duckdb", demo=True)
    f = write_csv(tmp_path / "lower.csv", ["凭证号", "项目编码", "支付日期", "金额(元)", "收款单位", "摘要"], [
        ["sample-2021-0001", "106-0401-YBN-A8GD", "2021-01-04", "1800.00", "某某通信有限公司承德分公司", "网络租赁费（1月）"]])
    before = stored(path, "select count(*), sum(amount_yuan) from disbursements")
    out = cli("import-disbursements", str(f), db_path=path)
    assert out.returncode == 0 and "nothing changed" in out.stdout, out.stdout + out.stderr
    assert stored(path, "select count(*), sum(amount_yuan) from disbursements") == before


# ------------------------------------------------------------------ line breaks inside a key

BREAKS = {"LF": "\n", "CR": "\r", "CRLF": "\r\n", "NEL": "\u0085"}


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize("column", ["voucher_no", "project_code"])
def test_a_line_break_inside_a_payment_key_is_a_problem_naming_the_column(paid, brk, column):
    row = {"voucher_no": "V-1", "project_code": "P-1"}
    row[column] = f"{row[column][:2]}{brk}{row[column][2:]}"
    f = write_csv(paid.dir / "brk.csv", PAY, [[row["voucher_no"], row["project_code"], "2021-03-01", "10", "", ""]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(paid.con, "disbursements", f)
    [problem] = rejected.value.problems
    assert (problem.line, problem.column) == (2, column) and "line break" in problem.en
    assert "\n" not in str(problem) and "<U+" in str(problem)
    assert total(paid.con) == Decimal("1800.00")


@pytest.mark.parametrize("key", ["中\n文-1", "V\u200b\n-1", "V -\r\n 1"])
def test_a_line_break_between_other_characters_is_a_problem_too(paid, key):
    f = write_csv(paid.dir / "brk.csv", PAY, [[key, "P-1", "2021-03-01", "10", "", ""]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(paid.con, "disbursements", f)
    assert [(p.line, p.column) for p in rejected.value.problems] == [(2, "voucher_no")]


@pytest.mark.parametrize("key", ["\nSAMPLE-2021-0001", "SAMPLE-2021-0001\r\n", "\u200b\nSAMPLE-2021-0001\u0085",
                                 "SAMPLE-2021\u2028-0001"])
def test_line_breaks_at_the_edges_and_line_separators_stay_cleaned(paid, key):
    f = write_csv(paid.dir / "edge.csv", PAY, [[key, "P-1", "2021-03-01", "1800", "某公司", "网费"]])
    again = ingest.import_file(paid.con, "disbursements", f)
    assert (again.loaded, again.skipped) == (0, 1)


def test_line_breaks_in_plan_and_adjustment_keys(paid):
    plan = write_csv(paid.dir / "plan.csv", ["fiscal_year", "project_code", "project_name", "section", "budget_wan",
                                             "m12"], [[2021, "P-3\nP-4", "项目", "测试科", 1, 100],
                                                      [2021, "P-5", "项目", "测试\n科", 1, 100]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(paid.con, "plan", plan)
    assert [(p.line, p.column) for p in rejected.value.problems] == [(2, "project_code"), (4, "section")]
    adj = write_csv(paid.dir / "adj2.csv", ADJ, [["CZ\n13", "P-1", "2021-04-01", "2", ""]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(paid.con, "adjustments", adj)
    assert [(p.line, p.column) for p in rejected.value.problems] == [(2, "doc_no")]


def test_a_cell_with_two_lines_in_a_workbook(paid):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, row in enumerate([PAY, ["V-7\nV-8", "P-1", "2021-03-01", 10, "", ""]]):
        sheet.write_row(r, 0, row)
    book.close()
    path = paid.dir / "two-lines.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(paid.con, "disbursements", path)
    [problem] = rejected.value.problems
    assert (problem.line, problem.column, problem.value, problem.excel) == (2, "voucher_no", "V-7\nV-8", True)
