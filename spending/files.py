"""Reading import files, no database: bytes -> the header and the rows, or a problem naming the file.

    read_file     a CSV (UTF-8 with or without BOM, or GB18030/GBK) or the first sheet of an XLSX or an XLS
    RawTable      what was read: encoding, header (found below title rows), where the rows are
    Problem       one reason to reject a file, in Chinese and English; ImportRejected holds them all
    cell_text     an Excel cell as the text a CSV would hold

Guards, each checked before the expensive step it protects:
* an XLSX's first sheet: the declared dimension, the position of every cell and the unpacked size of
  its zip entries are checked before calamine reads it (an "Excel bomb" is refused in well under a second);
* an XLS (the old format, an OLE2 compound file, not a zip): its size, and the cells' positions in every
  sheet (calamine parses them all when it opens the file, each into a full rectangle), are checked by
  walking the OLE2 sectors and the BIFF records before calamine reads it (check_xls); a crafted OLE2
  structure is refused with a reason, never a traceback;
* a CSV: NUL bytes and lines in another encoding than the rest are named with their line; rows with more
  (or fewer) cells than the header are named with both counts (see RawTable.ragged).

Temporary copies (a GBK file re-encoded to UTF-8, an upload written out for DuckDB) live in
temp_dir(): one folder per process under <tmp>/spending-uploads, removed when the RawTable is discarded
or garbage-collected, when the process ends, and by clear_stale_temp() (run when the dashboard starts)
for processes that no longer run.
"""

from __future__ import annotations

import atexit
import codecs
import csv
import hashlib
import io
import os
import re
import shutil
import tempfile
import unicodedata
import weakref
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np

from spending import SpendingError
from spending.i18n import REASONS

CHUNK = 1 << 24                 # bytes read at a time: a large file is never held in memory whole
HEADER_SEARCH = 20              # the header is the first row, within the first 20, that maps to a kind's columns
FITS = 1000                     # is_header(cells) scores a row: FITS, else how many column names it holds

# Excel limits (an Excel sheet has at most 1,048,576 rows and 16,384 columns); beyond the cell and byte
# limits a sheet is refused before it is read: calamine builds the whole rectangle in memory.
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384
MAX_SHEET_CELLS = 12_000_000            # rows × columns of the first sheet (2,000,000 payments × 6)
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # any one entry of the workbook, unpacked, and all of them together
MAX_CELL_CHARS = 1_000_000              # a CSV cell longer than this is not a treasury export
MAX_XLS_BYTES = MAX_UNPACKED_BYTES      # an XLS is not packed: the file itself is bounded as an XLSX's entries
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # the first bytes of an OLE2 compound file (.xls, .doc)


# --------------------------------------------------------------------------- problems

# The problems' reasons (error codes of queries/import/*.sql and of the checks in ingest and here): i18n.REASONS.


@dataclass(frozen=True)
class Problem:
    """One reason to reject a file. line is None for a problem with the file as a whole."""

    zh: str
    en: str
    line: int | None = None
    column: str | None = None
    value: Any = None
    excel: bool = False

    @classmethod
    def of(cls, code: str, line=None, column=None, value=None, excel=False, **values) -> "Problem":
        zh, en = REASONS[code]
        values.setdefault("unit", "row" if excel else "line")
        return cls(zh.format(**values), en.format(**values), line, column, value, excel)

    def __str__(self) -> str:
        return visible(self._text(), one_line=True)     # a value's line break too: one problem, one line

    def _text(self) -> str:
        unit = "row" if self.excel else "line"
        if self.line is None:
            where_zh = f"列 {self.column}：" if self.column else ""
            where_en = f"column {self.column}: " if self.column else ""
            return f"{where_zh}{self.zh} | {where_en}{self.en}"
        value = "" if self.value is None else str(self.value)
        if len(value) > 200:
            value = value[:200] + "…"
        if self.column is None and self.value is None:
            return f"第 {self.line} 行：{self.zh} | {unit} {self.line}: {self.en}"
        if self.column is None:
            return (f"第 {self.line} 行，值「{value}」：{self.zh} | "
                    f"{unit} {self.line}, value \"{value}\": {self.en}")
        return (
            f"第 {self.line} 行，列 {self.column}，值「{value}」：{self.zh} | "
            f"{unit} {self.line}, column {self.column}, value \"{value}\": {self.en}"
        )


class ImportRejected(SpendingError):
    def __init__(self, file_name: str, problems: list[Problem], total: int | None = None):
        self.file_name = file_name
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__(self.report())

    def report(self, limit: int = 200) -> str:
        head = (
            f"导入被拒绝，未写入任何数据：{self.file_name} 有 {self.total} 个问题 | "
            f"import rejected, nothing written: {self.file_name} has {self.total} problem(s)"
        )
        lines = [str(p) for p in self.problems[:limit]]
        if self.total > limit:
            lines.append(f"…… 另有 {self.total - limit} 个问题 | … and {self.total - limit} more")
        return visible("\n".join([head, *lines]))


def file_problem(name: str, zh: str, en: str, column: str | None = None, line: int | None = None,
                 value: Any = None, excel: bool = False) -> ImportRejected:
    return ImportRejected(name, [Problem(zh, en, line=line, column=column, value=value, excel=excel)])


# --------------------------------------------------------------------------- text

