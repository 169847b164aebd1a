"""Which row of a file is its header: the first, within the first HEADER_SEARCH rows, that is_header scores
FITS (report titles above it are skipped)."""

from __future__ import annotations

from spending.files.problems import ImportRejected, file_problem

HEADER_SEARCH = 20              # the header is the first row, within the first 20, that maps to a kind's columns
FITS = 1000                     # is_header(cells) scores a row: FITS, else how many column names it holds


def find_header(records, is_header) -> tuple[list[str], int, list[tuple[int, str]]]:
    """(header, its line, the title rows above it as (line, text)) among (line, cells) records, blank ones
    skipped: the first of the first HEADER_SEARCH rows that is_header scores FITS; else the one naming most
    columns (at least 2); else the first non-blank row."""
    first: tuple[list, int, list[tuple[int, str]]] | None = None
    best = first
    best_score = 1
    above: list[tuple[int, str]] = []
    for line, record in records:
        if not any(str(cell).strip() for cell in record):
            continue
        if first is None:
            first = (record, line, [])
        if is_header is None:
            break
        score = is_header(record)
        if score >= FITS:
            return record, line, above
        if score > best_score:
            best, best_score = (record, line, list(above)), score
        above.append((line, " ".join(str(cell).strip() for cell in record if str(cell).strip())))
        if len(above) >= HEADER_SEARCH:
            break
    return best or first or ([], 0, [])


def no_header(name: str) -> ImportRejected:
    """A file in which find_header found nothing (a CSV's or a sheet's)."""
    return file_problem(name, "file_no_header")
