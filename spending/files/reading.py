"""Reading an import file, no database: bytes -> the header and the rows, or a problem naming the file.

    read_file     a CSV (UTF-8 with or without BOM, or GB18030/GBK) or the first sheet of an XLSX or an XLS
    read_header   only the header, for telling a file's kind before it is read
    RawTable      what was read: encoding, header (found below title rows), where the rows are

A CSV's rows with more (or fewer) cells than the header are named with both counts (RawTable.ragged).
Temporary copies (a GBK file re-encoded to UTF-8, an upload written out for DuckDB) live in
processes.temp_dir(), removed when the RawTable is discarded or garbage-collected.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import tempfile
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spending.characters import CONTROL
from spending.files import xls_guard
from spending.files.encodings import (CHUNK, ControlScan, MixedLines, bad_byte, csv_encoding, decode_whole, hash_and_scan,
                                      newlines, nul_byte, rest_has_content)
from spending.files.excel import cell_text, read_xls, read_xlsx
from spending.files.header import HEADER_SEARCH, find_header, no_header
from spending.files.limits import MAX_CELL_CHARS, MAX_SUSPECT_LINES
from spending.files.problems import file_problem
from spending.files.xlsx_guard import check_workbook
from spending.processes import temp_dir

# A UTF-8 CSV on disk is hashed by this pool while DuckDB reads and checks it (hashlib lets go of the
# GIL): the hash is first needed when the import is written.
_HASHING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sha256")


def _unlink(path: Path) -> None:
    path.unlink(missing_ok=True)


@dataclass
class RawTable:
    file_name: str
    digest: str | Future                   # the file's SHA-256 (hex), or hash_and_scan's future: see sha256
    encoding: str                          # utf-8, utf-8-sig, gb18030 or xlsx
    header: list[str]
    header_line: int                       # physical line (or sheet row) of the header
    csv_path: Path | None = None           # a UTF-8 CSV DuckDB can read; None for XLSX
    line_count: int = 0                    # physical lines of the CSV
    rows: list[tuple[int, list]] | None = None   # XLSX rows: (sheet row, cells)
    title_rows: int = 0                    # non-blank rows above the header (a report title)
    titles: list[tuple[int, str]] = field(default_factory=list)    # those rows: (line, their cells' text)
    # XLSX cells holding a whole number of more than 15 digits (Excel keeps 15 significant digits: a code
    # stored as a number has lost its last digits): (sheet row, column position, the text as read)
    lossy_numbers: list[tuple[int, int, str]] = field(default_factory=list)
    ragged: list[tuple[int, int, str]] = field(default_factory=list)   # (line, cells, text) not as wide as the header
    # lines (sheet rows) that may hold a control or bidi character (CONTROL), for the import's check of the
    # texts there; None: too many, every row is checked. A CSV's lines are found by ControlScan. Read
    # through suspects(), which waits for the scan on the side.
    suspect_lines: list[int] | None = field(default_factory=list)
    _temporary: Path | None = None
    _finalizer: Any = None

    @property
    def sha256(self) -> str:
        self._settle()
        assert isinstance(self.digest, str)     # settled
        return self.digest

    def suspects(self) -> list[int] | None:
        self._settle()
        return self.suspect_lines

    def _settle(self) -> None:
        if isinstance(self.digest, Future):
            self.digest, found = self.digest.result()
            if found is None or self.suspect_lines is None:
                self.suspect_lines = None
            else:
                self.suspect_lines = sorted({*self.suspect_lines, *found})

    @property
    def excel(self) -> bool:
        return self.encoding in ("xlsx", "xls")

    def keep_temporary(self, path: Path) -> None:
        """path is removed by discard(), or when this table is garbage-collected."""
        self.csv_path = self._temporary = path
        self._finalizer = weakref.finalize(self, _unlink, path)

    def python_rows(self) -> list[tuple[int, list]]:
        """Every non-blank row after the header with its exact line (or sheet row) number; rows with
        more or fewer cells than the header are left out and listed in self.ragged."""
        if self.rows is None:   # read again rather than keep a large file's text in memory
            assert self.csv_path is not None    # (rows is None for a CSV only)
            try:
                text = self.csv_path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError:   # UTF-8 at the start only: the whole file decides
                text, self.encoding = decode_whole(self.file_name, self.csv_path.read_bytes())
            rows = _csv_rows(text, self.header_line, self.file_name)
            self.rows = self._drop_ragged(rows)
        return self.rows

    def _drop_ragged(self, rows):
        width = len(self.header)
        needed = width
        while needed > 1 and not str(self.header[needed - 1]).strip():
            needed -= 1   # blank header cells at the end need not be filled
        kept = []
        for line, cells in rows:
            n = len(cells)
            if n < needed or (n > width and any(str(c).strip() for c in cells[width:])):
                self.ragged.append((line, n, ",".join(cells)))
            else:
                kept.append((line, cells))
                if self.suspect_lines is not None and CONTROL.search("\x1f".join(cells)):
                    self._suspect(line)
        return kept

    def _suspect(self, line: int) -> None:
        if self.suspect_lines is None:      # (called while it is a list)
            return
        if line not in self.suspect_lines[-1:]:
            self.suspect_lines.append(line)
            if len(self.suspect_lines) > MAX_SUSPECT_LINES:
                self.suspect_lines = None

    def discard(self) -> None:
        self.rows = None
        if self._finalizer is not None:
            self._finalizer()
            self._finalizer = None
        self._temporary = None


def read_file(path: str | Path, name: str | None = None, data: bytes | None = None,
              is_header: Callable[[list[str]], int] | None = None) -> RawTable:
    """Read a CSV (UTF-8 with or without BOM, or GB18030/GBK) or the first sheet of an XLSX.

    The header is the first row, within the first HEADER_SEARCH, that is_header scores FITS (title rows
    above it are skipped); failing that the row naming most columns, or the first non-blank row. A CSV on disk is streamed: hashed
    and its lines counted chunk by chunk, its encoding told from the first chunk. A UTF-8 one is then
    read by DuckDB in place (DuckDB rejects invalid UTF-8 further on, and the file is then decoded in
    Python, see RawTable.python_rows); a GBK one, or an upload, is written to a UTF-8 copy, also chunk by chunk."""
    path = Path(path)
    name = name or path.name
    try:
        if data is None and path.exists() and not path.is_file():
            data = path.read_bytes()   # a pipe (/dev/stdin, <(…)) can be read once: taken whole, as an upload
        source = io.BytesIO(data) if data is not None else path.open("rb")
    except OSError as error:
        raise file_problem(name, "file_unreadable", reason=error.strerror) from None
    with source:
        head = source.read(CHUNK)
        if not head.strip() and not rest_has_content(source):
            raise file_problem(name, "file_empty")
        suffix = Path(name).suffix.lower()
        if head[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm"):
            whole = head + source.read()
            header, header_row, rows, titles, suspects, lossy = read_xlsx(name, whole, is_header)
            return RawTable(name, hashlib.sha256(whole).hexdigest(), "xlsx", header, header_row, rows=rows,
                            title_rows=len(titles), titles=titles, suspect_lines=suspects, lossy_numbers=lossy)
        if suffix == ".xls" or head[:8] == xls_guard.OLE2_MAGIC:
            whole = head + source.read(max(xls_guard.MAX_XLS_BYTES + 1 - len(head), 0))   # never more than the limit in memory
            header, header_row, rows, titles, suspects, lossy = read_xls(name, whole, is_header)
            return RawTable(name, hashlib.sha256(whole).hexdigest(), "xls", header, header_row, rows=rows,
                            title_rows=len(titles), titles=titles, suspect_lines=suspects, lossy_numbers=lossy)
        encoding = csv_encoding(name, head)
        header, header_line, titles = _csv_header(name, head.decode(encoding, errors="ignore"), is_header)
        sha = None   # a UTF-8 file read in place is hashed on the side, see _HASHING
        lines = 0
        last = b""
        copy = None
        mixed = MixedLines(name) if encoding == "gb18030" else None   # UTF-8 ones are checked by their decoder
        scan = ControlScan()
        if data is not None or not encoding.startswith("utf-8"):   # a UTF-8 copy for DuckDB to read
            copy = tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False, dir=temp_dir())
            decoder = codecs.getincrementaldecoder(encoding)()
            sha = hashlib.sha256()
        try:
            chunk = head
            while chunk:
                if sha is not None:
                    sha.update(chunk)
                if b"\x00" in chunk:
                    raise nul_byte(name, lines + chunk.count(b"\n", 0, chunk.index(b"\x00")) + 1)
                if mixed is not None:
                    mixed.feed(chunk)
                if copy is not None:
                    try:
                        utf8 = decoder.decode(chunk).encode("utf-8")
                    except UnicodeDecodeError as error:
                        raise bad_byte(name, encoding, lines + chunk.count(b"\n", 0, max(error.start, 0)) + 1) from None
                    copy.write(utf8)
                    scan.feed(utf8)
                lines += newlines(chunk)
                last = chunk
                chunk = source.read(CHUNK)
            if mixed is not None:
                mixed.feed(b"\n")
            if copy is not None:
                try:
                    copy.write(decoder.decode(b"", final=True).encode("utf-8"))
                except UnicodeDecodeError:
                    raise bad_byte(name, encoding, lines + 1) from None
        except BaseException:
            if copy is not None:
                copy.close()
                Path(copy.name).unlink(missing_ok=True)
            raise
    lines += 0 if last.endswith(b"\n") else 1
    digest = sha.hexdigest() if sha is not None else _HASHING.submit(hash_and_scan, path)
    table = RawTable(name, digest, encoding, header, header_line, line_count=lines, title_rows=len(titles), titles=titles,
                     suspect_lines=scan.lines)
    if copy is None:
        table.csv_path = path
    else:
        copy.close()
        table.keep_temporary(Path(copy.name))
    return table


csv.field_size_limit(MAX_CELL_CHARS)


def _csv_records(text: str, name: str = ""):
    """(first physical line, cells) of every CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for record in reader:
            yield start, record
            start = reader.line_num + 1
    except csv.Error as error:
        if "field larger" in str(error):
            raise file_problem(name, "csv_cell_too_long", line=start, start=start, limit=MAX_CELL_CHARS,
                               name=name) from None
        raise file_problem(name, "csv_malformed", at=reader.line_num, error=error) from None


