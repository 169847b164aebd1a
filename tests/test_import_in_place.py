"""Issue 33 (import speed): a regular CSV is staged by DuckDB straight from the file (the view import_csv), with no
copy of its cells in a temporary table; its rows keep their lines, the odd rows (合计 lines, a line break in a key)
are still found, and a file DuckDB does not read line for line is still read in Python, with the right lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import plan_row, write_csv
from spending import db, ingest
from spending.files.problems import ImportRejected

PAY = ["voucher_no", "project_code", "pay_date", "amount_yuan", "payee", "summary"]


def _objects_while_staging(monkeypatch) -> list[tuple[str, str]]:
    """The temporary tables and views of the import's cursor when the payments are staged."""
    seen: list[tuple[str, str]] = []
    execute = db.execute

    def spy(con, name, **params):
        if name == "import/stage_disbursements":
            seen.extend(con.execute("select table_name, 'table' from duckdb_tables() where temporary union all "
                                    "select view_name, 'view' from duckdb_views() where temporary").fetchall())
        return execute(con, name, **params)

    monkeypatch.setattr(db, "execute", spy)
    return seen


def test_a_regular_csv_is_staged_from_the_file_itself(ledger, tmp_path, monkeypatch):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = write_csv(tmp_path / "pay.csv", PAY, [[f"V-{i}", "P-1", "2021-03-01", "10.50", "", ""] for i in range(50)])
    seen = _objects_while_staging(monkeypatch)
    result = ingest.import_file(ledger.con, "disbursements", f)
    assert (result.loaded, result.amount_yuan) == (50, Decimal("525.00"))
    assert ("import_csv", "view") in seen
    assert "import_file" not in {name for name, _ in seen}     # no copy of the file's cells
    assert ledger.con.execute("select count(*) from disbursements").fetchone()[0] == 50


def test_lines_after_title_rows_and_the_odd_rows_of_a_csv_read_in_place(ledger, tmp_path, monkeypatch):
    """Title rows before the header, a 合计 line and a voucher holding a line break (a lone CR, which DuckDB keeps
    inside a quoted cell): each named on its own line."""
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = tmp_path / "export.csv"
    f.write_bytes(("2021年国库支付明细表,,,,,\n" + ",".join(PAY) + "\n"
                   "T-1,P-1,2021-12-01,100,,\n\"T-2\rT-3\",P-1,2021-12-02,200,,\nT-4,P-1,2021-12-03,abc,,\n"
                   "小计,,,300,,\nT-5,P-1,2021-12-04,50,,\n").encode())
    seen = _objects_while_staging(monkeypatch)
    parsed = ingest.parse(ledger.con, "disbursements", ingest.read_file(f))
    assert ("import_csv", "view") in seen
    assert [line for line, _ in parsed.total_lines] == [6]
    assert sorted((p.line, p.column) for p in parsed.problems) == [(4, "voucher_no"), (5, "amount_yuan")]
    assert parsed.rows_in_file == 4
    assert list(parsed.preview_rows()["行号"]) == [3, 4, 5, 7]
    with pytest.raises(ImportRejected):
        ingest.load(parsed)


@pytest.mark.parametrize("body", [
    "V-1,P-1,2021-03-01,1,,\n\nV-2,P-1,2021-03-02,2,,\nV-3,P-1,2021-03-03,x,,\n",          # a blank line
    "V-1,P-1,2021-03-01,1,,\n\"V-2\",P-1,2021-03-02,2,\"a\nb\",\nV-3,P-1,2021-03-03,x,,\n",  # a quoted line break
], ids=["blank line", "quoted line break"])
def test_a_csv_not_read_line_for_line_is_read_in_python_with_its_lines(ledger, tmp_path, monkeypatch, body):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = tmp_path / "odd.csv"
    f.write_text(",".join(PAY) + "\n" + body, encoding="utf-8")
    seen = _objects_while_staging(monkeypatch)
    parsed = ingest.parse(ledger.con, "disbursements", ingest.read_file(f))
    assert ("import_file", "table") in seen      # read in Python
    assert [(p.line, p.column) for p in parsed.problems] == [(5, "amount_yuan")]
    parsed.close()


def test_lines_stay_right_in_a_file_duckdb_reads_in_parallel(ledger, tmp_path, monkeypatch):
    """300,000 rows (about 30 MB: several of DuckDB's CSV scan ranges and row groups, read on every thread) after a
    title row: a bad amount, a blank voucher and a voucher given twice near the end are each named on their own line,
    the repeat with the line of its first row; the lines are what a parallel read could get wrong (issue 33)."""
    ledger.plan(plan_row("P-1", 100, {12: 100}))
    rows = [[f"V-{i:06d}", "P-1", "2021-03-01", "1.00", f"收款单位{i:06d}" + "有限公司" * 8, "材料费" * 6]
            for i in range(300_000)]
    rows[299_990][3] = "12,3x"           # line 299,990 + 3: a title row, the header, then the rows from 0
    rows[299_995][0] = ""
    rows[299_997][0] = "V-150000"        # first given on line 150,003
    f = tmp_path / "big.csv"
    write_csv(f, PAY, rows)
    f.write_bytes("2021年国库支付明细表,,,,,\n".encode() + f.read_bytes())
    assert f.stat().st_size > 25_000_000
    seen = _objects_while_staging(monkeypatch)
    parsed = ingest.parse(ledger.con, "disbursements", ingest.read_file(f))
    assert ("import_csv", "view") in seen     # read by DuckDB in place
    assert parsed.rows_in_file == 300_000
    found = sorted((p.line, p.column, p.value) for p in parsed.problems)
    assert found == [(299_993, "amount_yuan", "12,3x"), (299_998, "voucher_no", ""),
                     (300_000, "voucher_no", "V-150000")]
    assert [p.en for p in parsed.problems if p.line == 300_000] == ["repeats the key of line 150003 in this file"]
    assert list(parsed.preview_rows()["行号"])[:3] == [3, 4, 5]
    parsed.close()
