"""Every file in tests/bad_files/ must be rejected, reported and leave the database as it was.

SPEC §2 ("Every import is all or nothing") and §3 (exit status 1, a reason on stderr,
never a traceback). The corpus is written by tests/bad_files/make_corpus.py; this
table says, for each file, which CLI verb imports it and what the report must say.

Report contract asserted here:
- exit status 1, non-empty stderr, no "Traceback" on stderr or stdout;
- for a bad row: one stderr line holding `line N` (CSV physical line, header = line 1)
  or `row N` (XLSX sheet row, header = row 1), `column NAME` (SPEC's English column
  name), the value where it is a distinctive text, and some Chinese text (the reason);
- for a missing column: a line holding `column NAME`;
- the report uses only column names of its own file kind (no amount_yuan about an
  adjustment file);
- the outputs of `status` / `sections` are the same before and after (row order is not
  fixed by SPEC, so rows are compared sorted); a database file byte for byte as it was has
  them without asking, else they are run again.

All cases share one database made once by `init --demo`; a case that changes it is
reported and the pristine copy is restored, so one leak does not fail every later case.

Every file goes through the command line's main() in this process (its rules, its report); a sample
(SPOT_CHECKED: each verb and file type, the encodings, the control characters, the Excel bombs
and the files that are no table) also through the real command line in its own process, where the exit
status and the bytes written to stderr are the process's own, and through the 数据 page (test_data_page).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import cli_in_process, fresh_db
from spending.__main__ import main as cli_main

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "bad_files"
GENERATOR = CORPUS / "make_corpus.py"
TIMEOUT = 120

DEMO_CODES = [
    "106-0401-YBN-QS1Q", "106-0401-YBN-DAES", "106-0401-YBN-A8GD", "106-0601-YBN-RQRQ",
    "106-0201-YBN-EI6K", "106-0201-YBN-V7G1", "106-0501-YBN-476T",
]

SNAPSHOT_COMMANDS = [
    ("status", "--as-of", "2021-11", "--format", "csv"),
    ("sections", "--as-of", "2021-11", "--format", "csv"),
    ("status", "--as-of", "2021-12", "--format", "csv"),
]


# ----------------------------------------------------------------------- the table

@dataclass(frozen=True)
class AnyOf:
    """Any one of these substrings will do (where SPEC leaves the choice open)."""
    options: tuple[str, ...]

    def __init__(self, *options: str):
        object.__setattr__(self, "options", options)


@dataclass(frozen=True)
class Case:
    file: str
    verb: str
    args: tuple[str, ...] = ()
    # Each group is a tuple of tokens that must all appear on ONE stderr line.
    # An empty list: only exit 1, non-empty stderr, no traceback (file-level problems).
    expect: list[tuple] = field(default_factory=list)


D, P, A = "import-disbursements", "import-plan", "import-adjustments"
Y21 = ("--year", "2021")

CASES = [
    # ---- disbursements, CSV
    Case("d01_amount_not_numeric.csv", D, expect=[("line 2", "column amount_yuan", "abc")]),
    Case("d02_amount_zero.csv", D, expect=[("line 3", "column amount_yuan")]),
    Case("d03_amount_3_decimals.csv", D, expect=[("line 2", "column amount_yuan", "12.345")]),
    Case("d04_date_feb30.csv", D, expect=[("line 2", "column pay_date", "2021-02-30")]),
    Case("d05_date_month13.csv", D, expect=[("line 2", "column pay_date", "2021-13-01")]),
    Case("d06_date_two_digit_year.csv", D, expect=[("line 2", "column pay_date", "21/3/5")]),
    Case("d07_unknown_project.csv", D,
         expect=[("line 3", "column project_code", "106-9999-YBN-ZZZZ")]),
    Case("d08_no_plan_in_year_2022.csv", D,
         expect=[("line 2", AnyOf("column project_code", "column pay_date"))]),
    Case("d09_blank_voucher.csv", D, expect=[("line 3", "column voucher_no")]),
    Case("d10_voucher_repeated_in_file.csv", D,
         expect=[("line 3", "column voucher_no", "BAD-D10-1")]),
    Case("d11_voucher_repeated_identical_rows.csv", D,
         expect=[("line 3", "column voucher_no", "BAD-D11-1")]),
    Case("d12_voucher_conflicts_with_stored_sample.csv", D,
         expect=[("line 2", AnyOf("column voucher_no", "column amount_yuan"))]),
    Case("d13_missing_column_amount_yuan.csv", D, expect=[("column amount_yuan",)]),
    Case("d14_gbk_chinese_headers_bad_amount.csv", D,
         expect=[("line 3", "column amount_yuan", "一百元")]),
    Case("d15_gb18030_fullwidth_headers_bad_date.csv", D,
         expect=[("line 3", "column pay_date", "2021-04-31")]),
    Case("d16_utf8_bom_bad_date.csv", D, expect=[("line 3", "column pay_date", "2021-02-29")]),
    Case("d17_valid_row_then_bad_row.csv", D,
         expect=[("line 3", "column project_code", "106-9999-YBN-ZZZZ")]),
    Case("d18_multiline_field_bad_on_line4.csv", D,
         expect=[("line 4", "column amount_yuan", "1.001")]),
    Case("d19_amount_nan.csv", D, expect=[("line 2", "column amount_yuan")]),
    Case("d20_blank_pay_date.csv", D, expect=[("line 3", "column pay_date")]),
    # ---- disbursements, XLSX
    Case("d21_xlsx_amount_is_text.xlsx", D, expect=[("row 3", "column amount_yuan", "壹佰元")]),
    Case("d22_xlsx_bad_row5.xlsx", D, expect=[("row 5", "column amount_yuan")]),
    Case("d23_xlsx_first_sheet_bad_second_active.xlsx", D,
         expect=[("row 2", "column project_code", "106-9999-YBN-ZZZZ")]),
    # ---- plan
    Case("p01_checkpoint_over_100.csv", P, Y21, expect=[("line 2", "column m12", "120")]),
    Case("p02_checkpoints_decreasing.csv", P, Y21,
         expect=[("line 2", AnyOf("column m10", "column m03"))]),
    Case("p04_negative_budget.csv", P, Y21, expect=[("line 2", "column budget_wan")]),
    Case("p05_budget_7_decimals.csv", P, Y21,
         expect=[("line 2", "column budget_wan", "1.2345678")]),
    Case("p06_percentage_3_decimals.csv", P, Y21, expect=[("line 2", "column m06", "33.333")]),
    Case("p07_fiscal_year_disagrees_with_option.csv", P, Y21,
         expect=[("line 3", "column fiscal_year", "2020")]),
    Case("p08_fiscal_year_column_missing_no_option.csv", P, expect=[("column fiscal_year",)]),
    Case("p09_fiscal_year_blank_no_option.csv", P, expect=[("line 3", "column fiscal_year")]),
    Case("p10_duplicate_project_code.csv", P, Y21,
         expect=[("line 3", "column project_code", "106-0401-YBN-T013")]),
    Case("p11_reimport_lowers_budget_below_adjustment.csv", P, Y21,
         expect=[("line 2", "column budget_wan")]),
    Case("p12_budget_infinite.csv", P, Y21, expect=[("line 2", "column budget_wan")]),
    Case("p13_missing_column_section.csv", P, Y21, expect=[("column section",)]),
    Case("p14_blank_project_name.csv", P, Y21, expect=[("line 2", "column project_name")]),
    Case("p15_percent_sign_over_100.csv", P, Y21, expect=[("line 2", "column m12")]),
    Case("p16_fiscal_year_not_integer.csv", P, expect=[("line 2", "column fiscal_year")]),
    Case("p17_gbk_chinese_headers_bad_budget.csv", P, Y21,
         expect=[("line 3", "column budget_wan", "三十")]),
    Case("p18_xlsx_fullwidth_headers_negative_pct.xlsx", P, Y21,
         expect=[("row 3", "column m06")]),
    # ---- adjustments
    Case("a01_adjustment_below_zero.csv", A, expect=[("line 2", "column amount_wan")]),
    Case("a02_amount_zero.csv", A, expect=[("line 3", "column amount_wan")]),
    Case("a03_running_total_below_zero_in_date_order.csv", A,
         expect=[("line 3", "column amount_wan")]),
    Case("a04_earlier_cut_makes_stored_adjustment_negative.csv", A,
         expect=[("line 2", "column amount_wan")]),
    Case("a05_doc_no_repeated_in_file.csv", A,
         expect=[("line 3", "column doc_no", "BAD-A05-1")]),
    Case("a06_doc_no_conflicts_with_stored_sample.csv", A,
         expect=[("line 2", AnyOf("column doc_no", "column amount_wan"))]),
    Case("a07_unknown_project.csv", A,
         expect=[("line 2", "column project_code", "106-9999-YBN-ZZZZ")]),
    Case("a08_no_plan_in_year_2020.csv", A,
         expect=[("line 2", AnyOf("column project_code", "column effective_date"))]),
    Case("a09_amount_7_decimals.csv", A, expect=[("line 2", "column amount_wan", "1.2345678")]),
    Case("a10_bad_date_sep31.csv", A, expect=[("line 2", "column effective_date", "2021/9/31")]),
    Case("a11_missing_column_amount_wan.csv", A, expect=[("column amount_wan",)]),
    Case("a12_utf8_bom_fullwidth_headers_bad_amount.csv", A,
         expect=[("line 2", "column amount_wan", "十万")]),
    Case("a13_xlsx_blank_doc_no.xlsx", A, expect=[("row 3", "column doc_no")]),
    Case("a14_xlsx_missing_column_doc_no.xlsx", A, expect=[("column doc_no",)]),
    # ---- issue 11: files as people and treasury systems make them
    Case("d24_unquoted_thousands_separator.csv", D, expect=[("line 3", "12,345.67", "7", "6")]),
    Case("d25_row_with_fewer_cells.csv", D, expect=[("line 3", "3", "6")]),
    Case("d26_gbk_file_with_one_utf8_line.csv", D, expect=[("line 3", "UTF-8", "GBK")]),
    Case("d27_utf8_file_with_one_gbk_line.csv", D, expect=[("line 3", "GBK")]),
    Case("d28_nul_byte_on_line_3.csv", D, expect=[("line 3", "NUL")]),
    Case("d29_cell_of_3_megabytes.csv", D, expect=[("line 3", "d29_cell_of_3_megabytes.csv")]),
    Case("d30_amount_beyond_database_range.csv", D,
         expect=[("line 3", "column amount_yuan", "99999999999999.00")]),
    Case("d31_project_month_total_beyond_range.csv", D,
         expect=[("line 2", "column amount_yuan", "106-0401-YBN-QS1Q")]),
    Case("d32_every_problem_in_one_report.csv", D, expect=[
        ("line 2", "column pay_date", "2021-02-30"), ("line 4", "column voucher_no", "BAD-D32-2"),
        ("line 5", "column project_code", "106-9999-YBN-ZZZZ"),
        ("line 6", "column voucher_no", "SAMPLE-2021-0001", "1800.00", "987654.32")]),
    Case("d33_title_rows_and_total_bad_row.csv", D, expect=[("line 5", "column amount_yuan", "1.001")]),
    Case("d34_invisible_characters_in_stored_key.csv", D,
         expect=[("line 2", "column voucher_no", "SAMPLE-2021-0001", "1800.00")]),
    Case("p19_payments_file_given_as_plan.csv", P, Y21,
         expect=[("column project_name",), ("import-disbursements", "支付明细")]),
    Case("a15_bad_date_and_budget_below_zero.csv", A,
         expect=[("line 2", "column effective_date", "2021-02-30"), ("line 3", "column amount_wan", "2021-10-01")]),
    # ---- Excel bombs: refused before reading, in under a second (test_excel_bombs_refused_quickly)
    Case("x01_xlsx_one_cell_at_XFD1048576.xlsx", D, expect=[("1,048,576", "16,384")]),
    Case("x02_xlsx_declares_2000000_rows.xlsx", D, expect=[("2,000,000",)]),
    Case("x03_xlsx_sheet_unpacks_beyond_limit.xlsx", D, expect=[("256", "MB", "sheet1.xml")]),
    Case("x04_xlsx_amount_beyond_range.xlsx", D,
         expect=[("row 2", "column amount_yuan", "100000000000000000000")]),
    # ---- issue 19: hostile input (no report prints a control character: test_bad_file_is_rejected)
    Case("d35_unquoted_thousands_separator_without_summary.csv", D,
         expect=[("line 3", "column amount_yuan", "千分位")]),
    Case("d36_voucher_dressed_in_format_characters.csv", D,
         expect=[("line 2", "column voucher_no", "SAMPLE-2021-0001", "1800.00")]),
    Case("d37_total_label_as_voucher_with_payment_data.csv", D, expect=[("line 3", "column voucher_no", "合计")]),
    Case("d38_escape_sequence_in_payee.csv", D, expect=[("line 3", "column payee", "U+001B")]),
    Case("p20_bidi_override_in_project_name.csv", P, Y21, expect=[("line 2", "column project_name", "U+202E")]),
    Case("p21_escape_sequence_in_section.csv", P, Y21, expect=[("line 3", "column section", "U+001B")]),
    Case("x05_xlsx_shared_string_of_2000000_characters.xlsx", D, expect=[("row 3", "column F", "1,000,000")]),
    Case("x06_xlsx_inline_string_of_2000000_characters.xlsx", D, expect=[("row 3", "column E", "1,000,000")]),
    # ---- file-level problems: exit 1, a reason, no traceback
    Case("f01_empty.csv", D),
    Case("f02_random_bytes.csv", D),
    Case("f03_text_renamed.xlsx", D),
    Case("f04_zip_but_not_xlsx.xlsx", D),
    Case("f05_utf16.csv", D),
    Case("f06_blank_lines_only.csv", D),
    Case("f07_no_header_row.csv", D),
    Case("f08_xlsx_empty_first_sheet.xlsx", D),
    Case("f09_plan_empty.csv", P, Y21),
    Case("f10_adjustments_random_bytes.xlsx", A),
]


# The cases also run through the real command line in a process of its own.
SPOT_CHECKED = {      # also through the real process and the 数据 page
    "d01_amount_not_numeric.csv", "d14_gbk_chinese_headers_bad_amount.csv", "d16_utf8_bom_bad_date.csv",
    "d21_xlsx_amount_is_text.xlsx", "d26_gbk_file_with_one_utf8_line.csv", "d28_nul_byte_on_line_3.csv",
    "d32_every_problem_in_one_report.csv", "d38_escape_sequence_in_payee.csv", "p01_checkpoint_over_100.csv",
    "p18_xlsx_fullwidth_headers_negative_pct.xlsx", "p20_bidi_override_in_project_name.csv",
    "a01_adjustment_below_zero.csv", "a13_xlsx_blank_doc_no.xlsx", "x01_xlsx_one_cell_at_XFD1048576.xlsx",
    "f02_random_bytes.csv", "f05_utf16.csv", "f10_adjustments_random_bytes.xlsx",
}


# ------------------------------------------------------------------------ helpers

def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SPENDING_DB", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "spending", "--db", str(db), *args],
        cwd=REPO, env=cli_env(), capture_output=True, timeout=TIMEOUT,
    )
    # decode here so that a wrongly encoded report shows up as U+FFFD, not as a crash
    proc.stdout = proc.stdout.decode("utf-8", errors="replace")
    proc.stderr = proc.stderr.decode("utf-8", errors="replace")
    return proc


def normalised(csv_text: str) -> tuple[str, tuple[str, ...]]:
    """Header plus rows sorted: SPEC leaves csv row order open."""
    lines = [line for line in csv_text.replace("\r\n", "\n").split("\n") if line != ""]
    return (lines[0] if lines else "", tuple(sorted(lines[1:])))


def snapshot(db: Path) -> dict[str, tuple]:
    """The full status and sections output, through the CLI's own main() in this process
    (it opens and closes the database, so the next subprocess can take the lock)."""
    out = {}
    for cmd in SNAPSHOT_COMMANDS:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            code = cli_main(["--db", str(db), *cmd])
        assert code == 0, f"{' '.join(cmd)} failed"
        out[" ".join(cmd)] = normalised(buffer.getvalue())
    return out


def file_bytes(db: Path) -> list[tuple[str, str]]:
    """The database's files (the .wal too, while there is one), each by name and SHA-256."""
    return [(f.name, hashlib.sha256(f.read_bytes()).hexdigest()) for f in db_files(db)]


