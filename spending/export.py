"""Downloads: Excel and CSV files that open cleanly, and the per-section packets (按科室分发).

CSV, for programs: the header on line 1 and nothing above it; numbers as text with 2 decimals
("20.00", "8.60"), whole numbers (year, month, counts) without decimals, booleans 是/否, blanks
empty; UTF-8 with BOM (so Excel reads Chinese). Text that a spreadsheet would run as a formula
(=, +, -, @, tab, CR first) gets a leading apostrophe, in CSV only. The context (month,
thresholds, generation time) goes into the file name (file_stem).

Excel, for people: the context on the FIRST sheet (说明), the table on its own sheet with the
header on row 1, a filter and a frozen header. Every cell has its type: numbers are numbers
(#,##0.00; whole numbers 0), dates are dates, booleans 是/否, text is a string cell — and a
string cell in .xlsx is never a formula, so it is written as it is, without an apostrophe.
None / NaN are blank cells, never the words "None" or "nan". A text longer than a cell holds
(XLSX_CELL_CHARS, Excel's 32,767) is cut visibly with rules.CUT_MARK (…（全文见系统）), never silently.

Marks (issue 21): every file people download names the issuing unit (issuer, document_head) and, while
sample data is loaded (sample_loaded, the same count as the pages' banner), says so: its name begins
示例数据 (marked) and its 说明 sheet carries the note; a printed one (the bulletin, the 问询函) carries
sample_marks. Once the sample is removed no mark remains.

PDF: an HTML page printed by Debian's Chromium (print_pdf), for the bulletin and the 问询函.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from numbers import Integral, Real
from pathlib import Path

import numpy as np
import pandas as pd

from spending import SpendingError, clock, i18n
from spending.characters import neutralise   # one rule for every CSV: the pages' and the command line's

MONEY_FORMAT = "#,##0.00"
WHOLE_FORMAT = "0"
XLSX_CELL_CHARS = 32767     # the most characters an Excel cell holds
XLSX_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                "strings_to_numbers": False}
BOOL_WORDS = (i18n.t("yes"), i18n.t("no"))      # in every file, whatever its language


def is_blank(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, (float, Decimal)) and value != value) or (
            not isinstance(value, (str, bytes)) and bool(pd.isna(value)))
    except (TypeError, ValueError):
        return False


def kind_of(value) -> str:
    """blank, bool, whole, number, datetime, date or text: how a value is written."""
    if is_blank(value):
        return "blank"
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, Integral):
        return "whole"
    if isinstance(value, (Decimal, Real)):
        return "number"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    return "text"


def csv_text(value) -> str:
    """One CSV field: 2 decimals for numbers, whole numbers as they are, 是/否, blank for None/NaN."""
    kind = kind_of(value)
    if kind == "blank":
        return ""
    if kind == "bool":
        return BOOL_WORDS[0] if value else BOOL_WORDS[1]
    if kind == "whole":
        return str(int(value))
    if kind == "number":
        return f"{Decimal(str(value)).quantize(Decimal('0.01'), rounding='ROUND_HALF_UP'):.2f}"
    if kind == "datetime":
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if kind == "date":
        return value.isoformat()
    return neutralise(str(value))


def to_csv(frame: pd.DataFrame, meta: list[tuple[str, str]] | None = None) -> bytes:
    """UTF-8 with BOM: the header on line 1, then the rows. `meta` is not written into a CSV (a line
    above the header breaks every program that reads it): put the context into the file name."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_text(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([csv_text(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def file_stem(name: str, yellow, red, at: datetime) -> str:
    """A downloaded file's name without its suffix, holding its context (the month is in `name`):
    滞后项目清单-2021-11 → 滞后项目清单-2021-11-阈值10-20-生成20261128-0317."""
    def points(value) -> str:
        return f"{Decimal(str(value)).normalize():f}"
    return f"{name}-阈值{points(yellow)}-{points(red)}-生成{at:%Y%m%d-%H%M}"


# ------------------------------------------------------------------ Excel