# Characters a spreadsheet or a copy from a web page leaves in a cell that nobody can see.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
BLANKS = " \t\r\n\u00a0\u3000" + INVISIBLE


# Control characters (but TAB and line breaks: ESC starts a terminal's escape sequences, C1 controls too)
# and bidi embeddings, overrides and isolates ("\u202Eevil" shows as "live"). A cell holding one is refused
# (queries/import/check_macros.sql text_problem); a report never prints one (visible).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MAX_SUSPECT_LINES = 10_000      # lines a CSV reader notes for the control check; beyond, every row is checked


# What changes how a terminal (or a page) shows a text, beyond CONTROL: CR (the line is written over from its
# start), the bidi marks U+061C, U+200E and U+200F, and the line and paragraph separators U+2028 and U+2029.
# TERMINAL keeps TAB and LF (a report's own lines); ONE_LINE (a table's cell) takes them too.
TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str, one_line: bool = False) -> str:
    """text with each control or bidi character (TERMINAL; with one_line also TAB and LF) written as
    <U+XXXX>, so that printing it is harmless: ESC[2J does not clear the screen, U+202E does not turn the
    rest of the line around, CR does not write over it. The one function for every text from the data that
    the command line prints (spending.__main__) and for the import's reports."""
    return (ONE_LINE if one_line else TERMINAL).sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


# Text a spreadsheet would run as a formula when it opens a CSV: it gets a leading apostrophe (in CSV only;
# an .xlsx string cell is never a formula). Numbers are not text, so -12.50 stays a number: the callers
# (spending.export.csv_text, the command line's --format csv) pass them as numbers, not as their text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """For CSV: text a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# Hyphens and dashes a key may be typed with, and the fillers that show as blank (see code() in
# queries/import/check_macros.sql, which does the same for every cell without NFKC).
_KEY_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_KEY_FILLERS = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")


def _key_chars(text: str) -> str:
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Zl", "Zp") or (category == "Zs" and ch != " ") or ch in _KEY_FILLERS:
            continue
        kept.append(ch)
    return "".join(kept).translate(_KEY_HYPHENS)


def normalise_code(text: str) -> str:
    """A key or code as compared and stored: NFKC (full-width letters and digits, compatibility forms),
    without control, format and separator characters (but the ASCII space) nor blank fillers, every hyphen
    and dash as '-', no spaces at either end. '' when nothing is left."""
    return _key_chars(unicodedata.normalize("NFKC", _key_chars(text))).strip(" ")


_DROP_INVISIBLE = {ord(c): None for c in INVISIBLE}


def normalise_header(text: Any) -> str:
    """Full-width parentheses to half-width, no spaces nor invisible characters, English in lower case."""
    s = "" if text is None else str(text)
    s = s.translate(_DROP_INVISIBLE).replace("（", "(").replace("）", ")").replace("\u00a0", " ")
    return re.sub(r"\s+", "", s).lower()


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


# --------------------------------------------------------------------------- temporary copies

_TEMP_ROOT = Path(tempfile.gettempdir()) / "spending-uploads"


def temp_dir() -> Path:
    """This process's folder for temporary copies (removed when the process ends)."""
    folder = _TEMP_ROOT / str(os.getpid())
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        atexit.register(shutil.rmtree, folder, True)
    return folder