def db_files(db: Path) -> list[Path]:
    return [f for f in (db, db.with_name(db.name + ".wal")) if f.exists()]


def token_regex(token: str) -> str:
    pat = r"(?<![A-Za-z0-9_])" + re.escape(token)
    if token[-1].isdigit():
        pat += r"(?!\d)"  # "line 3" must not match "line 30"
    return pat


def line_matches(line: str, group: tuple) -> bool:
    for token in group:
        options = token.options if isinstance(token, AnyOf) else (token,)
        if not any(re.search(token_regex(o), line, re.IGNORECASE) for o in options):
            return False
    return True


CJK = re.compile(r"[\u3400-\u9fff]")

# SPEC's column names that belong to one kind of file only: a report about another
# kind must not use them (e.g. an adjustment conflict described with amount_yuan).
OWN_COLUMNS = {
    "import-disbursements": {"voucher_no", "pay_date", "amount_yuan"},
    "import-plan": {"fiscal_year", "project_name", "budget_wan"},
    "import-adjustments": {"doc_no", "effective_date", "amount_wan"},
}


def foreign_columns(verb: str, text: str) -> list[str]:
    others = set().union(*(cols for v, cols in OWN_COLUMNS.items() if v != verb))
    return sorted(c for c in others if re.search(rf"(?<![A-Za-z0-9_]){c}(?![A-Za-z0-9_])", text))


