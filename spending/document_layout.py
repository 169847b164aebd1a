"""The layouts a 部门预算绩效文本 comes in, turned into the rows of cells spending.document reads.

The reader (spending.document.parser) reads lines: a table row is cells separated by tabs, anything else
is prose. Each layout here becomes such lines, numbered by where they are in the file:

* text: the lines as they are (tab-separated tables, tables laid out with spaces);
* pipe tables, as PDF-to-Markdown converters write them (`| a | b |`, `|---|` separator rows):
  each row becomes its cells joined by tabs; `\\|` is a | in a cell, `<br>` a line break in it, a
  header the converter made up for a headerless table (`|Col1|Col2|`) is no row;
* HTML tables (`<table><tr><td>`, `<th>`, colspan and rowspan, entities, `<br>`): each `<tr>`
  becomes a row, numbered by the line its `<tr>` starts on; outside tables, block ends
  (`</p>`, `</h1>`, `<br>` …) end a line;
* the Word file (.docx, python-docx): paragraphs are text lines, each table row a row; numbered
  one after another, each with its place (第 3 段, 表 2 第 5 行) for the problems.

A merged cell (colspan/rowspan, Word's gridSpan/vMerge) gives its text once, in its first grid
cell; the cells it covers are empty, as in the tab-separated text (a value is never doubled, an
一级指标 spanning rows reads as "the row above's").

Bounded like the reader: every pattern is linear, a row is refused (Refused) above MAX_COLUMNS cells,
and a .docx is refused by the sizes its zip entries declare before anything is decompressed, then by the
bytes each entry really unpacks to (counted as they come out) and by its paragraphs, table rows and XML
elements (counted in the unpacked XML) before python-docx parses it.
"""

from __future__ import annotations

import functools
import html
import io
import re
import zipfile

from spending import i18n

MAX_COLUMNS = 100                 # grid cells of a table row (the source's widest: 9)
MAX_DOCX_BYTES = 20_000_000       # the .docx file itself (a department's: some hundred KB)
MAX_DOCX_XML_BYTES = 8_000_000    # word/document.xml unpacked (the source as .docx: 137 KB; 8 MB reads in ~2 s, 180 MB)
MAX_DOCX_TOTAL_BYTES = 40_000_000  # every entry unpacked (images included)
MAX_DOCX_ENTRIES = 2_000
# What python-docx would hold in memory, counted in the unpacked XML before it parses (the source as .docx:
# 1,216 paragraphs, 165 table rows, 6,302 elements; a body of 8 MB in its density, some 370,000 elements)
MAX_DOCX_PARAGRAPHS = 200_000     # <w:p> in the body, in table cells too
MAX_DOCX_ROWS = 50_000            # <w:tr> in the body
MAX_DOCX_ELEMENTS = 1_000_000     # XML elements in every XML part

Rows = list[tuple[int, str]]      # (line number, a line the reader reads)


class Refused(Exception):
    """A file beyond a limit (or no .docx): refused before (or instead of) reading it, in one line.
    spending.document raises it too (its own limits), as document.Refused."""

    def __init__(self, key: str, /, **values):
        """A key of i18n.MESSAGES and its values (issue 38); zh and en its two languages."""
        self.message = i18n.Message(key, **values)
        self.zh, self.en = self.message.text("zh"), self.message.text("en")
        super().__init__(str(self.message))

    def text(self, lang: str = "zh") -> str:
        return self.message.text(lang)


def place_of(key: str, /, **values) -> tuple[str, str]:
    """A place for people (第 3 段, 表 2 第 5 行, 第 N 行) in its two languages, from i18n.MESSAGES."""
    message = i18n.Message(key, **values)
    return message.text("zh"), message.text("en")


LayoutRefused = Refused           # the name it had when the layouts refused with a class of their own


def _row(cells: list[str], n: int, place: tuple[str, str] | None = None) -> str:
    """Cells as the reader's tab-separated line; a row of one cell keeps a tab (it is a table row).
    place: where a .docx has the row (表 2 第 5 行), said instead of the line when it is refused."""
    if len(cells) > MAX_COLUMNS:
        raise Refused("layout_row_too_wide", place=place or place_of("layout_line", line=n), most=MAX_COLUMNS)
    cells = [re.sub(r"[\t\r\n]+", " ", c).strip() for c in cells]
    return "\t".join(cells) + ("\t" if len(cells) == 1 else "")