def xlsx_text(value) -> str:
    """A text as an Excel cell holds it: cut visibly (rules.CUT_MARK) past XLSX_CELL_CHARS, the one
    place every writer of this module (and the bulletin's, the letters') goes through."""
    from spending import rules

    return rules.cell_text(str(value), XLSX_CELL_CHARS)


def sample_loaded(con) -> bool:
    """Sample data is loaded: the count behind the pages' banner (queries/sample_loaded.sql)."""
    from spending import db

    return db.rows(con, "sample_loaded")[0]["sample_rows"] > 0


def marked(name: str, sample: bool, lang: str = "zh") -> str:
    """A file's or sheet's name, beginning 示例数据- while sample data is loaded."""
    return f"{i18n.t('sample_mark', lang)}-{name}" if sample else name


def sample_note(sample: bool, lang: str = "zh") -> list[tuple[str, str]]:
    """The row a file's 说明 (or 概况, or letter) sheet begins with while sample data is loaded; none after."""
    return [(i18n.t("sample_mark", lang), i18n.t("sample_file_note", lang))] if sample else []


DEFAULT_ISSUER = "承德高新技术产业开发区财政局"     # the source document's bureau
ISSUER_ENV = "SPENDING_ISSUER"


def issuer() -> str:
    """The issuing unit every file names (the bulletin, the 问询函, the 说明 sheets): $SPENDING_ISSUER,
    else the source document's bureau."""
    return (os.environ.get(ISSUER_ENV) or "").strip() or DEFAULT_ISSUER


def document_head(sample: bool, lang: str = "zh") -> list[tuple[str, str]]:
    """The first rows of a file's 说明 sheet: the sample note (while sample data is loaded), the issuing unit."""
    return sample_note(sample, lang) + [(i18n.t("issuing_unit", lang), issuer())]


@dataclass(frozen=True)
class SampleMarks:
    """What a printed document (bulletin, 问询函) carries while sample data is loaded; all empty after."""
    banner: str = ""        # an @page rule: 示例数据 · … at the top of every page
    note: str = ""          # the boxed note above the letterhead (templates/_printed.html.j2, _sample.css): text
    title: str = ""         # the end of the PDF's title


def sample_marks(sample: bool, lang: str = "zh") -> SampleMarks:
    if not sample:
        return SampleMarks()
    return SampleMarks(
        banner=(f'@top-center {{ content: {css_text(i18n.t("sample_page_banner", lang))}; color: #c00; '
                'font-weight: 700; font-size: 10pt; font-family: "Noto Sans CJK SC", sans-serif; }'),
        note=i18n.t("sample_file_note", lang),
        title=f' · {i18n.t("sample_mark", lang)}')