def is_row_group(group: tuple) -> bool:
    return any(isinstance(t, str) and re.match(r"(line|row) \d+$", t) for t in group)


# ----------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def bad_files_db(tmp_path_factory):
    """One `init --demo` database, its baseline outputs and a pristine copy."""
    base = tmp_path_factory.mktemp("bad_files_db")
    db = fresh_db(base / "demo.duckdb", demo=True)
    pristine = base / "pristine"
    pristine.mkdir()
    for f in db_files(db):
        shutil.copy2(f, pristine / f.name)
    before = snapshot(db)
    status_text = "\n".join(row for row in before[" ".join(SNAPSHOT_COMMANDS[0])][1])
    for code in DEMO_CODES:
        assert code in status_text, f"demo database lacks {code}"
    return {"db": db, "before": before, "pristine": pristine, "bytes": file_bytes(db)}


def restore(state) -> None:
    db = state["db"]
    for f in db_files(db):
        f.unlink()
    for f in state["pristine"].iterdir():
        shutil.copy2(f, db.with_name(f.name))


# -------------------------------------------------------------------------- tests

def corpus_files() -> set[str]:
    return {
        f.name for f in CORPUS.iterdir()
        if f.is_file() and f.suffix != ".py" and not f.name.startswith(".")
    }


def test_corpus_matches_table():
    files = corpus_files()
    assert len(files) >= 20, f"corpus has only {len(files)} files"
    named = [c.file for c in CASES]
    assert len(named) == len(set(named)), "a file is listed twice in CASES"
    assert files == set(named), (
        f"not in CASES: {sorted(files - set(named))}; missing on disk: {sorted(set(named) - files)}"
    )
    assert SPOT_CHECKED <= set(named)
    assert {c.verb for c in CASES if c.file in SPOT_CHECKED} == {D, P, A}


