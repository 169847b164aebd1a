"""Old Excel (.xls) exports (issue 33, SPEC §5 "`.xls` files are read like `.xlsx`"): read by python-calamine
with the guards of an .xlsx — the file's size, and every sheet's extent checked on the OLE2 sectors and BIFF
records before calamine builds its rectangles — and a crafted OLE2 file refused with a reason, never a
traceback. Table-driven through the command line, then the 数据 page (AppTest) and Debian's Chromium.

The files are in tests/xls_files/, written by its make_xls.py (it says how they were made)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import cli, cli_in_process, fresh_db, open_page, stored
from spending.files import problems, reading, xls_guard

XLS = Path(__file__).resolve().parent / "xls_files"
SNAPSHOT = [("status", "--as-of", "2021-11", "--format", "csv"), ("sections", "--as-of", "2021-11", "--format", "csv")]

# file, verb, exit status, what the output (stdout when 0, stderr when 1) must say
CASES = [
    ("payments.xls", "import-disbursements", 0, ["imported 3 rows", "line 1"]),
    ("payments_mini_stream.xls", "import-disbursements", 0, ["imported 3 rows"]),   # a stream under 4,096 bytes
    ("plan_no_checkpoint.xls", "import-plan", 0, ["imported 2 rows"]),
    ("bomb_two_cells.xls", "import-disbursements", 1, ["65,536 rows × 256 columns", "第 1 张工作表"]),
    ("bomb_second_sheet.xls", "import-disbursements", 1, ["sheet 2 holds 65,536 rows × 256 columns"]),
    ("crafted_chain_loops.xls", "import-disbursements", 1, ["not a valid old Excel (.xls) file", "loops"]),
    ("crafted_no_workbook.xls", "import-disbursements", 1, ["no Workbook stream"]),
    ("crafted_truncated.xls", "import-disbursements", 1, ["lies beyond the file"]),
    ("crafted_noise.xls", "import-disbursements", 1, ["impossible sector sizes"]),
    ("text_named_xls.xls", "import-disbursements", 1, ["not an OLE2 compound file"]),
]


def snapshot(db: Path) -> list[str]:
    return [cli_in_process(*args, db_path=db).stdout for args in SNAPSHOT]


@pytest.mark.parametrize("name,verb,code,says", CASES, ids=[c[0] for c in CASES])
def test_xls_through_the_command_line(tmp_path, name, verb, code, says):
    db = fresh_db(tmp_path / "t.duckdb", demo=True)
    before = snapshot(db)
    out = cli_in_process(verb, str(XLS / name), db_path=db)
    assert out.returncode == code, (out.stdout, out.stderr)
    assert "Traceback" not in out.stdout + out.stderr
    for text in says:
        assert text in (out.stdout if code == 0 else out.stderr), (text, out.stdout, out.stderr)
    if code:
        assert snapshot(db) == before, "a refused file writes nothing"
    else:
        assert snapshot(db) != before


def test_xls_date_cells_are_dates_as_in_an_xlsx(tmp_path):
    """A date cell, a date-and-time cell (its date) and a date written as text, amounts as numbers and as text
    with thousands separators; the same file again changes nothing."""
    db = fresh_db(tmp_path / "t.duckdb", demo=True)
    assert cli_in_process("import-disbursements", str(XLS / "payments.xls"), db_path=db).returncode == 0
    rows = stored(db, "select voucher_no, pay_date, amount_yuan from disbursements where voucher_no like 'XLS-%'"
                      " order by voucher_no")
    assert rows == [("XLS-001", dt.date(2021, 3, 15), Decimal("12345.67")),
                    ("XLS-002", dt.date(2021, 6, 30), Decimal("20000.00")),
                    ("XLS-003", dt.date(2021, 7, 5), Decimal("1000.50"))]
    again = cli_in_process("import-disbursements", str(XLS / "payments_mini_stream.xls"), db_path=db)
    assert again.returncode == 0 and "nothing changed" in again.stdout


def test_xls_plan_row_without_a_checkpoint_is_a_project_without_a_plan(tmp_path):
    db = fresh_db(tmp_path / "t.duckdb")
    assert cli_in_process("import-plan", str(XLS / "plan_no_checkpoint.xls"), db_path=db).returncode == 0
    out = cli_in_process("status", "--as-of", "2021-07", "--format", "json", db_path=db)
    got = {r["project_code"]: r["status"] for r in json.loads(out.stdout)}
    assert (got["XLS-P1"], got["XLS-N1"]) == ("severe", "no_plan")


def test_an_xls_larger_than_the_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(xls_guard, "MAX_XLS_BYTES", 4096)
    db = fresh_db(tmp_path / "t.duckdb", demo=True)
    out = cli_in_process("import-disbursements", str(XLS / "payments.xls"), db_path=db)
    assert out.returncode == 1, out.stderr
    assert "over the limit of 4,096 bytes" in out.stderr and "Traceback" not in out.stderr


def test_overlapping_sheets_are_refused_without_walking_for_long():
    """Sheets the globals place at the same records (a crafted file) are refused once the walks have read
    the stream twice: the walks are bounded by the stream's length, not by its square."""
    import struct

    cell = struct.pack("<HH", 0x0203, 14) + struct.pack("<HHHd", 0, 0, 0, 1.0)      # 18 bytes
    cells_at = 5000 * 12 + 4
    # 5,000 sheets, each starting at the next cell of the same 5,000: walked from each, 12.5 million records
    sheets = [struct.pack("<HHI", 0x0085, 8, cells_at + 18 * k) + b"\0\0xx" for k in range(5000)]
    stream = b"".join(sheets) + struct.pack("<HH", 0x000A, 0) + cell * 5000 + struct.pack("<HH", 0x000A, 0)
    with pytest.raises(problems.ImportRejected, match="overlap"):
        xls_guard._biff_extents("x.xls", stream)


