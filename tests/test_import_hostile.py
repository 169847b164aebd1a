"""Issue 19 on the importers, in this process: input made to fool them is the stored key, or refused
with its line and column, never a wrong number nor a second payment (the CLI's side: tests/test_bad_files.py)."""

from __future__ import annotations

import io
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter

from conftest import Ledger, plan_row, write_csv
from spending import characters, i18n, ingest
from spending.files import encodings, limits, problems, xlsx_guard

sys.path.insert(0, str(Path(__file__).resolve().parent / "bad_files"))
import make_corpus

PAY = ["voucher_no", "project_code", "pay_date", "amount_yuan", "payee", "summary"]
STORED = "S-2021-0001"

# The stored voucher dressed in each of Unicode's look-alike forms (issue 19's list, and full-width letters).
DRESSED = [
    ("LRM", "S-2021\u200e-0001"), ("RLM", "\u200fS-2021-0001"), ("NNBSP", "S-2021\u202f-0001"),
    ("thin space", "S-\u20092021-0001"), ("figure space", "S-2021-\u20070001"), ("U+180E", "S-2021-0001\u180e"),
    ("combining grapheme joiner", "S-20\u034f21-0001"), ("Hangul filler", "S-2021-0001\u3164"),
    ("braille blank", "\u2800S-2021-0001"), ("tag characters", "S-2021-0001\U000E0041\U000E007F"),
    ("bidi override", "\u202eS-2021-0001\u202c"), ("bidi isolate", "\u2066S-2021-0001\u2069"),
    ("hyphen U+2010", "S\u20102021\u20100001"), ("non-breaking hyphen", "S\u20112021-0001"),
    ("minus sign", "S\u22122021-0001"), ("full-width", "Ｓ－２０２１－０００１"), ("word joiner", "S-2021\u2060-0001"),
    ("line separator", "S-2021\u2028-0001"), ("ideographic space inside", "S-2021\u3000-0001"),
]


@pytest.fixture(scope="module")
def paid_made(tmp_path_factory):
    """One project with one stored payment (made once, closed)."""
    ledger = Ledger(tmp_path_factory.mktemp("paid"))
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = write_csv(ledger.dir / "stored.csv", PAY, [[STORED, "P-1", "2021-03-01", "1800", "某公司", "网费"]])
    ingest.import_file(ledger.con, "disbursements", f)
    ledger.con.close()
    return ledger


@pytest.fixture
def paid(paid_made, tmp_path):
    ledger = Ledger(tmp_path, like=paid_made)
    yield ledger
    ledger.con.close()


def total(con) -> Decimal:
    return con.execute("select sum(amount_yuan) from disbursements").fetchone()[0]


