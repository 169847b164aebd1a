"""What an import file may hold, and the problem naming a sheet beyond it (check_extent, too_big): checked
before the expensive step each limit protects (calamine builds a sheet's whole rectangle in memory)."""

from __future__ import annotations

from spending.files.problems import ImportRejected, file_problem
from spending.i18n import Message

# Excel limits (an Excel sheet has at most 1,048,576 rows and 16,384 columns); beyond the cell and byte
# limits a sheet is refused before it is read: calamine builds the whole rectangle in memory.
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384
MAX_SHEET_CELLS = 12_000_000            # rows × columns of the first sheet (2,000,000 payments × 6)
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # any one entry of the workbook, unpacked, and all of them together
MAX_CELL_CHARS = 1_000_000              # a CSV cell longer than this is not a treasury export
MAX_SUSPECT_LINES = 10_000      # lines a CSV reader notes for the control check; beyond, every row is checked


def check_extent(name: str, rows: int, columns: int, declared: bool = False) -> None:
    how_zh, how_en = ("声明", "declares") if declared else ("含有", "holds")
    if rows > MAX_SHEET_ROWS or columns > MAX_SHEET_COLUMNS or rows * max(columns, 1) > MAX_SHEET_CELLS:
        raise too_big(name, Message("excel_first_sheet_extent", how=(how_zh, how_en), rows=rows, columns=columns))


def too_big(name: str, extent) -> ImportRejected:
    """extent: what is too big, a Message (or text said in both languages)."""
    return file_problem(name, "excel_too_big", extent=extent, max_rows=MAX_SHEET_ROWS, max_cells=MAX_SHEET_CELLS)
