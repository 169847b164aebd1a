"""Downloads of what is on screen: Excel and CSV, with the context written into the file.

Every text cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR first) is
neutralised with a leading apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe


def to_csv(frame: pd.DataFrame, meta: list[tuple[str, str]]) -> bytes:
    """UTF-8 with BOM (so Excel opens Chinese correctly): the context lines, a blank line, the table."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for key, value in meta:
        writer.writerow([neutralise(key), neutralise(value)])
    writer.writerow([])
    safe = _safe(frame)
    writer.writerow([neutralise(str(c)) for c in safe.columns])
    for row in safe.itertuples(index=False):
        writer.writerow(["" if pd.isna(v) else v for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, meta: list[tuple[str, str]], sheet: str) -> bytes:
    """One sheet: the context rows on top, then the table with a filter and frozen header."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "nan_inf_to_errors": True})
    write_sheet(book, sheet, frame, meta)
    book.close()
    return buffer.getvalue()


def write_sheet(book, sheet: str, frame: pd.DataFrame, meta: list[tuple[str, str]]) -> None:
    """Add a sheet to an xlsxwriter workbook: context rows, a blank row, the table."""
    ws = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "bg_color": "#e8edf7", "border": 1, "text_wrap": True, "valign": "top"})
    number = book.add_format({"num_format": "#,##0.00", "border": 1})
    text = book.add_format({"border": 1})
    for r, (key, value) in enumerate(meta):
        ws.write_string(r, 0, str(neutralise(key)), bold)
        ws.write_string(r, 1, str(neutralise(value)))
    top = len(meta) + 1
    safe = _safe(frame)
    for c, name in enumerate(safe.columns):
        ws.write_string(top, c, str(neutralise(str(name))), head)
        numeric = pd.api.types.is_numeric_dtype(safe[name]) and not pd.api.types.is_bool_dtype(safe[name])
        ws.set_column(c, c, 12 if numeric else 22)
        for r, value in enumerate(safe[name], start=top + 1):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                ws.write_blank(r, c, None, text)
            elif numeric:
                ws.write_number(r, c, float(value), number)
            else:
                ws.write_string(r, c, str(value), text)
    ws.autofilter(top, 0, top + len(safe), max(0, len(safe.columns) - 1))
    ws.freeze_panes(top + 1, 0)


def template_xlsx(kind: str) -> bytes:
    """A blank import file: Chinese headers, one example row, and a sheet of column notes."""
    import xlsxwriter

    from spending.ingest import COLUMNS, EXAMPLES, KIND_LABELS, NOTES

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#e8edf7", "border": 1})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    data = book.add_worksheet(KIND_LABELS[kind])
    notes = book.add_worksheet("填写说明")
    notes.write_row(0, 0, ["列名", "English", "说明"], head)
    notes.set_column(0, 1, 20)
    notes.set_column(2, 2, 90)
    for c, column in enumerate(COLUMNS[kind].values()):
        data.write_string(0, c, column.zh, head)
        data.set_column(c, c, max(12, len(column.zh) * 2 + 2))
        value = EXAMPLES[kind].get(column.name)
        if hasattr(value, "year"):
            data.write_datetime(1, c, datetime.combine(value, datetime.min.time()), day)
        elif value is not None:
            data.write(1, c, value)
        notes.write_row(c + 1, 0, [column.zh, column.name, NOTES[column.name]])
    data.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()