# --------------------------------------------------------------------------- pipe tables

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _pipe_cells(line: str) -> list[str]:
    """`| a | b \\| c |` -> ["a", "b | c"], in one pass."""
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells, cell, i = [], [], 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s) and s[i + 1] == "|":
            cell.append("|")
            i += 2
            continue
        if ch == "|":
            cells.append("".join(cell))
            cell = []
        else:
            cell.append(ch)
        i += 1
    cells.append("".join(cell))
    out = []
    for c in cells:
        c = _BR.sub(" ", c).strip()
        if len(c) >= 4 and c.startswith("**") and c.endswith("**"):
            c = c[2:-2].strip()                       # a converter's bold cell
        out.append(c)
    return out


def _pipe_rule(line: str) -> bool:
    """A separator row (|---|:--:|): only |, :, - and spaces, with a -."""
    return "-" in line and not line.strip(" \t|:-")


_GENERIC_HEADER = re.compile(r"Col\d{1,3}")


def _pipe_line(line: str, n: int) -> str | None:
    """The reader's line for a pipe-table line, "" for its separator row; None: not a pipe row."""
    if not line.lstrip().startswith("|") or line.count("|") < 2:
        return None
    if _pipe_rule(line):
        return ""
    cells = _pipe_cells(line)
    if all(_GENERIC_HEADER.fullmatch(c) for c in cells if c) and any(cells):
        return ""                                     # a converter's made-up header (|Col1|Col2|) for a headerless table
    return _row(cells, n)


# --------------------------------------------------------------------------- HTML tables

# linear: [^<>]* stops at the next < or >, so a "<" never rescans what follows the next one
_HTML_TAG = re.compile(r"<(/?+)([a-zA-Z][a-zA-Z0-9]*+)([^<>]*+)>")
_SPAN = re.compile(r"""(colspan|rowspan)\s*+=\s*+["']?+\s*+(\d{1,6})""", re.IGNORECASE)
# a character reference of 9 and more digits is no character (and int() of thousands of digits fails)
_LONG_CHARREF = re.compile(r"&#(?:[xX][0-9a-fA-F]{9,}+|[0-9]{9,}+)")
_BLOCK_END = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "title"}
_CELL_BREAK = {"br", "p", "div", "li"}


def _unescape(text: str) -> str:
    return html.unescape(_LONG_CHARREF.sub("\ufffd", text)) if "&" in text else text


class _Table:
    """One <table>: its rows with colspan and rowspan laid out on a grid (text in the first cell)."""

    def __init__(self) -> None:
        self.rows: Rows = []
        self.covered: dict[int, int] = {}           # grid column -> rows a rowspan above still covers
        self.row: list[str] | None = None
        self.row_line = 0
        self.col = 0
        self.cell: list[str] | None = None
        self.span = (1, 1)

    def start_row(self, n: int) -> None:
        self.end_row()
        self.row, self.row_line, self.col = [], n, 0

    def _skip_covered(self) -> None:
        assert self.row is not None             # (inside a row)
        while self.covered.get(self.col, 0) > 0:
            self.row.append("")
            self.col += 1

    def start_cell(self, n: int, attributes: str) -> None:
        self.end_cell()
        if self.row is None:
            self.start_row(n)
        spans = {k.lower(): int(v) for k, v in _SPAN.findall(attributes)}
        colspan = max(1, spans.get("colspan", 1))
        rowspan = max(1, spans.get("rowspan", 1))
        if colspan > MAX_COLUMNS:
            raise Refused("layout_cell_too_wide", line=n, span=colspan, most=MAX_COLUMNS)
        self.cell, self.span = [], (colspan, rowspan)

    def text(self, piece: str) -> None:
        if self.cell is not None:
            self.cell.append(piece)

    def end_cell(self) -> None:
        if self.cell is None:
            return
        assert self.row is not None             # (a cell is inside a row: start_cell)
        self._skip_covered()
        colspan, rowspan = self.span
        self.row.append(_unescape("".join(self.cell)))
        self.row.extend([""] * (colspan - 1))
        if rowspan > 1:
            for c in range(self.col, self.col + colspan):
                self.covered[c] = rowspan            # counted down at the end of this row
        self.col += colspan
        if len(self.row) > MAX_COLUMNS:
            _row(self.row, self.row_line)            # refused
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.row is None:
            return
        self._skip_covered()
        self.covered = {c: k - 1 for c, k in self.covered.items() if k - 1 > 0}
        if any(c.strip() for c in self.row):
            self.rows.append((self.row_line, _row(self.row, self.row_line)))
        self.row = None