def clear_stale_temp() -> int:
    """Remove the temporary copies of processes that no longer run (the dashboard calls this at start)."""
    removed = 0
    if not _TEMP_ROOT.is_dir():
        return 0
    for folder in _TEMP_ROOT.iterdir():
        pid = int(folder.name) if folder.name.isdigit() else None
        if pid == os.getpid() or (pid is not None and alive(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True) if folder.is_dir() else folder.unlink(missing_ok=True)
        removed += 1
    return removed


def alive(pid: int) -> bool:
    """Whether process pid is running (one of another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _unlink(path: Path) -> None:
    path.unlink(missing_ok=True)


# --------------------------------------------------------------------------- reading

# A UTF-8 CSV on disk is hashed by this pool while DuckDB reads and checks it (hashlib lets go of the
# GIL): the hash is first needed when the import is written.
_HASHING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sha256")


def newlines(chunk: bytes) -> int:
    """How many b"\\n" chunk holds (numpy counts three times faster than bytes.count)."""
    return int(np.count_nonzero(np.frombuffer(chunk, np.uint8) == 10))


def hash_and_scan(path: Path) -> tuple[str, list[int] | None]:
    """The file's SHA-256 (hex) and the lines ControlScan finds: on the side (_HASHING) for a UTF-8 CSV
    DuckDB reads in place, while DuckDB reads it (hashlib and numpy let go of the interpreter)."""
    digest, scan = hashlib.sha256(), ControlScan()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            scan.feed(chunk)
    return digest.hexdigest(), scan.lines


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
        raise file_problem(name, f"无法读取文件：{error.strerror}", f"cannot read the file: {error.strerror}") from None
    with source:
        head = source.read(CHUNK)
        if not head.strip() and not _rest_has_content(source):
            raise file_problem(name, "文件为空", "the file is empty")
        suffix = Path(name).suffix.lower()
        if head[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm"):
            whole = head + source.read()
            header, header_row, rows, titles, suspects, lossy = read_xlsx(name, whole, is_header)
            return RawTable(name, hashlib.sha256(whole).hexdigest(), "xlsx", header, header_row, rows=rows,
                            title_rows=len(titles), titles=titles, suspect_lines=suspects, lossy_numbers=lossy)
        if suffix == ".xls" or head[:8] == OLE2_MAGIC:
            whole = head + source.read(max(MAX_XLS_BYTES + 1 - len(head), 0))   # never more than the limit in memory
            header, header_row, rows, titles, suspects, lossy = read_xls(name, whole, is_header)
            return RawTable(name, hashlib.sha256(whole).hexdigest(), "xls", header, header_row, rows=rows,
                            title_rows=len(titles), titles=titles, suspect_lines=suspects, lossy_numbers=lossy)
        encoding = _encoding(name, head)
        header, header_line, titles = _csv_header(name, head.decode(encoding, errors="ignore"), is_header)
        sha = None   # a UTF-8 file read in place is hashed on the side, see _HASHING
        lines = 0
        last = b""
        copy = None
        mixed = _MixedLines(name) if encoding == "gb18030" else None   # UTF-8 ones are checked by their decoder
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
                    raise _nul(name, lines + chunk.count(b"\n", 0, chunk.index(b"\x00")) + 1)
                if mixed is not None:
                    mixed.feed(chunk)
                if copy is not None:
                    try:
                        utf8 = decoder.decode(chunk).encode("utf-8")
                    except UnicodeDecodeError as error:
                        raise _bad_byte(name, encoding, lines + chunk.count(b"\n", 0, max(error.start, 0)) + 1) from None
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
                    raise _bad_byte(name, encoding, lines + 1) from None
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


class ControlScan:
    """The lines of a UTF-8 stream, fed chunk by chunk, that hold a control or bidi character (CONTROL): the
    lines the staging query checks cell by cell (lines is None beyond MAX_SUSPECT_LINES: check every line).
    Fast where there is none, so that a good file is not slowed down (benchmarks/hostile.py): C0 controls
    are looked for with numpy among the bytes below 0x20 (line ends and tabs, mostly), the two- and three-byte ones (C1, bidi)
    looked for after their lead bytes only; the pattern that finds their lines runs on a chunk that has one.
    The last two bytes of a chunk are searched again with the next, so a character split between chunks is
    found."""

    _ANY = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")

    def __init__(self) -> None:
        self.lines: list[int] | None = []
        self._tail = b""
        self._newlines = 0    # in everything fed before the tail

    def feed(self, chunk: bytes) -> None:
        text = self._tail + chunk
        if self.lines is not None and self.holds_control(text):
            line, counted = self._newlines + 1, 0
            for match in self._ANY.finditer(text):
                line += text.count(b"\n", counted, match.start())
                counted = match.start()
                if not self.lines or self.lines[-1] != line:
                    self.lines.append(line)
                    if len(self.lines) > MAX_SUSPECT_LINES:
                        self.lines = None
                        break
        self._tail = text[-2:]
        self._newlines += text.count(b"\n", 0, len(text) - len(self._tail))

    @staticmethod
    def holds_control(text: bytes) -> bool:
        import numpy as np

        a = np.frombuffer(text, np.uint8)
        low = a[a < 0x20]   # line ends and tabs, mostly
        if np.any((low != 0x0A) & (low != 0x09) & (low != 0x0D)) or b"\x7f" in text:
            return True
        if b"\xc2" in text:   # C1: U+0080-U+009F
            after = np.flatnonzero(a[:-1] == 0xC2) + 1
            if np.any(a[after] < 0xA0):
                return True
        if b"\xe2" in text:   # bidi: U+202A-U+202E, U+2066-U+2069
            lead = np.flatnonzero(a[:-2] == 0xE2)
            second, third = a[lead + 1], a[lead + 2]
            return bool(np.any(((second == 0x80) & (third >= 0xAA) & (third <= 0xAE))
                               | ((second == 0x81) & (third >= 0xA6) & (third <= 0xA9))))
        return False


def _rest_has_content(source) -> bool:
    while chunk := source.read(CHUNK):
        if chunk.strip():
            return True
    return False


def _encoding(name: str, head: bytes) -> str:
    """utf-8-sig, utf-8 or gb18030, told from the first chunk of a CSV."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise file_problem(name, "文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV",
                           "the file is UTF-16: save it as a UTF-8 or GBK CSV")
    if b"\x00" in head:
        raise _nul(name, head.count(b"\n", 0, head.index(b"\x00")) + 1)
    utf8_error = None
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head)   # a character cut at the end is fine
        except UnicodeDecodeError as error:
            utf8_error = utf8_error or error
            continue
        if encoding == "utf-8":
            return "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
        return encoding
    _MixedLines(name).feed(head + b"\n")   # UTF-8 lines and GBK lines: named
    raise unreadable(name)


def decode_whole(name: str, data: bytes) -> tuple[str, str]:
    """A whole CSV's text and encoding: UTF-8, else GB18030 — but not both in one file."""
    if b"\x00" in data:
        raise _nul(name, data.count(b"\n", 0, data.index(b"\x00")) + 1)
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError:
        pass
    _MixedLines(name).feed(data + b"\n")
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise unreadable(name) from None