@pytest.mark.parametrize("what,voucher", DRESSED, ids=[w for w, _ in DRESSED])
def test_a_dressed_voucher_is_the_stored_one(paid, what, voucher):
    same = write_csv(paid.dir / "same.csv", PAY, [[voucher, "P-1", "2021-03-01", "1800", "某公司", "网费"]])
    again = ingest.import_file(paid.con, "disbursements", same)
    assert (again.loaded, again.skipped) == (0, 1), f"{what}: a second payment"
    other = write_csv(paid.dir / "other.csv", PAY, [[voucher, "P-1", "2021-03-01", "1.00", "某公司", "网费"]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(paid.con, "disbursements", other)
    [problem] = rejected.value.problems
    assert (problem.line, problem.column) == (2, "voucher_no") and "1800.00" in problem.zh
    assert total(paid.con) == Decimal("1800.00")


@pytest.mark.parametrize("text,code", [
    ("Ｐ－１", "P-1"), ("P\u20101", "P-1"), ("\u2066P-1\u2069", "P-1"), ("P-1\U000E0020", "P-1"),
    ("财预〔2021〕12号", "财预〔2021〕12号"), ("财预（2021）12号", "财预(2021)12号"), ("ﬁ-1", "fi-1"),
    ("a b", "a b"), ("\u3164", ""), ("①", "1"),
])
def test_normalise_code(text, code):
    assert characters.normalise_code(text) == code


@pytest.mark.parametrize("text", [voucher for _, voucher in DRESSED] + ["S\u00a0-1", " \u200bS-1\t", "中\u2009文-1"])
def test_code_macro_and_python_agree(ledger, text):
    """code() in SQL and normalise_code in Python give the same key (NFKC aside, done in Python after code())."""
    cur = ledger.con.cursor()        # the database's stored macros (schema.MACROS)
    in_sql, needs = cur.execute("select code($t), needs_nfkc(code($t))", {"t": text}).fetchone()
    assert (characters.normalise_code(in_sql) if needs else in_sql) == characters.normalise_code(text)


def test_a_dressed_project_code_is_the_planned_project(paid):
    f = write_csv(paid.dir / "p.csv", PAY, [["S-2", "Ｐ\u2011１\u200e", "2021-03-02", "200", "", ""]])
    assert ingest.import_file(paid.con, "disbursements", f).loaded == 1
    assert paid.con.execute("select project_code from disbursements where voucher_no = 'S-2'").fetchone() == ("P-1",)


# An amount followed, where text belongs, by three digits: an unquoted thousands separator (issue 19).
SPLIT = [
    ("1,000,某公司", "split_amount"), ("-12,345.67,某公司", "split_amount"), ("1,000,000,某公司", "ragged"),
    ("100,某公司,网费", None), ("1000,000,网费", None), ("12.50,345,网费", None), ("5,ABC,网费", None),
]


@pytest.mark.parametrize("tail,expected", SPLIT)
def test_unquoted_thousands_separator_is_ambiguous(ledger, tmp_path, tail, expected):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = tmp_path / "p.csv"
    f.write_text(",".join(PAY) + "\nR1,P-1,2021-03-01,7,a,b\nR2,P-1,2021-03-02," + tail + "\n", encoding="utf-8")
    if expected is None:
        assert ingest.import_file(ledger.con, "disbursements", f).loaded == 2
        return
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(ledger.con, "disbursements", f)
    [problem] = rejected.value.problems
    assert problem.line == 3
    if expected == "split_amount":
        assert problem.column == "amount_yuan" and problem.en == i18n.REASONS["split_amount"][1]
    assert ledger.con.execute("select count(*) from disbursements").fetchone()[0] == 0


def test_unquoted_thousands_separator_in_an_adjustment(ledger, tmp_path):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = tmp_path / "a.csv"
    f.write_text("doc_no,project_code,effective_date,amount_wan,reason\nD-1,P-1,2021-03-01,1,000\n", encoding="utf-8")
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(ledger.con, "adjustments", f)
    assert [(p.line, p.column) for p in rejected.value.problems] == [(2, "amount_wan")]


@pytest.mark.parametrize("row,refused", [
    (["合计", "P-1", "2021-03-02", "1800.00", "某公司", "网费"], True),
    (["小计", "P-1", "2021/3/2", "1,800", "", ""], True),
    (["合计", "", "", "1800.00", "", ""], False),            # a total line: left out, as before
    (["合计", "P-1", "", "1800.00", "", ""], False),         # a project's subtotal without a date
    (["P-1", "小计", "2021-03-02", "1800.00", "", ""], False),
])
def test_a_total_label_on_a_payment_is_not_dropped(ledger, tmp_path, row, refused):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = write_csv(tmp_path / "t.csv", PAY, [["T-1", "P-1", "2021-03-01", "100", "", ""], row])
    if not refused:
        parsed = ingest.parse(ledger.con, "disbursements", ingest.read_file(f))
        assert [line for line, _ in parsed.total_lines] == [3]
        assert ingest.load(parsed).loaded == 1
        return
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(ledger.con, "disbursements", f)
    assert [(p.line, p.column, p.value) for p in rejected.value.problems] == [(3, "voucher_no", row[0])]
    assert ledger.con.execute("select count(*) from disbursements").fetchone()[0] == 0


HOSTILE_TEXTS = ["\x1b[31m某公司\x1b[0m", "evil\u202e名称", "\u2066x\u2069", "a\x08b", "\x9b31m", "a\x7f"]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
@pytest.mark.parametrize("column", ["project_name", "section", "purpose"])
def test_control_and_bidi_characters_in_plan_texts_are_refused(ledger, tmp_path, text, column):
    header = ["fiscal_year", "project_code", "project_name", "section", "budget_wan", "m12", "purpose"]
    row = {"fiscal_year": 2021, "project_code": "P-1", "project_name": "项目", "section": "综合科", "budget_wan": 10,
           "m12": 100, "purpose": "用途", column: text}
    f = write_csv(tmp_path / "plan.csv", header, [[2021, "P-0", "好", "综合科", 1, 100, ""], [row[h] for h in header]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(ledger.con, "plan", f)
    assert [(p.line, p.column) for p in rejected.value.problems] == [(3, column)]
    report = rejected.value.report()
    assert not characters.CONTROL.search(report) and "<U+" in report
    assert ledger.con.execute("select count(*) from projects").fetchone()[0] == 0


def _xlsx(path, header, rows):
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    for r, row in enumerate([header, *rows]):
        for c, value in enumerate(row):
            sheet.write_string(r, c, str(value))
    book.close()
    return path


@pytest.mark.parametrize("how", ["utf-8", "gb18030", "quoted line break", "xlsx"])
@pytest.mark.parametrize("text", ["\x1b[2J某公司", "某\u202e公司", "\u2066某\u2069公司", "\x9b31m某公司", "某\x08公司"])
def test_control_characters_in_payees_are_refused_however_read(ledger, tmp_path, how, text):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    rows = [["V-1", "P-1", "2021-03-01", "100", "好公司", "多行\n摘要" if how == "quoted line break" else "网费"],
            ["V-2", "P-1", "2021-03-01", "100", text, "网费"]]
    if how == "xlsx":
        f, line = _xlsx(tmp_path / "p.xlsx", PAY, rows), 3
    else:
        f = write_csv(tmp_path / "p.csv", PAY, rows, encoding="gb18030" if how == "gb18030" else "utf-8")
        line = 4 if how == "quoted line break" else 3
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(ledger.con, "disbursements", f)
    assert [(p.line, p.column) for p in rejected.value.problems] == [(line, "payee")]
    assert not characters.CONTROL.search(rejected.value.report())
    assert ledger.con.execute("select count(*) from disbursements").fetchone()[0] == 0


@pytest.mark.parametrize("char", ["\x1b", "\u202e", "\u2069", "\x9b", "\x7f"])
@pytest.mark.parametrize("cut", [0, 1, 2, 3])
def test_a_control_character_split_between_chunks_is_found(char, cut):
    """The reader feeds the scan 16 MB at a time: a character whose bytes fall into two chunks is still seen."""
    data = ("V-1,P-1,2021-03-01,100,好公司,网费\n" * 3 + f"V-4,P-1,2021-03-01,100,某{char}公司,网费\n" + "x\n").encode()
    at = data.index(char.encode()) + cut
    scan = encodings.ControlScan()
    scan.feed(data[:at])
    scan.feed(data[at:])
    assert scan.lines == [4]
    clean = encodings.ControlScan()
    clean.feed(data.replace(char.encode(), b""))
    assert clean.lines == []


def test_escape_characters_in_adjustment_reasons_and_indicator_values(ledger, tmp_path):
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = write_csv(tmp_path / "a.csv", ["doc_no", "project_code", "effective_date", "amount_wan", "reason"],
                  [["D-1", "P-1", "2021-03-01", "1", "\u202e加追"]])
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(ledger.con, "adjustments", f)
    assert [(p.line, p.column) for p in rejected.value.problems] == [(2, "reason")]


def _workbook_with_shared_string(chars: int) -> bytes:
    rows = [make_corpus.D_ZH, make_corpus.d("V-1", summary="长" * chars)]
    return make_corpus.shared_strings_xlsx(rows)


@pytest.mark.parametrize("chars,refused", [(limits.MAX_CELL_CHARS, False), (limits.MAX_CELL_CHARS + 1, True)])
def test_xlsx_cells_have_the_csv_limit(chars, refused):
    """The same 1,000,000 characters as a CSV cell, checked before calamine reads the workbook."""
    data = _workbook_with_shared_string(chars)
    if not refused:
        xlsx_guard.check_workbook("ok.xlsx", data)
        return
    with pytest.raises(problems.ImportRejected) as rejected:
        xlsx_guard.check_workbook("long.xlsx", data)
    [problem] = rejected.value.problems
    assert (problem.line, problem.column, problem.excel) == (2, "F", True)
    assert f"{limits.MAX_CELL_CHARS:,}" in problem.zh


def test_xlsx_rich_text_runs_add_up_and_an_unused_long_string_is_refused_too():
    data = _workbook_with_shared_string(10)
    book = zipfile.ZipFile(io.BytesIO(data))
    members = [(i.filename, book.read(i.filename)) for i in book.infolist()]
    run = "<r><t>" + "字" * 600_000 + "</t></r>"
    members = [(n, d.replace(b"</sst>", f"<si>{run}{run}</si></sst>".encode()) if n == "xl/sharedStrings.xml" else d)
               for n, d in members]
    with pytest.raises(problems.ImportRejected) as rejected:
        xlsx_guard.check_workbook("runs.xlsx", make_corpus.deflated_zip(members))
    [problem] = rejected.value.problems
    assert problem.line is None and "1,000,000" in problem.zh   # no cell of the first sheet shows it


@pytest.mark.parametrize("char", ["x", "长"])
@pytest.mark.parametrize("chars,refused", [(limits.MAX_CELL_CHARS, False), (limits.MAX_CELL_CHARS + 1, True)])
def test_csv_cells_have_the_limit_whoever_reads_them(ledger, tmp_path, char, chars, refused):
    """DuckDB reads only lines of at most MAX_CELL_CHARS bytes; a longer line is read in Python, which counts
    characters: an ASCII cell of 1,500,000 characters (1.5 MB, within DuckDB's own 2 MB) was imported."""
    ledger.plan(plan_row("P-1", 10, {12: 100}))
    f = write_csv(tmp_path / "p.csv", PAY, [["V-0", "P-1", "2021-03-01", "1", "", ""],
                                            ["V-1", "P-1", "2021-03-01", "1", "", char * chars]])
    if not refused:
        parsed = ingest.parse(ledger.con, "disbursements", ingest.read_file(f))
        assert parsed.problem_count == 0
        parsed.close()
        return
    with pytest.raises(ingest.ImportRejected) as rejected:
        ingest.import_file(ledger.con, "disbursements", f)
    [problem] = rejected.value.problems
    assert problem.line == 3 and f"{limits.MAX_CELL_CHARS:,}" in problem.zh
