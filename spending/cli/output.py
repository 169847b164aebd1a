"""What the command line prints. Tables are for people: Chinese headers, one line per row, most behind plan first,
a terminal control from the data shown as <U+XXXX> (characters.visible). CSV and JSON are data (SPEC §3): CSV UTF-8
with a header, no index, formulas neutralised; JSON an array of objects keyed by the CSV column names."""

from __future__ import annotations

import csv
import io
import json
import operator
import os
import sys
import unicodedata
from datetime import date, datetime
from decimal import Decimal

from spending import characters, i18n


class Visible:
    """A text stream that writes every text through characters.visible: whatever the command line prints (tables,
    import reports, import-document's read-out, errors naming a value) shows a terminal control from the data
    (ESC, CR, C1, bidi overrides) as <U+XXXX> instead of obeying it. The data formats write to `unfiltered`:
    CSV as it is (formulas neutralised), JSON with such characters as \\u escapes (the same data)."""

    def __init__(self, stream):
        self.unfiltered = stream

    def write(self, text: str) -> int:
        self.unfiltered.write(characters.visible(text))
        return len(text)

    def __getattr__(self, name):
        return getattr(self.unfiltered, name)


def unfiltered(stream):
    """The stream under a Visible one (the data formats' stdout)."""
    return getattr(stream, "unfiltered", stream)


def silence_stdout() -> None:
    """After a closed pipe: send what is left to /dev/null, so that flushing at exit is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def plain(value):
    """CSV text: numbers with 2 decimals (already rounded), NULL as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):   # SPEC §5 (sources' direct): true/false, as in JSON
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return value


# The CSV cell of a value of the types a query gives most (plain(characters.neutralise(value)), found by the value's
# type in one look-up instead of a chain of isinstance: `units` writes 3,000 rows, issue 34); any other type the same
# way, through plain.
_CSV_CELL = {type(None): lambda v: "", bool: lambda v: "true" if v else "false", Decimal: lambda v: f"{v:.2f}",
             int: lambda v: v, str: characters.neutralise}


def csv_cell(value):
    """plain(characters.neutralise(value)): a CSV cell."""
    cell = _CSV_CELL.get(type(value))
    return cell(value) if cell is not None else plain(characters.neutralise(value))


def _json(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (date, datetime)):
        return plain(value)
    return value


def emit(rows: list[dict], columns: list[str], fmt: str, empty: i18n.Message | None = None) -> None:
    """csv and json are data: written as they are (not through characters.visible), but a CSV's text that a
    spreadsheet would run as a formula gets an apostrophe (characters.neutralise, as the pages' CSV: numbers are
    numbers here, so -12.50 stays -12.50), and JSON writes a terminal control as a \\u escape (still the same
    text once read). table is for people: every cell shown on one line, its controls visible."""
    out = unfiltered(sys.stdout)
    if fmt == "csv":
        # each row ends in \n; a field holding CR is quoted too (a writer quotes what its line end holds)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        cells_of = operator.itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
        lines = [columns, *(list(map(csv_cell, cells_of(row))) for row in rows)]
        writer.writerows(lines)
        text = buffer.getvalue()
        if text.count("\r\n") == len(lines):      # no cell holds a line break: each \r\n ends a row
            out.write(text.replace("\r\n", "\n"))
            return
        buffer.seek(0)
        buffer.truncate()
        for cells in lines:
            writer.writerow(cells)
            out.write(buffer.getvalue()[:-2] + "\n")
            buffer.seek(0)
            buffer.truncate()
    elif fmt == "json":
        text = json.dumps([{c: _json(row[c]) for c in columns} for row in rows], ensure_ascii=False, indent=1)
        out.write(characters.TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
    else:
        print_table(rows, columns, empty)


def width(text: str) -> int:
    if text.isascii():      # figures and codes: one column a character
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# Values whose text (plain) is digits, a sign and a point, or empty: nothing in it to make visible.
_FIGURES = (type(None), int, Decimal)


def print_table(rows: list[dict], columns: list[str], empty: i18n.Message | None = None) -> None:
    """For people: Chinese headers, most behind plan first (the queries' order)."""
    shown = [c for c in columns if c not in ("fiscal_year", "as_of")]
    if not rows:
        print(empty or i18n.Message("year_no_projects"))
        return
    if "as_of" in columns:
        print(i18n.Message("as_of", as_of=rows[0]['as_of']))
    cells = [[i18n.column(c) for c in shown]]
    for row in rows:    # codes in words: a status, and a batch's kind (issue 37: 支付明细, not disbursements)
        cells.append([i18n.status(row[c]) + row.get("status_note", "") if c == "status"
                      else i18n.kind(row[c]) if c == "kind"
                      else i18n.t("yes" if row[c] else "no") if isinstance(row[c], bool)   # 是/否; csv, json: true/false
                      else str(plain(row[c])) if type(row[c]) in _FIGURES
                      else characters.visible(str(plain(row[c])), one_line=True)
                      for c in shown])
    sized = [[(text, width(text)) for text in r] for r in cells]     # each cell's width once
    widths = [max(r[i][1] for r in sized) for i in range(len(shown))]
    for r in sized:
        print("  ".join(text + " " * (w - n) for (text, n), w in zip(r, widths)).rstrip())
