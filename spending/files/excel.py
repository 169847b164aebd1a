"""The first sheet of an XLSX or an XLS read through calamine, after its guard (xlsx_guard, xls_guard): the
header, the rows after it as the text a CSV would hold (cell_text), the rows that may hold a control
character, and the numbers that lost digits (more than Excel's 15)."""

from __future__ import annotations

import io
from datetime import date, datetime

from spending.characters import CONTROL
from spending.files.header import find_header, no_header
from spending.files.limits import MAX_SUSPECT_LINES, check_extent
from spending.files.problems import ImportRejected, file_problem
from spending.files.xls_guard import check_xls, not_xls
from spending.files.xlsx_guard import check_workbook

def cell_text(cell) -> str:
    """An Excel cell as the text a CSV would hold: dates ISO (a date with a time is its date), whole
    numbers without .0, and a float within 1e-9 of a value of at most 6 decimals (a formula's
    300.29999999999995) as that value (300.3)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, float):
        if cell != cell or cell in (float("inf"), float("-inf")):
            return repr(cell)
        if cell.is_integer():
            return str(int(cell))
        for places in range(1, 7):
            rounded = round(cell, places)
            if abs(cell - rounded) <= 1e-9:
                return f"{rounded:.{places}f}"
        return repr(cell)
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def read_xlsx(name: str, data: bytes, is_header=None) -> tuple[list[str], int, list[tuple[int, list]], list, list | None, list]:
    """(header, its row, the rows after it, the title rows above it, the rows holding a CONTROL character or
    None if more than MAX_SUSPECT_LINES do, the cells whose number lost digits (RawTable.lossy_numbers))."""
    check_workbook(name, data)
    from python_calamine import CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        cells = sheet.to_python(skip_empty_area=False)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001 - calamine raises several unrelated types, a Rust panic among them
        raise file_problem(name, "xlsx_sheet_unreadable", error=("", str(error)[:200])) from None
    return _sheet_rows(name, cells, is_header)


def read_xls(name: str, data: bytes, is_header=None) -> tuple[list[str], int, list[tuple[int, list]], list, list | None, list]:
    """What read_xlsx gives, from the first sheet of an old Excel file (.xls, BIFF5/BIFF8 in an OLE2
    compound file), after check_xls. Date cells come as dates, as in an XLSX."""
    check_xls(name, data)
    from python_calamine import CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        check_extent(name, sheet.height, sheet.width)
        cells = sheet.to_python(skip_empty_area=False)
    except (KeyboardInterrupt, SystemExit, ImportRejected):
        raise
    except BaseException as error:  # noqa: BLE001 - calamine raises several unrelated types, a Rust panic among them
        raise not_xls(name, "xls_as_read", reason=str(error)[:200]) from None
    return _sheet_rows(name, cells, is_header)


def _sheet_rows(name: str, cells: list[list], is_header) -> tuple[list[str], int, list[tuple[int, list]], list, list | None, list]:
    """read_xlsx's answer from the cells of a sheet, as calamine gives them (row 1 first)."""
    records = ((number, [cell_text(c) for c in record]) for number, record in enumerate(cells, start=1))
    header, header_row, titles = find_header(records, is_header)
    if not header:
        raise no_header(name)
    rows = []
    suspects: list[int] | None = []
    lossy: list[tuple[int, int, str]] = []
    for number, record in enumerate(cells[header_row:], start=header_row + 1):
        texts = [cell_text(c) for c in record]
        if any(texts):
            rows.append((number, texts))
            if suspects is not None and CONTROL.search("\x1f".join(texts)):
                suspects.append(number)
                suspects = suspects if len(suspects) <= MAX_SUSPECT_LINES else None
            if len(lossy) < MAX_SUSPECT_LINES:
                lossy += [(number, i, texts[i]) for i, c in enumerate(record) if _lost_digits(c)]
    return header, header_row, rows, titles, suspects, lossy


def _lost_digits(cell) -> bool:
    """An Excel number of more than 15 digits: Excel keeps 15 significant digits, so a 21-digit code
    stored as a number has already lost its last ones."""
    return isinstance(cell, float) and cell == cell and abs(cell) >= 1e15 and abs(cell) != float("inf")