class _MixedLines:
    """Fed a CSV chunk by chunk: refuses it at the first line whose non-ASCII text is in another
    encoding (UTF-8 or not) than the first non-ASCII line's, naming both lines."""

    def __init__(self, name: str):
        self.name = name
        self.line = 0
        self.rest = b""
        self.first = None          # (line, is UTF-8) of the first non-ASCII line

    def feed(self, chunk: bytes) -> None:
        data = self.rest + chunk
        end = data.rfind(b"\n")
        if end < 0:
            self.rest = data
            return
        self.rest = data[end + 1:]
        for raw in data[:end].split(b"\n"):
            self.line += 1
            if raw.isascii():
                continue
            try:
                raw.decode("utf-8")
                utf8 = True
            except UnicodeDecodeError:
                utf8 = False
            if self.first is None:
                self.first = (self.line, utf8)
            elif utf8 != self.first[1]:
                this, that = ("UTF-8", "GBK") if utf8 else ("GBK", "UTF-8")
                raise file_problem(
                    self.name, f"文件混用了两种编码：第 {self.line} 行是 {this}，而第 {self.first[0]} 行是 {that}；"
                               "请整个文件另存为同一种编码",
                    f"the file mixes two encodings: line {self.line} is {this}, line {self.first[0]} is {that}; "
                    "save the whole file in one encoding", line=self.line,
                    value=raw[:80].decode("utf-8" if utf8 else "gb18030", errors="replace"))


def _nul(name: str, line: int) -> ImportRejected:
    return file_problem(name, f"第 {line} 行含有 NUL 字符（0x00）：不是文本 CSV，或文件已损坏",
                        f"line {line} holds a NUL byte (0x00): not a text CSV, or the file is damaged", line=line)


def _bad_byte(name: str, encoding: str, line: int) -> ImportRejected:
    return file_problem(name, f"第 {line} 行的编码与文件前面不同（不是 {encoding}）：文件混用了两种编码，请整个文件另存为同一种编码",
                        f"line {line} is not {encoding} like the lines before it: the file mixes two encodings; "
                        "save the whole file in one encoding", line=line)


def unreadable(name: str) -> ImportRejected:
    return file_problem(name, "无法识别文件内容：不是 UTF-8/GBK 编码的 CSV，也不是 XLSX",
                        "unreadable content: not a UTF-8/GBK CSV nor an XLSX file")


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
            raise file_problem(name, f"第 {start} 行起有一个超过 {MAX_CELL_CHARS:,} 个字符的单元格（引号不配对？）：{name}",
                               f"a cell of more than {MAX_CELL_CHARS:,} characters from line {start} "
                               f"(unbalanced quotes?) in {name}", line=start) from None
        raise file_problem(name, f"CSV 格式错误（第 {reader.line_num} 行）：{error}",
                           f"malformed CSV at line {reader.line_num}: {error}") from None


def _find_header(records, is_header) -> tuple[list[str], int, list[tuple[int, str]]]:
    """(header, its line, the title rows above it as (line, text)) among (line, cells) records, blank ones
    skipped: the first of the first HEADER_SEARCH rows that is_header scores FITS; else the one naming most
    columns (at least 2); else the first non-blank row."""
    first = best = None
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


def _csv_header(name: str, text: str, is_header=None) -> tuple[list[str], int, list[tuple[int, str]]]:
    header, line, titles = _find_header(_csv_records(text, name), is_header)
    if not header:
        raise file_problem(name, "没有表头行", "there is no header row")
    return header, line, titles


def _csv_rows(text: str, header_line: int, name: str = "") -> list[tuple[int, list]]:
    return [(line, record) for line, record in _csv_records(text, name)
            if line > header_line and any(cell.strip() for cell in record)]


# --------------------------------------------------------------------------- Excel