def _html_rows(text: str) -> Rows:
    """The text with its HTML tables as rows: outside <table> the lines as they are (block ends
    ending a line), inside it a line per <tr>. Nested tables are text of their cell."""
    out: Rows = []
    line = 1
    pos = 0
    outside: list[str] = []                          # the current line outside tables
    table: _Table | None = None
    depth = 0

    def flush_outside() -> None:
        if outside:
            out.append((line, _unescape("".join(outside))))
            outside.clear()

    def plain(piece: str) -> None:
        """Text between tags, with its line breaks counted."""
        nonlocal line
        if table is not None:
            table.text(piece)
            line += piece.count("\n")
            return
        chunks = piece.split("\n")
        for i, chunk in enumerate(chunks):
            if i:
                flush_outside()
                line += 1
            if chunk:
                outside.append(chunk)

    for m in _HTML_TAG.finditer(text):
        plain(text[pos:m.start()])
        pos = m.end()
        closing, name, attributes = m.group(1), m.group(2).lower(), m.group(3)
        tag_line = line
        line += m.group(0).count("\n")
        if name == "table":
            if not closing:
                depth += 1
                if depth == 1:
                    flush_outside()
                    table = _Table()
                    continue
            elif depth:
                depth -= 1
                if depth == 0:
                    assert table is not None         # (depth counts the tables opened)
                    table.end_row()
                    out.extend(table.rows)
                    table = None
                    continue
        if table is None:
            if closing and name in _BLOCK_END or name == "br":
                outside.append(m.group(0))
                flush_outside()
            else:
                outside.append(m.group(0))
            continue
        if depth > 1:                                # a nested table: its text belongs to the cell
            table.text(" ")
            continue
        if name == "tr" and not closing:
            table.start_row(tag_line)
        elif name == "tr":
            table.end_row()
        elif name in ("td", "th") and not closing:
            table.start_cell(tag_line, attributes)
        elif name in ("td", "th"):
            table.end_cell()
        elif name in _CELL_BREAK:
            table.text(" ")
        # other tags in a cell (<b>, <span>) are dropped; their text stays
    plain(text[pos:])
    if table is not None:                            # a table never closed: what it has
        table.end_row()
        out.extend(table.rows)
    flush_outside()
    return out


# --------------------------------------------------------------------------- text

_HAS_TABLE = re.compile(r"<table\b", re.IGNORECASE)


def text_rows(text: str) -> Rows:
    """The lines the reader reads, for a text in any of the text layouts (tab-separated, spaces,
    pipe tables, HTML tables)."""
    if _HAS_TABLE.search(text):
        rows = _html_rows(text)
    else:
        rows = list(enumerate(text.splitlines(), start=1))
    out: Rows = []
    for n, line in rows:
        piped = _pipe_line(line, n) if "|" in line else None
        out.append((n, line if piped is None else piped))
    return out


# --------------------------------------------------------------------------- .docx

def is_docx(data: bytes, name: str = "") -> bool:
    """A zip file (what a .docx is), or a file named .docx."""
    return data[:4] == b"PK\x03\x04" or name.lower().endswith(".docx")


def _too_large(part: str, seen: int) -> Refused:
    return Refused("docx_part_unpacks_too_large", part=part, seen=seen / 1_000_000,
                   body_most=MAX_DOCX_XML_BYTES // 1_000_000, all_most=MAX_DOCX_TOTAL_BYTES // 1_000_000)


_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
_TABLE_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?tr[\s/>]")


def _checked_copy(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], not_docx: Refused) -> bytes:
    """The .docx again, each entry as unpacked through xlsx_guard.unpacked (its bytes counted as they come out,
    never trusting the sizes the zip declares: MAX_DOCX_XML_BYTES for the body, MAX_DOCX_TOTAL_BYTES in all),
    stored uncompressed, for python-docx to open: it reads every part whole, which zipfile would decompress
    in one call (a 1.9 GB body declared as 1,000 bytes). Refused beforehand, by counting their tags, when the
    XML parts hold more than MAX_DOCX_ELEMENTS elements or the body more than MAX_DOCX_PARAGRAPHS paragraphs
    or MAX_DOCX_ROWS table rows: python-docx holds each element in memory (1,300,000 empty paragraphs, 8 MB
    unpacked and 12 KB packed, took 779 MB)."""
    from spending.files.xlsx_guard import unpacked

    parts: list[tuple[zipfile.ZipInfo, bytes]] = []
    total = elements = 0
    try:
        for entry in entries:
            room = MAX_DOCX_TOTAL_BYTES - total
            limit = min(MAX_DOCX_XML_BYTES, room) if entry.filename == "word/document.xml" else room
            data = b"".join(unpacked(archive, entry, limit, functools.partial(_too_large, entry.filename)))
            total += len(data)
            parts.append((entry, data))
            # every part (python-docx parses a part as XML by its content type, not its name); an image's
            # bytes count some 1 in 256 as a tag, which the limit leaves room for
            elements += data.count(b"<") - data.count(b"</") - data.count(b"<?") - data.count(b"<!")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError,
            RuntimeError):                             # a CRC that fails (sizes that lie), encryption, a bad method
        raise not_docx from None
    body = next(data for entry, data in parts if entry.filename == "word/document.xml")
    paragraphs, rows = len(_PARAGRAPH.findall(body)), len(_TABLE_ROW.findall(body))
    if elements > MAX_DOCX_ELEMENTS or paragraphs > MAX_DOCX_PARAGRAPHS or rows > MAX_DOCX_ROWS:
        raise Refused("docx_too_many_elements", paragraphs=paragraphs, rows=rows, elements=elements,
                      paragraphs_most=MAX_DOCX_PARAGRAPHS, rows_most=MAX_DOCX_ROWS, elements_most=MAX_DOCX_ELEMENTS)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for entry, data in parts:
            copy.writestr(zipfile.ZipInfo(entry.filename, entry.date_time), data)
    return out.getvalue()