def css_text(template: str) -> str:
    """A label with {page} and {pages} as a CSS content value: "第 " counter(page) " 页 …"."""
    parts = re.split(r"\{(pages?)\}", template)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(f"counter({part})")
        elif part:
            out.append('"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(out)


class Formats:
    """The cell formats of one workbook (dates as 2021年11月25日 in Chinese)."""

    def __init__(self, book, lang: str = "zh"):
        day, moment = i18n.DATE_FORMATS["en" if lang == "en" else "zh"]
        self.head = book.add_format({"bold": True, "bg_color": "#e8edf7", "border": 1, "text_wrap": True,
                                     "valign": "top"})
        self.key = book.add_format({"bold": True, "valign": "top"})
        self.text = book.add_format({"border": 1, "valign": "top"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.number = book.add_format({"num_format": MONEY_FORMAT, "border": 1})
        self.whole = book.add_format({"num_format": WHOLE_FORMAT, "border": 1})
        self.date = book.add_format({"num_format": day, "border": 1})
        self.datetime = book.add_format({"num_format": moment, "border": 1})
        self.answer = book.add_format({"border": 1, "bg_color": "#fff8dc", "text_wrap": True, "valign": "top"})
        self._book = book
        self._custom: dict[str, object] = {}     # xlsxwriter's Format per number format, made once

    def custom(self, num_format: str):
        if num_format not in self._custom:
            self._custom[num_format] = self._book.add_format({"num_format": num_format, "border": 1})
        return self._custom[num_format]


def write_cell(ws, row: int, col: int, value, fmt: Formats) -> str:
    """Write one value with its type and format; returns its kind."""
    kind = kind_of(value)
    if kind == "blank":
        ws.write_blank(row, col, None, fmt.text)
    elif kind == "bool":
        ws.write_string(row, col, BOOL_WORDS[0] if value else BOOL_WORDS[1], fmt.text)
    elif kind == "whole":
        ws.write_number(row, col, int(value), fmt.whole)
    elif kind == "number":
        ws.write_number(row, col, float(value), fmt.number)
    elif kind == "datetime":
        ws.write_datetime(row, col, value.replace(tzinfo=None), fmt.datetime)
    elif kind == "date":
        ws.write_datetime(row, col, datetime.combine(value, datetime.min.time()), fmt.date)
    else:
        ws.write_string(row, col, xlsx_text(value), fmt.text)
    return kind


def write_context(book, sheet: str, items: list[tuple], fmt: Formats | None = None):
    """A sheet of key / value rows (the file's context): each value typed like a table cell; an
    optional third element is the value's number format (e.g. '0.00"%"'); long text wraps."""
    fmt = fmt or Formats(book)
    ws = book.add_worksheet(sheet[:31])
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 80)
    for r, item in enumerate(items):
        key, value = item[0], item[1]
        ws.write_string(r, 0, xlsx_text(key), fmt.key)
        if isinstance(value, str) and len(value) > 40:
            ws.write_string(r, 1, xlsx_text(value), fmt.wrap)
            ws.set_row(r, min(409, 16 * (len(value) // 38 + 1)))   # about 38 CJK characters a line; Excel's most 409
        elif kind_of(value) == "blank":
            continue
        elif len(item) > 2 and item[2] and kind_of(value) in ("number", "whole"):
            ws.write_number(r, 1, float(value), fmt.custom(item[2]))
        else:
            write_cell(ws, r, 1, value, fmt)
    return ws


def _width(frame: pd.DataFrame, column) -> int:
    longest = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200) if not is_blank(v)])
    return max(8, min(40, int(longest * 1.8) + 2))     # CJK characters are about two columns wide


def write_table(book, sheet: str, frame: pd.DataFrame, fmt: Formats | None = None,
                answer_columns: int = 0):
    """A sheet holding one table: header on row 1, typed cells, a filter, the header frozen.
    The last `answer_columns` columns are left for someone to fill in (shaded, wide)."""
    fmt = fmt or Formats(book)
    ws = book.add_worksheet(sheet[:31])
    columns = list(frame.columns)
    first_answer = len(columns) - answer_columns
    for c, name in enumerate(columns):
        ws.write_string(0, c, xlsx_text(name), fmt.head)
        answer = c >= first_answer
        ws.set_column(c, c, 30 if answer else _width(frame, name))
        for r, value in enumerate(frame[name], start=1):
            if answer and is_blank(value):
                ws.write_blank(r, c, None, fmt.answer)
            else:
                write_cell(ws, r, c, value, fmt)
    ws.autofilter(0, 0, len(frame), max(0, len(columns) - 1))
    ws.freeze_panes(1, 0)
    return ws


def to_xlsx(frame: pd.DataFrame, meta: list[tuple[str, object]], sheet: str, context_sheet: str = i18n.t("sheet_context"),
            lang: str = "zh") -> bytes:
    """Two sheets: the context (month, thresholds, time …) first, then the table."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, XLSX_OPTIONS)
    fmt = Formats(book, lang)
    write_context(book, context_sheet, meta, fmt)
    write_table(book, sheet, frame, fmt)
    book.close()
    return buffer.getvalue()


# ------------------------------------------------------------------ 按科室分发

LIST_COLUMNS = ["section", "unit_code", "unit_name", "source", "direct", "project_code", "project_name", "budget_wan",
                "actual_wan", "actual_pct", "plan_pct", "deviation_pp", "gap_wan", "status"]   # 预算单位, 资金来源 (issue 34)


def with_sources(con, frame: pd.DataFrame, year: int, month: int, scope: list[str] | None = None) -> pd.DataFrame:
    """Projects (by project_code) with their 资金来源 at the end of the month — source: a list, 直达资金 first
    (queries/project_sources.sql) — and direct: some of their money is 直达资金. The packets and the bulletin's
    list of projects behind carry them beside the 预算单位 (issue 34)."""
    from spending import db

    found = {r["project_code"]: r for r in db.rows(con, "project_sources", year=year, month=month, scope=scope)}
    codes = list(frame["project_code"])
    return frame.assign(source=[found[c]["sources"] if c in found else None for c in codes],
                        direct=[found[c]["direct"] if c in found else None for c in codes])


def source_words(value, lang: str = "zh"):
    """A project's sources (with_sources' list) as one cell's text; any other value as it is."""
    return (", " if lang == "en" else "、").join(value) if isinstance(value, (list, tuple)) else value


NAME_BYTES = 100     # a file name's stem from data: at most this many UTF-8 bytes before its hash and suffix
_REFUSED = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def file_name(text: str, suffix: str = "", taken: set | None = None, limit: int = NAME_BYTES) -> str:
    """The one way a file or zip-entry name is made from data (a section's, a project's name).

    Path separators and what Windows, zip and unzip refuse (/ \\ : * ? " < > |, control and bidi
    characters) become "_"; NFC; at most `limit` UTF-8 bytes (cut on a character boundary). A name
    changed on the way gets "~" and a short hash of the full text, so 综合/科 and 综合:科 stay two files;
    `taken` (the names already in one folder or zip, compared without case) adds -2, -3 … and is
    updated. The full name belongs inside the file (its title, its sheet)."""
    full = unicodedata.normalize("NFC", str(text))
    stem = _REFUSED.sub("_", full).strip(" .")
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    cut = stem.encode("utf-8")[:limit].decode("utf-8", "ignore").rstrip(" .")
    if cut != full:
        cut = f"{cut or '_'}~{hashlib.sha1(full.encode('utf-8')).hexdigest()[:8]}"
    dot = f".{suffix}" if suffix else ""
    name, n = cut + dot, 1
    while taken is not None and name.casefold() in taken:
        n += 1
        name = f"{cut}-{n}{dot}"
    if taken is not None:
        taken.add(name.casefold())
    return name


def section_packets(con, year: int, month: int, thresholds, lang: str = "zh", now: datetime | None = None,
                    scope: list[str] | None = None) -> bytes:
    """A zip of one Excel file per section that has projects behind plan (滞后, 严重滞后) or
    overspent at the end of `month`: sheet 1 the context (the sample note while sample data is loaded,
    the issuing unit, section, month, thresholds, 数据截至, time, what to do), sheet 2 those projects.
    One channel, one date (issue 36): the section answers in the product (预警与问询), by its inquiries'
    reply-by date — the packet says that date (notices/section_dues), or, before the month's inquiries are
    issued, that the 问询函 will; it asks for no answer of its own. Sections with nothing behind get no file.
    scope limits it to those sections (None: all)."""
    import xlsxwriter

    from spending import db, rules

    now = now or clock.now()
    cur = db.run(con, "project_status", year=year, month=month, sections=scope, statuses=list(rules.NOT_ON_TRACK),
                 min_gap=None, limit=None, unit=None, sources=None, direct=False, **thresholds.params())
    try:
        names = [d[0] for d in cur.description]
        rows = pd.DataFrame(cur.fetchall(), columns=names, dtype=object)
    finally:
        cur.close()
    rows = with_sources(con, rows, year, month, scope)
    rows["source"] = [source_words(v, lang) for v in rows["source"]]
    last = db.rows(con, "last_payment", year=year)[0]["last_pay_date"]
    dues = {r["section"]: r["due"] for r in db.rows(con, "notices/section_dues", year=year, month=month, scope=scope)}
    head = document_head(sample_loaded(con), lang)
    month_label = i18n.month_label(year, month, lang)
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    title = i18n.t("list_title", lang)
    buffer = io.BytesIO()
    entries: set[str] = set()      # the zip's names so far (file_name makes each unique)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as packet:
        if rows.empty:
            packet.writestr(file_name(t('by_section_none', month=month_label), "txt", entries),
                            t("by_section_none", month=month_label).encode("utf-8-sig"))
        for section, part in rows.groupby("section", sort=True):
            shown = part[LIST_COLUMNS].copy()
            shown["status"] = shown["status"].map(lambda s: i18n.status(s, lang))
            shown = shown.rename(columns={c: i18n.column(c, lang) for c in shown.columns})
            out = io.BytesIO()
            book = xlsxwriter.Workbook(out, XLSX_OPTIONS)
            fmt = Formats(book, lang)
            write_context(book, t("sheet_context"), head + [
                (i18n.column("section", lang), section),
                (t("list_month"), month_label),
                (t("list_rule"), t("list_rule_behind")),
                (t("thresholds_short"), f"{thresholds.yellow} / {thresholds.red}"),
                (t("thresholds", yellow=thresholds.yellow, red=thresholds.red), ""),
                (t("data_as_of", date=i18n.day_label(last, lang)) if last else t("data_as_of_none"), ""),
                (t("generated_at"), now.replace(microsecond=0)),
                (t("kpi_lagging") + " / " + t("kpi_severe") + " / " + t("kpi_overspent"),
                 " / ".join(str(int((part["status"] == s).sum())) for s in ("lagging", "severe", "overspent"))),
                (t("by_section_answer", due=i18n.day_label(dues[section], lang)) if section in dues
                 else t("by_section_answer_later"), ""),
            ], fmt)
            write_table(book, title, shown, fmt)
            book.close()
            packet.writestr(file_name(f"{section}-{title}-{year}-{month:02d}", "xlsx", entries), out.getvalue())
    return buffer.getvalue()


def section_packets_name(year: int, month: int, thresholds, at: datetime, lang: str = "zh",
                         sample: bool = False) -> str:
    by = i18n.t("by_section_file", lang)
    stem = file_stem(f"{i18n.t('list_title', lang)}-{by}-{year}-{month:02d}", thresholds.yellow, thresholds.red, at)
    return marked(stem, sample, lang) + ".zip"


# ------------------------------------------------------------------ PDF

# Debian's Chromium without a window, a sandbox (root in a container), a GPU or anything that calls home;
# nor the omnibox's popup, a page Chromium starts for every window and never shown here (0.1 s a PDF).
# The tests' browser starts with the same (tests/browser.py).
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup")


def chromium() -> str:
    found = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SpendingError("pdf_needs_chromium")
    return found


def print_pdf(page_html: str) -> bytes:
    """An HTML page printed to PDF by Chromium (the bulletin, the 问询函 of spending.notices)."""
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "bulletin.html"
        out = Path(folder) / "bulletin.pdf"
        page.write_text(page_html, encoding="utf-8")
        command = [chromium(), *CHROMIUM_ARGS, f"--user-data-dir={folder}/profile", "--no-pdf-header-footer",
                   f"--print-to-pdf={out}", page.as_uri()]
        done = subprocess.run(command, capture_output=True, timeout=120)
        if not out.exists():
            raise SpendingError("pdf_not_made", why=("", f": {done.stderr.decode()[-300:]}"))
        return out.read_bytes()


# ------------------------------------------------------------------ import templates

def template_xlsx(kind: str) -> bytes:
    """A blank import file: Chinese headers, one example row, and a sheet of column notes."""
    import xlsxwriter

    from spending.ingest import COLUMNS

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#e8edf7", "border": 1})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    data = book.add_worksheet(i18n.kind(kind))
    notes = book.add_worksheet(i18n.t("template_notes"))
    notes.write_row(0, 0, [i18n.t("column_zh"), "English", i18n.t("template_note")], head)
    notes.set_column(0, 1, 20)
    notes.set_column(2, 2, 90)
    for c, column in enumerate(COLUMNS[kind].values()):
        data.write_string(0, c, column.zh, head)
        data.set_column(c, c, max(12, len(column.zh) * 2 + 2))
        value = column.example
        if hasattr(value, "year"):
            data.write_datetime(1, c, datetime.combine(value, datetime.min.time()), day)
        elif value is not None:
            data.write(1, c, value)
        notes.write_row(c + 1, 0, [column.zh, column.name, column.note])
    data.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