_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([A-Z]{0,3})(\d*)(?::([A-Z]{1,3})(\d+))?"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _first_sheet(name: str, book: zipfile.ZipFile) -> str | None:
    """The zip entry of the workbook's first sheet (as calamine reads it)."""
    names = set(book.namelist())
    try:   # through unpacked: zipfile's read() of a part declared as 1,000 bytes unpacked 1.9 GB (2.1 GB peak)
        workbook, rels = (b"".join(unpacked(book, part, MAX_UNPACKED_BYTES, lambda seen, part=part: _too_big(
            name, f"{part} > {MAX_UNPACKED_BYTES >> 20} MB", f"{part} > {MAX_UNPACKED_BYTES >> 20} MB")))
            for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"))
    except KeyError:
        return None
    sheet = re.search(rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"', workbook) or \
        re.search(rb'<(?:\w+:)?sheet\b[^>]*?\bid="([^"]+)"', workbook)
    if not sheet:
        return None
    rel_id = re.escape(sheet.group(1))
    for rel in re.finditer(rb"<Relationship\b[^>]*>", rels):
        if re.search(rb'\bId="' + rel_id + rb'"', rel.group(0)):
            target = re.search(rb'\bTarget="([^"]+)"', rel.group(0))
            if target:
                t = target.group(1).decode("utf-8", "replace")
                t = t.lstrip("/") if t.startswith("/") else "xl/" + t
                return t if t in names else None
    return None


UNPACK_BLOCK = 1 << 20          # bytes unpacked at a time from a zip entry (see unpacked)


def unpacked(book: zipfile.ZipFile, entry: zipfile.ZipInfo | str, limit: int,
             too_big: Callable[[int], BaseException]) -> Iterator[bytes]:
    """A zip entry's bytes, UNPACK_BLOCK at a time as they are decompressed, counted: too_big(bytes so far)
    is raised as soon as more than limit bytes have come out, whatever the zip's headers declare. The one
    way the xlsx and docx guards unpack an entry: zipfile asked for a whole entry (read(), what python-docx
    does) decompresses all its deflated bytes in one call, up to 2 GB, before it cuts them to the declared
    size (a 1.9 GB part declared as 1,000 bytes took 2.2 GB); asked for a block, it decompresses no more."""
    seen = 0
    with book.open(entry) as stream:
        while block := stream.read(UNPACK_BLOCK):
            seen += len(block)
            if seen > limit:
                raise too_big(seen)
            yield block


def check_workbook(name: str, data: bytes) -> None:
    """Refuse a workbook that would take too much memory to read, before reading it: entries that
    unpack to more than MAX_UNPACKED_BYTES, a first sheet declaring or holding cells beyond Excel's
    rows and columns, or more than MAX_SHEET_CELLS in its rectangle. Streams the first sheet once."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        entries = book.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return   # not a zip: calamine names the problem
    limit_mb = MAX_UNPACKED_BYTES // (1024 * 1024)
    total = sum(e.file_size for e in entries)
    if total > MAX_UNPACKED_BYTES:
        big = max(entries, key=lambda e: e.file_size)
        raise file_problem(name, f"Excel 文件解压后过大（{total / 2**20:,.0f} MB，其中 {big.filename} "
                                 f"{big.file_size / 2**20:,.0f} MB；上限 {limit_mb} MB）：请另存为 CSV 或分成几个文件",
                           f"the Excel file unpacks to {total / 2**20:,.0f} MB ({big.filename} {big.file_size / 2**20:,.0f} MB; "
                           f"limit {limit_mb} MB): save it as CSV or split it")
    try:
        sheet = _first_sheet(name, book)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise file_problem(name, "不是有效的 Excel (.xlsx) 文件（无法按 Excel 工作簿读取）",
                           f"not a valid Excel (.xlsx) file: {error}") from None
    if sheet is None:
        return
    max_row = max_col = 0
    tail = b""
    inline = _LongCells(b"</c>")     # an inline string or a formula's text in the sheet
    too_big = lambda seen: _too_big(name, f"{sheet} > {limit_mb} MB", f"{sheet} > {limit_mb} MB")  # noqa: E731
    try:
        first = True
        for block in unpacked(book, sheet, MAX_UNPACKED_BYTES, too_big):
            if inline.feed(block):
                raise _long_cell(name, inline)
            text = tail + block
            if first:
                first = False
                dim = _DIMENSION.search(text)
                if dim:
                    col = dim.group(3) or dim.group(1)
                    row = dim.group(4) or dim.group(2)
                    _check_extent(name, int(row or 0), _column_number(col or b""), declared=True)
            cut = text.rfind(b"<")
            cut = cut if cut > 0 else len(text)
            for m in _ROW_REF.finditer(text, 0, cut):
                max_row = max(max_row, int(m.group(1)))
            for m in _CELL_REF.finditer(text, 0, cut):
                max_col = max(max_col, _column_number(m.group(1)))
                max_row = max(max_row, int(m.group(2)))
            _check_extent(name, max_row, max_col)
            tail = text[cut:]
        if inline.close():
            raise _long_cell(name, inline)
        _check_shared_strings(name, book, sheet)
    except ImportRejected:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise file_problem(name, "不是有效的 Excel (.xlsx) 文件（无法按 Excel 工作簿读取）",
                           f"not a valid Excel (.xlsx) file: {error}") from None


class _LongCells:
    """Fed an XML part block by block, tells whether one cell (the text between two `end` tags: </si> of
    the shared strings, </c> of a sheet) holds more than MAX_CELL_CHARS characters of text (inside <t> and
    <v> elements; an entity counts as its length), without holding the part: a span is kept only while its
    bytes could still be within the limit, and counted as it streams beyond. Cheap for ordinary parts: a
    span of at most MAX_CELL_CHARS bytes holds at most as many characters."""

    def __init__(self, end: bytes):
        self.end = end
        self.index = 0                 # how many cells ended before the current one
        self.rest = b""
        self.pieces: list[bytes] = []  # the current span while it is short
        self.head = b""                # its first bytes (the cell's reference, the text's start)
        self.size = 0                  # its bytes
        self.counter: _TextCount | None = None
        self.found: tuple[int, bytes, int] | None = None   # (index, head, characters) of a cell too long

    def feed(self, block: bytes) -> bool:
        data = self.rest + block
        cut = data.rfind(b"<")
        cut = cut if cut > 0 else len(data)
        self.rest, data = data[cut:], data[:cut]
        first = data.find(self.end)
        if first < 0:
            return self._extend(data)
        if self._extend(data[:first]) or self._close():
            return True
        last = data.rfind(self.end)
        if last - first > MAX_CELL_CHARS:    # rare: a long cell between two ends within one block
            for span in data[first + len(self.end):last].split(self.end):
                if len(span) > MAX_CELL_CHARS and self._extend(span):
                    return True
                self._close()
        else:
            self.index += data.count(self.end, first + len(self.end), last + len(self.end))
        return self._extend(data[last + len(self.end):])

    def close(self) -> bool:
        return self._extend(self.rest) or self._close()

    def _extend(self, piece: bytes) -> bool:
        if not piece:
            return False
        if len(self.head) < 400:
            self.head += piece[:400 - len(self.head)]
        self.size += len(piece)
        if self.counter is None:
            if self.size <= MAX_CELL_CHARS:
                self.pieces.append(piece)
                return False
            self.counter = _TextCount()
            for kept in self.pieces:
                self.counter.feed(kept)
            self.pieces = []
        self.counter.feed(piece)
        if self.counter.count > MAX_CELL_CHARS:
            self.found = (self.index, self.head, self.counter.count)
            return True
        return False

    def _close(self) -> bool:
        self._reset()
        self.index += 1
        return False

    def _reset(self) -> None:
        self.pieces, self.head, self.size, self.counter = [], b"", 0, None


class _TextCount:
    """Characters of text inside <t> and <v> elements of an XML stream fed piece by piece."""

    _TAG = re.compile(rb"<(/?)(?:\w+:)?(\w+)\b[^>]*?(/?)>")

    def __init__(self):
        self.count = 0
        self.inside = False
        self.rest = b""

    def feed(self, piece: bytes) -> None:
        data = self.rest + piece
        cut = data.rfind(b"<")
        if cut >= 0 and data.find(b">", cut) < 0:
            self.rest, data = data[cut:], data[:cut]
        else:
            self.rest = b""
        at = 0
        for tag in self._TAG.finditer(data):
            if self.inside:
                self.count += _utf8_chars(data, at, tag.start())
            if tag.group(2) in (b"t", b"v"):
                self.inside = not tag.group(1) and not tag.group(3)
            at = tag.end()
        if self.inside:
            self.count += _utf8_chars(data, at, len(data))


def _utf8_chars(data: bytes, start: int, end: int) -> int:
    if end - start < 4096:
        return len(data[start:end].decode("utf-8", "ignore"))
    part = np.frombuffer(data, np.uint8, end - start, start)
    return int(np.count_nonzero((part & 0xC0) != 0x80))


def _check_shared_strings(name: str, book: zipfile.ZipFile, sheet: str) -> None:
    """Refuse a workbook whose shared strings hold a text longer than MAX_CELL_CHARS (calamine reads them
    all, whole, when it opens the workbook), naming the first sheet's cell that uses it."""
    parts = [n for n in book.namelist() if n.lower().endswith("sharedstrings.xml")]
    for part in parts:
        longest = _LongCells(b"</si>")
        for block in unpacked(book, part, MAX_UNPACKED_BYTES, lambda seen: _too_big(
                name, f"{part} > {MAX_UNPACKED_BYTES >> 20} MB", f"{part} > {MAX_UNPACKED_BYTES >> 20} MB")):
            if longest.feed(block):
                break
        else:
            if not longest.close():
                continue
        index, head, chars = longest.found
        row, column = _cell_using(book, sheet, index)
        raise _long_cell(name, longest, row, column)


def _cell_using(book: zipfile.ZipFile, sheet: str, index: int) -> tuple[int | None, str | None]:
    """(row, column letters) of the first sheet's first cell showing shared string `index`, or (None, None)."""
    value = re.compile(rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?v>" + str(index).encode() + rb"</(?:\w+:)?v>")
    tail = b""
    with book.open(sheet) as stream:
        while block := stream.read(1 << 20):
            text = tail + block
            for m in value.finditer(text):
                attributes = m.group(1)
                ref = re.search(rb'\br="([A-Z]{1,3})(\d+)"', attributes)
                if ref and re.search(rb'\bt="s"', attributes):
                    return int(ref.group(2)), ref.group(1).decode()
            tail = text[-400:]
    return None, None


def _long_cell(name: str, cells: "_LongCells", row: int | None = None, column: str | None = None) -> ImportRejected:
    index, head, chars = cells.found
    if row is None and cells.end == b"</c>":
        ref = _CELL_REF.search(head)
        if ref:
            column, row = ref.group(1).decode(), int(ref.group(2))
    start = re.sub(rb"<[^>]*>", b"", head).decode("utf-8", "ignore").strip()[:30] + "…"
    return file_problem(name, f"单元格超过 {MAX_CELL_CHARS:,} 个字符（至少 {chars:,} 个），未读取：不是国库导出的数据",
                        f"a cell of more than {MAX_CELL_CHARS:,} characters (at least {chars:,}), not read: "
                        "not a treasury export", line=row, column=column, value=start, excel=True)


def _check_extent(name: str, rows: int, columns: int, declared: bool = False) -> None:
    how_zh, how_en = ("声明", "declares") if declared else ("含有", "holds")
    if rows > MAX_SHEET_ROWS or columns > MAX_SHEET_COLUMNS or rows * max(columns, 1) > MAX_SHEET_CELLS:
        raise _too_big(name, f"第一张工作表{how_zh} {rows:,} 行 × {columns:,} 列",
                       f"the first sheet {how_en} {rows:,} rows × {columns:,} columns")


def _too_big(name: str, zh: str, en: str) -> ImportRejected:
    return file_problem(name, f"Excel 文件过大，未读取：{zh}（上限 {MAX_SHEET_ROWS:,} 行、{MAX_SHEET_CELLS:,} 个单元格）；"
                              "请删去空白区域，或另存为 CSV",
                        f"the Excel file is too large and was not read: {en} (limit {MAX_SHEET_ROWS:,} rows, "
                        f"{MAX_SHEET_CELLS:,} cells); delete the empty area or save it as CSV")


# --------------------------------------------------------------------------- old Excel (.xls): OLE2 + BIFF

_END_OF_CHAIN = 0xFFFFFFFE
_FREE_SECTOR = 0xFFFFFFFF
# BIFF records holding a cell at (row, column) in their first 4 bytes: FORMULA, LABELSST, NUMBER, LABEL,
# BOOLERR, RK, RSTRING; MULRK also holds its last column in its last 2 bytes. BLANK and MULBLANK (formatting
# only) are left out, as calamine leaves them out of the sheet's rectangle.
_CELL_RECORDS = frozenset((0x0006, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6))
_MULRK = 0x00BD
_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085


def _not_xls(name: str, why: str) -> ImportRejected:
    """why: "中文 | English" (or calamine's words alone, said in both)."""
    zh, _, en = why.partition(" | ")
    return file_problem(name, f"不是有效的旧版 Excel (.xls) 文件，未读取（{zh}）；请另存为 .xlsx 或 CSV 再导入",
                        f"not a valid old Excel (.xls) file, not read ({en or zh}); save it as .xlsx or CSV")


def check_xls(name: str, data: bytes) -> None:
    """Refuse, before calamine reads it, an .xls larger than MAX_XLS_BYTES, one whose OLE2 structure is
    broken (sectors outside the file, chains that loop, no Workbook stream) and one whose sheet holds cells
    beyond Excel's rows and columns or more than MAX_SHEET_CELLS in its rectangle: calamine parses every
    sheet when it opens the file, each into the rectangle from A1 to its last cell (a 6 KB file with two
    cells at A1 and IV65536 took 1 GB), so every sheet's cells are looked at here, by their positions."""
    if len(data) > MAX_XLS_BYTES:
        raise file_problem(name, f"Excel 文件过大，未读取：超过 {MAX_XLS_BYTES:,} 字节的上限；请另存为 CSV",
                           f"the Excel file is too large and was not read: over the limit of {MAX_XLS_BYTES:,} bytes; "
                           "save it as CSV")
    stream = _ole_workbook(name, data)
    cells = 0                   # calamine holds every sheet's rectangle at once: their sum is bounded
    for number, (rows, columns) in enumerate(_biff_extents(name, stream), start=1):
        cells += rows * max(columns, 1)
        if rows > MAX_SHEET_ROWS or columns > MAX_SHEET_COLUMNS or cells > MAX_SHEET_CELLS:
            raise _too_big(name, f"第 {number} 张工作表含有 {rows:,} 行 × {columns:,} 列",
                           f"sheet {number} holds {rows:,} rows × {columns:,} columns")


def _ole_workbook(name: str, data: bytes) -> bytes:
    """The Workbook (BIFF8) or Book (BIFF5) stream of an OLE2 compound file, read by following its
    sector chains; every sector number is checked against the file and every chain for loops."""
    import struct

    if len(data) < 512 or data[:8] != OLE2_MAGIC:
        raise _not_xls(name, "不是 OLE2 复合文档 | not an OLE2 compound file")
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if shift not in (9, 12) or mini_shift != 6:
        raise _not_xls(name, "扇区大小无效 | impossible sector sizes")
    size = 1 << shift
    fat_count, dir_start, _, mini_cutoff, minifat_start, minifat_count, difat_start, difat_count =         struct.unpack_from("<IIIIIIII", data, 44)
    sectors = (len(data) - size) // size if len(data) > size else 0
    per_sector = size // 4

    def sector(i: int) -> bytes:
        if i >= sectors:
            raise _not_xls(name, f"扇区 {i} 超出文件 | sector {i} lies beyond the file")
        return data[(i + 1) * size:(i + 2) * size]

    def chain(start: int, table) -> list[int]:
        out, i = [], start
        while i != _END_OF_CHAIN:
            if i >= len(table) or len(out) > len(table):
                raise _not_xls(name, "扇区链断开或循环 | a sector chain is broken or loops")
            out.append(i)
            i = table[i]
        return out

    if fat_count > sectors or difat_count > sectors:
        raise _not_xls(name, "分配表大小无效 | the allocation table's size is impossible")
    fat_sectors = list(struct.unpack_from("<109I", data, 76))
    i = difat_start
    for _ in range(difat_count):
        block = struct.unpack(f"<{per_sector}I", sector(i))
        fat_sectors += block[:-1]
        i = block[-1]
    fat_sectors = fat_sectors[:fat_count]
    fat = []
    for i in fat_sectors:
        fat += struct.unpack(f"<{per_sector}I", sector(i))
    directory = b"".join(sector(i) for i in chain(dir_start, fat))
    entries = []
    for at in range(0, len(directory) - 127, 128):
        length, kind = struct.unpack_from("<HB", directory, at + 64)
        entry_name = directory[at:at + min(length, 64)].decode("utf-16-le", "ignore").rstrip("\x00")
        start, stream_size = struct.unpack_from("<II", directory, at + 116)
        entries.append((entry_name, kind, start, stream_size))
    if not entries or entries[0][1] != 5:
        raise _not_xls(name, "没有根目录 | no root entry")
    streams = {n.lower(): (start, stream_size) for n, kind, start, stream_size in entries if kind == 2}
    found = streams.get("workbook") or streams.get("book")
    if found is None:
        raise _not_xls(name, "没有工作簿数据流（可能是 Word 等其他 OLE2 文件）| no Workbook stream (another OLE2 file?)")
    start, stream_size = found
    if stream_size > len(data):
        raise _not_xls(name, "数据流比文件还大 | a stream larger than the file")
    if stream_size >= mini_cutoff:
        stream = b"".join(sector(i) for i in chain(start, fat))
    else:                   # a small stream lives in the mini stream, 64-byte sectors listed by the mini FAT
        if minifat_count > sectors:
            raise _not_xls(name, "分配表大小无效 | the allocation table's size is impossible")
        minifat = []
        for i in chain(minifat_start, fat)[:minifat_count]:
            minifat += struct.unpack(f"<{per_sector}I", sector(i))
        mini = b"".join(sector(i) for i in chain(entries[0][2], fat))
        stream = b"".join(mini[i * 64:(i + 1) * 64] for i in chain(start, minifat))
    if len(stream) < stream_size:
        raise _not_xls(name, "数据流被截断 | a stream is cut short")
    return stream[:stream_size]


def _biff_extents(name: str, stream: bytes) -> list[tuple[int, int]]:
    """(rows, columns) from A1 to the last cell of each sheet listed in the workbook's globals. Each sheet
    is walked from where the globals say it starts, as calamine reads it; sheets that overlap (a crafted
    file, which would make the walks long) are refused once the walks have covered the stream twice."""
    import struct

    offsets, at, end = [], 0, len(stream)
    while at + 4 <= end:                       # the workbook globals: BOUNDSHEET records up to its EOF
        kind, length = struct.unpack_from("<HH", stream, at)
        if kind == _BOUNDSHEET and length >= 4:
            offsets.append(struct.unpack_from("<I", stream, at + 4)[0])
        at += 4 + length
        if kind == _EOF:
            break
    extents, budget = [], 2 * end + 4096
    padded = stream + bytes(8)                  # a record's header and first cell read at once, even at the end
    record = struct.Struct("<HHHH").unpack_from
    cells = _CELL_RECORDS
    for start in dict.fromkeys(offsets):
        at, last_row, last_column, depth = start, -1, -1, 0
        while at + 4 <= end:
            kind, length, row, column = record(padded, at)
            body = at + 4
            if kind in cells or kind == _MULRK:
                if length >= 4 and body + length <= end:
                    if kind == _MULRK and length >= 6:
                        column = struct.unpack_from("<H", stream, body + length - 2)[0]
                    if row > last_row:
                        last_row = row
                    if column > last_column:
                        last_column = column
            elif kind == _BOF:
                depth += 1
            elif kind == _EOF:
                depth -= 1
                if depth <= 0:
                    break
            at = body + length
        budget -= at - start                    # each walk reads at most the stream: the check after it is enough
        if budget < 0:
            raise _not_xls(name, "工作表互相重叠 | its sheets overlap")
        extents.append((last_row + 1, last_column + 1))
    return extents


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
        raise file_problem(name, "不是有效的 Excel (.xlsx) 文件（无法读取其中的工作表）",
                           f"not a valid Excel (.xlsx) file: {str(error)[:200]}") from None
    return _sheet_rows(name, cells, is_header)


def read_xls(name: str, data: bytes, is_header=None) -> tuple[list[str], int, list[tuple[int, list]], list, list | None, list]:
    """What read_xlsx gives, from the first sheet of an old Excel file (.xls, BIFF5/BIFF8 in an OLE2
    compound file), after check_xls. Date cells come as dates, as in an XLSX."""
    check_xls(name, data)
    from python_calamine import CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        _check_extent(name, sheet.height, sheet.width)
        cells = sheet.to_python(skip_empty_area=False)
    except (KeyboardInterrupt, SystemExit, ImportRejected):
        raise
    except BaseException as error:  # noqa: BLE001 - calamine raises several unrelated types, a Rust panic among them
        raise _not_xls(name, str(error)[:200]) from None
    return _sheet_rows(name, cells, is_header)


def _sheet_rows(name: str, cells: list[list], is_header) -> tuple[list[str], int, list[tuple[int, list]], list, list | None, list]:
    """read_xlsx's answer from the cells of a sheet, as calamine gives them (row 1 first)."""
    records = ((number, [cell_text(c) for c in record]) for number, record in enumerate(cells, start=1))
    header, header_row, titles = _find_header(records, is_header)
    if not header:
        raise file_problem(name, "没有表头行", "there is no header row")
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


def read_header(name: str, data: bytes, is_header=None) -> list[str]:
    """Only the header of a file (for telling its kind before it is read), [] when there is none or the
    file cannot be read: the first CSV chunk, or the first rows of an XLSX's first sheet."""
    try:
        old_excel = data[:4] != b"PK\x03\x04" and (Path(name).suffix.lower() == ".xls" or data[:8] == OLE2_MAGIC)
        if data[:4] == b"PK\x03\x04" or Path(name).suffix.lower() in (".xlsx", ".xlsm") or old_excel:
            check_xls(name, data) if old_excel else check_workbook(name, data)
            from python_calamine import CalamineWorkbook

            sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
            cells = sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH + 1)
            records = ((n, [cell_text(c) for c in r]) for n, r in enumerate(cells, start=1))
            return _find_header(records, is_header)[0]
        head = data[:1 << 16]
        cut = head.rfind(b"\n")
        head = head[:cut] if cut > 0 and len(data) > len(head) else head
        return _csv_header(name, head.decode(_encoding(name, head), errors="ignore"), is_header)[0]
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - the full read names the problem
        return []