def docx_rows(data: bytes) -> tuple[Rows, dict[int, tuple[str, str]]]:
    """The Word file's paragraphs and table rows as the reader's lines, numbered 1, 2, …, and each
    line's place (第 3 段 / 表 2 第 5 行). Refused when it is no .docx or beyond a limit."""
    if len(data) > MAX_DOCX_BYTES:
        raise Refused("docx_too_large", most=MAX_DOCX_BYTES // 1_000_000, size=len(data) / 1_000_000)
    not_docx = Refused("docx_not_docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise not_docx from None
    names = {e.filename for e in entries}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names or len(names) < len(entries):
        raise not_docx                                # a part twice: the one checked might not be the one read
    body = next(e for e in entries if e.filename == "word/document.xml")
    total = sum(e.file_size for e in entries)
    if len(entries) > MAX_DOCX_ENTRIES or body.file_size > MAX_DOCX_XML_BYTES or total > MAX_DOCX_TOTAL_BYTES:
        raise Refused("docx_unpacks_too_large", body=body.file_size / 1_000_000, total=total / 1_000_000,
                      parts=len(entries), body_most=MAX_DOCX_XML_BYTES // 1_000_000,
                      all_most=MAX_DOCX_TOTAL_BYTES // 1_000_000)
    checked = _checked_copy(archive, entries, not_docx)
    del archive
    import docx                                       # python-docx: only when a .docx comes
    from docx.oxml.ns import qn

    try:
        word = docx.Document(io.BytesIO(checked))
    except Exception:                                 # noqa: BLE001 - a broken part, bad XML, a missing relation
        raise not_docx from None
    del checked
    rows: Rows = []
    places: dict[int, tuple[str, str]] = {}
    counts = {"p": 0, "tbl": 0}
    P, TBL, SDT, CONTENT, TR, TC = (qn(t) for t in ("w:p", "w:tbl", "w:sdt", "w:sdtContent", "w:tr", "w:tc"))
    T, TAB, BR, CR, TABS = (qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:tabs"))

    def add(text: str, place: tuple[str, str]) -> None:
        rows.append((len(rows) + 1, text))
        places[len(rows)] = place

    def paragraph_text(p) -> str:
        """The runs' text (w:t; a tab or break a space), as Paragraph.text has it, without its
        XPath per run (a large file took seconds in it)."""
        parts = []
        for element in p.iter(T, TAB, BR, CR):
            if element.tag == T:
                parts.append(element.text or "")
            elif element.getparent().tag != TABS:      # a tab stop's definition is no text
                parts.append(" ")
        return "".join(parts)

    def cell_text(tc) -> str:
        return " ".join(paragraph_text(p) for p in tc.iterchildren(P))

    def blocks(parent):
        for child in parent.iterchildren():
            if child.tag in (P, TBL):
                yield child
            elif child.tag == SDT:                    # a content control around paragraphs or tables
                for content in child.iterchildren(CONTENT):
                    yield from blocks(content)

    for block in blocks(word.element.body):
        if block.tag == P:
            counts["p"] += 1
            text = paragraph_text(block)
            add(text, place_of("docx_paragraph", paragraph=counts["p"]))
            continue
        counts["tbl"] += 1
        t = counts["tbl"]
        for r, tr in enumerate(block.iterchildren(TR), start=1):
            cells = [""] * min(tr.grid_before, MAX_COLUMNS + 1)
            for tc in tr.iterchildren(TC):
                span = tc.grid_span
                if span > MAX_COLUMNS:
                    raise Refused("docx_cell_too_wide", table=t, row=r, span=span, most=MAX_COLUMNS)
                # a vertically merged cell's text is in its first row only (vMerge="restart")
                cells.append("" if tc.vMerge == "continue" else cell_text(tc))
                cells.extend([""] * (span - 1))
                if len(cells) > MAX_COLUMNS:
                    break
            if any(c.strip() for c in cells):
                place = place_of("docx_table_row", table=t, row=r)
                add(_row(cells, len(rows) + 1, place), place)
    return rows, places