def test_the_kind_of_an_xls_is_told_from_its_header():
    from spending.ingest import columns

    assert columns.sniff_kind("国库支付明细.xls", (XLS / "payments.xls").read_bytes()) == "disbursements"
    assert columns.sniff_kind("计划.xls", (XLS / "plan_no_checkpoint.xls").read_bytes()) == "plan"
    assert reading.read_header("bomb_two_cells.xls", (XLS / "bomb_two_cells.xls").read_bytes()) == []


def test_the_real_command_line_reads_an_xls_and_refuses_a_bomb(tmp_path):
    db = fresh_db(tmp_path / "t.duckdb", demo=True)
    good = cli("import-disbursements", str(XLS / "payments.xls"), db_path=db)
    assert good.returncode == 0, good.stderr
    bad = cli("import-disbursements", str(XLS / "bomb_second_sheet.xls"), db_path=db)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "sheet 2" in bad.stderr


# ------------------------------------------------------------------ the 数据 page (AppTest)

def test_the_data_page_accepts_xls(tmp_path, monkeypatch):
    db = fresh_db(tmp_path / "t.duckdb", demo=True)
    at = open_page(db, monkeypatch)
    assert ".xls" in list(at.file_uploader[0].proto.type)
    at.file_uploader[0].upload("国库支付明细.xls", (XLS / "payments.xls").read_bytes())
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio[0].value == "disbursements"                      # the kind told from its headers
    captions = " ".join(c.value for c in at.caption)
    assert "xls" in captions and "新增：3" in captions
    [button] = [b for b in at.button if b.label == "导入"]
    button.click().run()
    assert any("导入 3 行" in s.value for s in at.success)


@pytest.mark.parametrize("name,says", [("bomb_two_cells.xls", "65,536 行"), ("crafted_chain_loops.xls", "旧版 Excel")])
def test_the_data_page_refuses_a_hostile_xls(tmp_path, monkeypatch, name, says):
    db = fresh_db(tmp_path / "t.duckdb", demo=True)
    before = snapshot(db)
    at = open_page(db, monkeypatch)
    at.radio[0].set_value("disbursements")
    at.file_uploader[0].upload(name, (XLS / name).read_bytes())
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert "不能导入" in errors
    problems = next(d.value for d in at.dataframe if "原因" in d.value.columns)
    assert problems["原因"].str.contains(says).any(), problems
    assert not [b for b in at.button if b.label == "导入"]
    assert snapshot(db) == before


# ------------------------------------------------------------------ in Chromium

@pytest.mark.browser
def test_an_xls_uploaded_in_chromium_is_read_and_imported(tmp_path):
    """Before, Streamlit's uploader refused it in the browser (`application/vnd.ms-excel files are not
    allowed`), before the server saw it."""
    from browser import chromium, streamlit_server, wait_rendered

    db = fresh_db(tmp_path / "t.duckdb", demo=True)
    with streamlit_server(db) as url, chromium() as page:
        page.goto(url + "/data?year=2021&month=11")
        wait_rendered(page, "导入文件", timeout=120_000)
        page.locator("input[type='file']").first.set_input_files(str(XLS / "payments.xls"))
        page.get_by_text("新增：3", exact=False).first.wait_for(timeout=120_000)
        assert page.get_by_text("not allowed", exact=False).count() == 0
        page.get_by_role("button", name="导入", exact=True).click()
        page.get_by_text("导入 3 行", exact=False).first.wait_for(timeout=120_000)
        assert page.get_by_text("页面出错").count() == 0
    rows = stored(db, "select count(*) from disbursements where voucher_no like 'XLS-%'")
    assert rows == [(3,)]


def test_the_command_lines_help_names_xls():
    out = cli_in_process("--help")
    assert out.stdout.count("(CSV, XLSX or XLS)") >= 3, out.stdout     # import-plan, -disbursements, -adjustments