def test_corpus_is_reproducible(tmp_path):
    """make_corpus.py regenerates exactly the committed files."""
    proc = subprocess.run([sys.executable, str(GENERATOR), str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    for name in corpus_files():
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), (
            f"{name} differs from make_corpus.py output: regenerate the corpus")


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_bad_file_is_rejected(bad_files_db, case: Case):
    path = CORPUS / case.file
    rejected(bad_files_db, case, cli_in_process(case.verb, str(path), *case.args, db_path=bad_files_db["db"]))
    if case.file in SPOT_CHECKED:
        rejected(bad_files_db, case, run_cli(bad_files_db["db"], case.verb, str(path), *case.args))


def rejected(bad_files_db, case: Case, proc: subprocess.CompletedProcess) -> None:
    """The file was refused with a report as the module's docstring says, and the database is as it was."""
    report = f"exit {proc.returncode}\n--- stderr:\n{proc.stderr}\n--- stdout:\n{proc.stdout}"

    unchanged = file_bytes(bad_files_db["db"]) == bad_files_db["bytes"]   # then its outputs are the ones before
    after = bad_files_db["before"] if unchanged else snapshot(bad_files_db["db"])
    changed = [cmd for cmd in after if after[cmd] != bad_files_db["before"][cmd]]
    if changed:
        restore(bad_files_db)
    assert not changed, f"database changed ({', '.join(changed)}) by a rejected file\n{report}"

    assert proc.returncode == 1, report
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, report
    assert proc.stderr.strip(), report
    assert not re.search("[\x1b\x9b\u202a-\u202e\u2066-\u2069]", proc.stderr + proc.stdout), (
        f"the report prints a control or bidi character\n{report!r}")

    foreign = foreign_columns(case.verb, proc.stderr)
    assert not foreign, f"report names columns of another file kind: {foreign}\n{report}"

    lines = proc.stderr.splitlines()
    for group in case.expect:
        hits = [ln for ln in lines if line_matches(ln, group)]
        shown = tuple(t if isinstance(t, str) else " | ".join(t.options) for t in group)
        assert hits, f"no stderr line holds all of {shown}\n{report}"
        if is_row_group(group):
            assert any(CJK.search(ln) for ln in hits), (
                f"the line for {shown} has no Chinese reason\n{report}")


def test_missing_file_is_rejected(bad_files_db, tmp_path):
    proc = run_cli(bad_files_db["db"], "import-disbursements", str(tmp_path / "no_such_file.csv"))
    report = f"exit {proc.returncode}\n--- stderr:\n{proc.stderr}"
    assert proc.returncode == 1, report
    assert "Traceback" not in proc.stderr, report
    assert proc.stderr.strip(), report
    assert snapshot(bad_files_db["db"]) == bad_files_db["before"]


def test_positive_control_valid_file_imports(tmp_path):
    """The harness can tell success from failure: a valid file imports with exit 0.

    SPEC §1 worked example: 5 万元 paid on 106-0501-YBN-476T (20 万元, 0/0/70/100)
    by 31 Aug gives actual_pct 25, plan 35, deviation −10 → on_track.
    """
    db = fresh_db(tmp_path / "fresh.duckdb")

    def row_476t():
        out = run_cli(db, "status", "--as-of", "2021-08", "--format", "csv")
        assert out.returncode == 0, out.stderr
        rows = [r for r in csv.DictReader(io.StringIO(out.stdout))
                if r["project_code"] == "106-0501-YBN-476T"]
        assert len(rows) == 1, out.stdout
        return rows[0]

    before = row_476t()
    assert Decimal(before["actual_wan"]) == 0

    header_only = tmp_path / "header_only.csv"
    header_only.write_text("voucher_no,project_code,pay_date,amount_yuan,payee,summary\n",
                           encoding="utf-8")
    proc = run_cli(db, "import-disbursements", str(header_only))
    assert proc.returncode == 0, f"header-only file (0 rows) must import: {proc.stderr}"
    assert row_476t() == before

    good = tmp_path / "good.csv"
    good.write_text(
        "voucher_no,project_code,pay_date,amount_yuan,payee,summary\n"
        "OK-2021-0001,106-0501-YBN-476T,2021-07-10,\"30,000.00\",测试供应商,记账服务费\n"
        "OK-2021-0002,106-0501-YBN-476T,2021/8/31,20000,测试供应商,记账服务费\n",
        encoding="utf-8",
    )
    proc = run_cli(db, "import-disbursements", str(good))
    assert proc.returncode == 0, f"valid file rejected: {proc.stderr}"
    assert "Traceback" not in proc.stderr
    after = row_476t()
    assert after != before
    assert Decimal(after["actual_wan"]) == Decimal("5")
    assert Decimal(after["actual_pct"]) == Decimal("25")
    assert Decimal(after["plan_pct"]) == Decimal("35")
    assert Decimal(after["deviation_pp"]) == Decimal("-10")
    assert after["status"] == "on_track"

    # re-importing the same file changes nothing (identical rows are skipped)
    proc = run_cli(db, "import-disbursements", str(good))
    assert proc.returncode == 0, f"re-import of identical rows rejected: {proc.stderr}"
    assert row_476t() == after


@pytest.mark.parametrize("name", ["x01_xlsx_one_cell_at_XFD1048576.xlsx", "x02_xlsx_declares_2000000_rows.xlsx",
                                  "x03_xlsx_sheet_unpacks_beyond_limit.xlsx"])
def test_excel_bombs_refused_quickly(name):
    """Checked before calamine reads the sheet: refused in well under a second of this process's CPU time (the
    machine's load does not count; reading the sheet would take seconds of it, or memory beyond the machine's)."""
    import time

    from spending import ingest

    start = time.process_time()
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.read_file(CORPUS / name)
    assert time.process_time() - start < 1.0
    assert "Excel" in rejected.value.report()

