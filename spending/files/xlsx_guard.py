"""An XLSX (a zip of XML parts) refused before calamine reads it when reading it would take too much memory
(an "Excel bomb" is refused in well under a second): the unpacked size of its entries, the declared dimension
and the position of every cell of its first sheet, and cells of more than MAX_CELL_CHARS characters.
unpacked() is the one way the xlsx and docx guards unpack a zip entry."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator

import numpy as np

from spending.files.limits import MAX_CELL_CHARS, MAX_UNPACKED_BYTES, check_extent, too_big
from spending.files.problems import ImportRejected, file_problem

_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([A-Z]{0,3})(\d*)(?::([A-Z]{1,3})(\d+))?"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _part_too_big(name: str, part: str) -> Callable[[int], BaseException]:
    """unpacked()'s refusal of a part of the workbook above MAX_UNPACKED_BYTES."""
    return lambda seen: too_big(name, f"{part} > {MAX_UNPACKED_BYTES >> 20} MB")


def _first_sheet(name: str, book: zipfile.ZipFile) -> str | None:
    """The zip entry of the workbook's first sheet (as calamine reads it)."""
    names = set(book.namelist())
    try:   # through unpacked: zipfile's read() of a part declared as 1,000 bytes unpacked 1.9 GB (2.1 GB peak)
        workbook, rels = (b"".join(unpacked(book, part, MAX_UNPACKED_BYTES, _part_too_big(name, part)))
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
        raise file_problem(name, "xlsx_unpacks_too_big", total_mb=total / 2**20, entry=big.filename,
                           entry_mb=big.file_size / 2**20, limit_mb=limit_mb)
    try:
        sheet = _first_sheet(name, book)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise file_problem(name, "xlsx_not_workbook", error=("", str(error))) from None
    if sheet is None:
        return
    max_row = max_col = 0
    tail = b""
    inline = _LongCells(b"</c>")     # an inline string or a formula's text in the sheet
    too_big = lambda seen: too_big(name, f"{sheet} > {limit_mb} MB")  # noqa: E731
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
                    check_extent(name, int(row or 0), _column_number(col or b""), declared=True)
            cut = text.rfind(b"<")
            cut = cut if cut > 0 else len(text)
            for m in _ROW_REF.finditer(text, 0, cut):
                max_row = max(max_row, int(m.group(1)))
            for m in _CELL_REF.finditer(text, 0, cut):
                max_col = max(max_col, _column_number(m.group(1)))
                max_row = max(max_row, int(m.group(2)))
            check_extent(name, max_row, max_col)
            tail = text[cut:]
        if inline.close():
            raise _long_cell(name, inline)
        _check_shared_strings(name, book, sheet)
    except ImportRejected:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise file_problem(name, "xlsx_not_workbook", error=("", str(error))) from None


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
        for block in unpacked(book, part, MAX_UNPACKED_BYTES, _part_too_big(name, part)):
            if longest.feed(block):
                break
        else:
            if not longest.close():
                continue
        assert longest.found is not None        # feed() or close() said so
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


def _long_cell(name: str, cells: _LongCells, row: int | None = None, column: str | None = None) -> ImportRejected:
    assert cells.found is not None, name    # called for a cell found too long
    index, head, chars = cells.found
    if row is None and cells.end == b"</c>":
        ref = _CELL_REF.search(head)
        if ref:
            column, row = ref.group(1).decode(), int(ref.group(2))
    start = re.sub(rb"<[^>]*>", b"", head).decode("utf-8", "ignore").strip()[:30] + "…"
    return file_problem(name, "xlsx_cell_too_long", line=row, column=column, value=start, excel=True,
                        limit=MAX_CELL_CHARS, chars=chars)
