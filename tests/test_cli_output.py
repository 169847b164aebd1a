"""Issue 32: what the command line prints is safe (its own process, the bytes it writes checked).

On a terminal, text from the data never acts: ESC [2J, CR, C1 controls, bidi overrides and marks are shown
as <U+XXXX> (characters.visible) in tables, reports, import-document's read-out, history, audit and errors naming a
value. In a CSV, text a spreadsheet would run as a formula gets an apostrophe, as in the pages' CSV, and
numbers stay numbers. JSON is data: the same text, a terminal control written as a \\u escape."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT, RUNTIME_PYTHON, cli_in_process, fresh_db, stored, write_csv
from spending import characters

# Raw bytes no output of the command line may hold (outside CSV, which is data as it is).
RAW = {"ESC": b"\x1b", "CR": b"\r", "C1 CSI": "\u009b".encode(), "RLO": "\u202e".encode(), "LRI": "\u2066".encode(),
       "RLM": "\u200f".encode(), "LRM": "\u200e".encode(), "ALM": "\u061c".encode(), "LS": "\u2028".encode(),
       "PS": "\u2029".encode()}

FORMULAS = {   # project code -> (hostile project name, hostile section): two real projects renamed by a plan
    "106-0201-YBN-EI6K": ('=HYPERLINK("http://evil.example","点我")', "+cmd|' /C calc'!A0"),
    "106-0601-YBN-RQRQ": ("@SUM(1+1)*cmd|' /C calc'!A0", "-2+3科"),
}
# A name that passes the plan importer (it refuses ESC and bidi overrides, not these) and would act on a terminal:
# CR writes the line over from its start, RLM/LRM/ALM reorder, LS/PS break the line in some terminals.
ACTING_NAME = "好\r坏\u200f项\u200e目\u061c\u2028\u2029"


def run(*args: str, db_path: Path) -> subprocess.CompletedProcess:
    """The command line in its own process, its output as bytes (as the terminal gets them)."""
    return subprocess.run([str(RUNTIME_PYTHON), "-m", "spending", "--db", str(db_path), *args], cwd=ROOT,
                          capture_output=True, timeout=120)


def assert_inert(output: bytes) -> None:
    found = [name for name, raw in RAW.items() if raw in output]
    assert not found, (found, output[:2000])


def renamed_plan(tmp_path: Path, names: dict[str, tuple[str, str]]) -> Path:
    """data/plan-2021.csv with some projects' names and sections replaced (a plan re-import replaces them)."""
    with open(ROOT / "data/plan-2021.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows[1:]:
        if row[1] in names:
            row[2], row[3] = names[row[1]]
    return write_csv(tmp_path / "renamed-plan.csv", rows[0], rows[1:])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> SimpleNamespace:
    """The demo database; two projects named like formulas, one with characters that act on a terminal,
    a payment file whose name holds ESC [2J and U+202E, an inquiry per project behind plan, an account named
    like a formula: all through the command line, the payment file's import in its own process (its report is
    checked below), the other writes through its main() in this process (set-up; conftest.cli_in_process)."""
    folder = tmp_path_factory.mktemp("hostile")
    path = fresh_db(folder / "hostile.duckdb", demo=True)
    names = {**FORMULAS, "106-0401-YBN-DAES": (ACTING_NAME, "预算国库科")}
    done = cli_in_process("import-plan", str(renamed_plan(folder, names)), db_path=path)
    assert done.returncode == 0, done.stderr
    assert stored(path, "select project_name from projects where project_code = '106-0401-YBN-DAES' "
                        "and fiscal_year = 2021") == [(ACTING_NAME,)]
    pay = write_csv(folder / "付款\x1b[2J\u202evsc.csv", ["凭证号", "项目编码", "支付日期", "金额(元)"],
                    [["H-1", "106-0201-YBN-EI6K", "2021-03-01", "100.00"]])
    imported = run("import-disbursements", str(pay), db_path=path)
    assert imported.returncode == 0, imported.stderr.decode()
    assert cli_in_process("notices", "issue", "--as-of", "2021-11", db_path=path).returncode == 0
    assert cli_in_process("user", "add", "x@bureau.example", "--role", "admin", "--name", "=1+1",
                          db_path=path).returncode == 0
    return SimpleNamespace(db=path, imported=imported)


@pytest.fixture(scope="module")
def hostile_db(hostile) -> Path:
    return hostile.db


def test_an_import_report_shows_the_controls_of_the_file_name(hostile):
    assert_inert(hostile.imported.stdout + hostile.imported.stderr)
    assert b"<U+001B>[2J<U+202E>vsc.csv" in hostile.imported.stdout


@pytest.mark.parametrize("args", [
    ["status", "--as-of", "2021-11"], ["sections", "--as-of", "2021-11"], ["history"], ["audit"],
    ["notices", "list", "--as-of", "2021-11"], ["user", "list"], ["compare", "--as-of", "2021-11"],
], ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_tables_and_json_never_print_a_terminal_control(hostile_db, args, fmt):
    out = run(*args, "--format", fmt, db_path=hostile_db)
    assert out.returncode == 0, out.stderr.decode()
    assert_inert(out.stdout + out.stderr)


def test_a_table_shows_the_controls_and_keeps_each_row_on_its_line(hostile_db):
    out = run("status", "--as-of", "2021-11", db_path=hostile_db)
    lines = out.stdout.decode().split("\n")
    assert len(lines) == 2 + 7 + 1            # as of, header, seven projects, the last newline
    [row] = [line for line in lines if "106-0401-YBN-DAES" in line]
    assert "好<U+000D>坏<U+200F>项<U+200E>目<U+061C><U+2028><U+2029>" in row
    history = run("history", db_path=hostile_db).stdout.decode()
    assert "付款<U+001B>[2J<U+202E>vsc.csv" in history
    assert "付款\\u001b[2J<U+202E>vsc.csv" in run("audit", db_path=hostile_db).stdout.decode()   # detail is JSON


def test_json_is_the_same_text_with_the_controls_escaped(hostile_db):
    out = run("status", "--as-of", "2021-11", "--format", "json", db_path=hostile_db)
    assert b"\\u200f" in out.stdout and b"\\r" in out.stdout
    names = {r["project_code"]: r["project_name"] for r in json.loads(out.stdout)}
    assert names["106-0401-YBN-DAES"] == ACTING_NAME
    history = json.loads(run("history", "--format", "json", db_path=hostile_db).stdout)
    assert history[0]["file_name"] == "付款\x1b[2J\u202evsc.csv"


def csv_rows(out: subprocess.CompletedProcess) -> list[dict]:
    assert out.returncode == 0, out.stderr.decode()
    return list(csv.DictReader(io.StringIO(out.stdout.decode("utf-8"))))


NUMBERS = {"budget_wan", "actual_wan", "actual_pct", "plan_pct", "time_pct", "deviation_pp", "time_deviation_pp",
           "gap_wan", "projects", "on_track", "lagging", "severe", "overspent", "fiscal_year", "last_actual_pct",
           "last_deviation_pp", "change_pp", "batch_id", "rows_loaded", "amount_yuan"}


@pytest.mark.parametrize("args", [
    ["status", "--as-of", "2021-11"], ["sections", "--as-of", "2021-11"], ["notices", "list", "--as-of", "2021-11"],
    ["compare", "--as-of", "2021-11"], ["history"], ["audit"], ["user", "list"],
], ids=lambda a: " ".join(a[:2]))
def test_every_csv_neutralises_formulas_and_keeps_numbers(hostile_db, args):
    rows = csv_rows(run(*args, "--format", "csv", db_path=hostile_db))
    assert rows
    for row in rows:
        for column, text in row.items():
            if column in NUMBERS and text != "":
                Decimal(text)                                  # a number, never '-28.00
            else:
                assert not text.startswith(("=", "+", "-", "@", "\t", "\r")), (column, text)


def test_the_csv_holds_the_hostile_text_after_its_apostrophe_and_negative_numbers_as_numbers(hostile_db):
    status = {r["project_code"]: r for r in csv_rows(run("status", "--as-of", "2021-11", "--format", "csv",
                                                        db_path=hostile_db))}
    for code, (name, section) in FORMULAS.items():
        assert (status[code]["project_name"], status[code]["section"]) == ("'" + name, "'" + section)
    assert status["106-0601-YBN-RQRQ"]["deviation_pp"] == "-28.00"       # severe: a negative number, as it is
    assert status["106-0201-YBN-EI6K"]["gap_wan"].startswith("-")
    listed = csv_rows(run("notices", "list", "--as-of", "2021-11", "--format", "csv", db_path=hostile_db))
    assert {r["project_name"] for r in listed} >= {"'" + name for name, _ in FORMULAS.values()}
    users = csv_rows(run("user", "list", "--format", "csv", db_path=hostile_db))
    assert "'=1+1" in {r["name"] for r in users}


def test_an_error_naming_a_value_shows_its_controls(hostile_db):
    out = run("status", "--as-of", "2021-11", "--section", "\x1b[2J\u202e科", db_path=hostile_db)
    assert out.returncode == 1
    assert_inert(out.stdout + out.stderr)
    assert "<U+001B>[2J<U+202E>科" in out.stderr.decode()


def test_import_document_read_out_shows_the_controls(tmp_path):
    """The read-out prints every project before the importer refuses the name: it must not act either."""
    path = fresh_db(tmp_path / "doc.duckdb")
    text = (ROOT / "data/budget-performance-text-2021.txt").read_text(encoding="utf-8")
    hostile = text.replace("项目名称\t代理记账中心运转费", "项目名称\t代理记账\x1b[2J中心\u202e运转费\u009b31m", 1)
    assert hostile != text
    document = tmp_path / "绩效文本\u202etxt.txt"
    document.write_text(hostile, encoding="utf-8")
    out = run("import-document", str(document), db_path=path)
    assert out.returncode == 1
    assert_inert(out.stdout + out.stderr)
    assert "代理记账<U+001B>[2J中心<U+202E>运转费<U+009B>31m" in out.stdout.decode()
    assert "绩效文本<U+202E>txt.txt" in out.stderr.decode()


@pytest.mark.parametrize("text,shown,one_line", [
    ("\x1b[2J", "<U+001B>[2J", "<U+001B>[2J"),
    ("a\rb", "a<U+000D>b", "a<U+000D>b"),
    ("a\nb\tc", "a\nb\tc", "a<U+000A>b<U+0009>c"),
    ("\u009b1m\u0085", "<U+009B>1m<U+0085>", "<U+009B>1m<U+0085>"),
    ("\x7f\x00\x08", "<U+007F><U+0000><U+0008>", "<U+007F><U+0000><U+0008>"),
    ("\u202eevil\u202c", "<U+202E>evil<U+202C>", "<U+202E>evil<U+202C>"),
    ("\u2066x\u2069\u200e\u200f\u061c", "<U+2066>x<U+2069><U+200E><U+200F><U+061C>",
     "<U+2066>x<U+2069><U+200E><U+200F><U+061C>"),
    ("a\u2028b\u2029", "a<U+2028>b<U+2029>", "a<U+2028>b<U+2029>"),
    ("预算国库科 SAMPLE-2021-0001 −12.50 ＝", "预算国库科 SAMPLE-2021-0001 −12.50 ＝", "预算国库科 SAMPLE-2021-0001 −12.50 ＝"),
])
def test_visible(text, shown, one_line):
    assert characters.visible(text) == shown
    assert characters.visible(text, one_line=True) == one_line


@pytest.mark.parametrize("value,written", [
    ("=HYPERLINK(1)", "'=HYPERLINK(1)"), ("+cmd|x", "'+cmd|x"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=b", "a=b"), ("", ""),
    (Decimal("-12.50"), Decimal("-12.50")), (-3, -3), (None, None),
])
def test_neutralise(value, written):
    assert characters.neutralise(value) == written


# Task B (issue 34): `units` writes 3,000 rows; the CSV is written in one piece when no cell holds a line break
# (CR LF), row by row otherwise, and a table measures each cell once (a figure's text by its length): the same bytes.
@pytest.mark.parametrize("cells,written", [
    ([Decimal("1.5"), None, True, 7, "=1", "科室"], "1.50,,true,7,'=1,科室\n"),
    (["a\r\nb", "c"], '"a\r\nb",c\n'),                    # a line break inside a cell stays there, quoted
    (["a\nb", "c\rd"], '"a\nb","c\rd"\n'),
    ([False, Decimal("-0.50"), "-x", 'say "hi", ok'], "false,-0.50,'-x,\"say \"\"hi\"\", ok\"\n"),
])
def test_csv_rows_as_written(cells, written, monkeypatch):
    from spending.cli import output
    columns = [f"c{i}" for i in range(len(cells))]
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    output.emit([dict(zip(columns, cells))] * 2, columns, "csv")
    assert out.getvalue() == ",".join(columns) + "\n" + written * 2


def test_a_table_aligns_wide_and_narrow_text_and_figures(monkeypatch):
    from spending.cli import output
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    output.print_table([{"unit_code": "106", "unit_name": "承德财政局", "projects": 7, "budget_wan": Decimal("1.5")},
                        {"unit_code": None, "unit_name": "a\u202eb", "projects": 12, "budget_wan": Decimal("-20.25")}],
                       ["unit_code", "unit_name", "projects", "budget_wan"])
    assert out.getvalue() == ("单位编码  预算单位    项目数  调整后预算(万元)\n"
                              "106       承德财政局  7       1.50\n"
                              "          a<U+202E>b  12      -20.25\n")


# Task C (issue 34): the people's tables of `sources` and every other table verb — a boolean in words (是/否, as the
# pages and the bulletin show 直达资金), SPEC §5's true/false kept in csv and json; each table ends with a newline, so
# that a warning on stderr, merged into the same stream (2>&1), starts on a line of its own.
TABLE_VERBS = [["status", "--as-of", "2021-11"], ["sections", "--as-of", "2021-11"], ["units", "--as-of", "2021-11"],
               ["sources", "--as-of", "2021-11"], ["compare", "--as-of", "2021-11"], ["history"], ["audit"],
               ["user", "list"], ["mappings", "list"], ["notices", "list", "--as-of", "2021-11"]]


@pytest.fixture(scope="module")
def direct_db(tmp_path_factory) -> Path:
    """The demo and a 中央直达资金 payment on 业务委托费, which has no 直达 budget (无指标支付: sources warns)."""
    folder = tmp_path_factory.mktemp("direct")
    path = fresh_db(folder / "direct.duckdb", demo=True)
    pay = write_csv(folder / "zd.csv", ["凭证号", "项目编码", "支付日期", "金额(元)", "资金来源", "是否直达资金"],
                    [["ZD-1", "106-0601-YBN-RQRQ", "2021-06-20", "5000.00", "中央直达资金", "是"]])
    out = cli_in_process("import-disbursements", str(pay), db_path=path)      # set-up: in this process
    assert out.returncode == 0, out.stderr
    return path


def test_sources_table_says_direct_in_words_and_its_warning_starts_a_line(direct_db):
    merged = subprocess.run([str(RUNTIME_PYTHON), "-m", "spending", "--db", str(direct_db), "sources", "--as-of",
                             "2021-11"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    assert merged.returncode == 0, merged.stdout.decode()
    text = merged.stdout.decode()
    assert text.endswith("\n")
    lines = text.split("\n")[:-1]
    rows = {line.split()[0]: line.split()[1] for line in lines if line.startswith(("中央直达资金", "本级安排资金"))}
    assert rows == {"中央直达资金": "是", "本级安排资金": "否"}, text
    assert "true" not in text and "false" not in text
    [warning] = [line for line in lines if "无指标支付" in line]
    assert warning.startswith("注意：无指标支付"), text
    csv_out = csv_rows(run("sources", "--as-of", "2021-11", "--format", "csv", db_path=direct_db))
    assert {r["source"]: r["direct"] for r in csv_out} == {"中央直达资金": "true", "本级安排资金": "false"}
    assert {r["source"]: r["direct"] for r in json.loads(
        run("sources", "--as-of", "2021-11", "--format", "json", db_path=direct_db).stdout)} == {
        "中央直达资金": True, "本级安排资金": False}


@pytest.mark.parametrize("args", TABLE_VERBS, ids=lambda a: " ".join(a[:2]))
def test_every_table_ends_with_a_newline_and_shows_no_true_or_false(direct_db, args):
    out = run(*args, db_path=direct_db)
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.endswith(b"\n") and not out.stdout.endswith(b"\n\n"), out.stdout[-200:]
    cells = {cell for line in out.stdout.decode().split("\n") for cell in line.split()}
    assert not cells & {"true", "false", "True", "False"}, out.stdout.decode()