def _csv_header(name: str, text: str, is_header=None) -> tuple[list[str], int, list[tuple[int, str]]]:
    header, line, titles = find_header(_csv_records(text, name), is_header)
    if not header:
        raise no_header(name)
    return header, line, titles


def _csv_rows(text: str, header_line: int, name: str = "") -> list[tuple[int, list]]:
    return [(line, record) for line, record in _csv_records(text, name)
            if line > header_line and any(cell.strip() for cell in record)]


def read_header(name: str, data: bytes, is_header=None) -> list[str]:
    """Only the header of a file (for telling its kind before it is read), [] when there is none or the
    file cannot be read: the first CSV chunk, or the first rows of an XLSX's first sheet."""
    try:
        old_excel = data[:4] != b"PK\x03\x04" and (Path(name).suffix.lower() == ".xls" or data[:8] == xls_guard.OLE2_MAGIC)
        if data[:4] == b"PK\x03\x04" or Path(name).suffix.lower() in (".xlsx", ".xlsm") or old_excel:
            xls_guard.check_xls(name, data) if old_excel else check_workbook(name, data)
            from python_calamine import CalamineWorkbook

            sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
            cells = sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH + 1)
            records = ((n, [cell_text(c) for c in r]) for n, r in enumerate(cells, start=1))
            return find_header(records, is_header)[0]
        head = data[:1 << 16]
        cut = head.rfind(b"\n")
        head = head[:cut] if cut > 0 and len(data) > len(head) else head
        return _csv_header(name, head.decode(csv_encoding(name, head), errors="ignore"), is_header)[0]
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - the full read names the problem
        return []
