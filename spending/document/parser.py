"""The parser: a 部门预算绩效文本's lines (document_layout's rows) read one after another, each table's
rows handed to its reader (spending.document.tables), then the checks of the whole text."""

from __future__ import annotations

import re
from pathlib import Path

from spending import document_layout, i18n
from spending.document.declaration_words import TITLE as _DECLARATION_TITLE
from spending.document.declaration import Declaration
from spending.document.results import Document, Problem
from spending.document.tables import _DEPT_LABEL, _YEAR_LINE, _AmountSentence, _ProjectTable, _Prose, _SectionsTable
from spending.document.text import _CN_DIGITS, MAX_FILE_BYTES, MAX_LINE_CHARS, MAX_LINES, decode, key, line_count
from spending.document_layout import Refused

_RULE_LINE = re.compile(r"^[\s\-–—=_|+:]+$")
_TITLE_YEAR = re.compile(r"\((\d{4})年度?\)")      # a 申报表's title ending （2021年度） (key(): half-width brackets)


def _cells(line: str) -> list[str]:
    """Tab-separated cells; a line without tabs is split at runs of two or more spaces (a table
    laid out with spaces). Leading blank cells are kept: they carry the column positions."""
    if "\t" in line:
        return [c.strip() for c in line.rstrip("\r\n").split("\t")]
    stripped = line.rstrip()
    parts = re.split(r" {2,}|\u3000+", stripped)
    return [p.strip() for p in parts]


def _is_heading(line: str) -> bool:
    """A heading or prose paragraph that ends a table (the text outside tables is not data)."""
    t = key(line)
    return bool(t.startswith("#") or re.match(rf"^(第[{_CN_DIGITS}]+部分|[{_CN_DIGITS}]+[.、]|\([{_CN_DIGITS}]+\)|\d+[.、]\D)", t))


class _Reader:
    """The text read line by line: which table a line belongs to (`mode`: None outside the tables,
    "sections", "dept_indicators", "project"), found by the tables' headers and ended by prose; each
    line handed to that table's reader, or to the prose's."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.mode: str | None = None
        self.prose = _Prose(doc)
        self.amount = _AmountSentence(doc)
        self.sections = _SectionsTable(doc)
        self.project = _ProjectTable(doc, self.amount)
        self.declaration = Declaration(doc)
        self.unplaced: list[int] = []                   # table rows outside any table: one problem for all

    def line(self, n: int, raw: str) -> None:
        text = raw.rstrip("\r\n")
        if not text.strip():
            return
        k = key(text)
        if _RULE_LINE.match(text) or re.fullmatch(r"[-=|:]+", k):
            return                                      # a table's rule line (----), decoration
        if self.declared(n, text, k):
            return
        cells = _cells(text)
        if "\t" in text:
            tabular = True
        else:   # laid out with spaces: a table row only inside a table, never a heading
            starts = key(cells[0]) in ("项目编码", "职责活动") if cells else False
            tabular = starts or (self.mode is not None and len([c for c in cells if c]) >= 2 and not _is_heading(text))
        if not tabular:                                 # headings and paragraphs end a table
            self.end()
            self.mode = None
            self.prose.line(text, k)
            self.amount.line(n, k)
            return
        if re.search(r"\.{3,}", text):                  # table of contents: "一.…项目绩效目标 .....<tab>18"
            return
        first = key(cells[0])
        if first == "职责活动":
            self.end()
            if self.mode != "sections":                 # a header repeated after a page break continues the table
                self.mode = "sections"
                self.sections.start()
            return
        if first == "项目编码":
            self.project.start(n, cells)
            self.mode = "project"
            return
        if first == "一级指标" and self.mode != "project" or "评(扣)分标准" in k:
            self.end()
            self.mode = "dept_indicators"
            return
        if self.mode == "sections":
            self.sections.row(n, cells)
        elif self.mode == "dept_indicators":
            return                                      # 部门整体支出绩效指标: not needed here
        elif self.mode == "project":
            self.project.row(n, cells, k)
        else:
            self.unplaced.append(n)

    def declared(self, n: int, text: str, k: str) -> bool:
        """A line of a 绩效目标申报表 (spending.document.declaration), read by it: from its title (or a
        row of cells beginning 项目名称) to the next such title, another table, or a part's heading."""
        title = len(k) <= 40 and _DECLARATION_TITLE.search(k)
        first = key(text.split("\t", 1)[0]) if "\t" in text else ""
        if title or (first == "项目名称" and (self.mode != "project")
                     and (self.mode != "declaration" or "name" in self.declaration.fields)):
            self.end()
            self.mode = "declaration"
            self.declaration.start(n)
            if title:
                year = _TITLE_YEAR.search(k)                # 财政支出项目绩效目标申报表（2021年度）
                if year and not self.doc.year:
                    self.doc.year = int(year.group(1))
                return True
        if self.mode != "declaration":
            return False
        if not k:
            return True                                 # tags alone (an HTML text's <div>)
        if first in ("项目编码", "职责活动") or k.startswith("#") or re.match(rf"^第[{_CN_DIGITS}]+部分", k):
            self.end()
            return False
        if "\t" not in text and self.declaration.part == "indicators" and (
                self.declaration.by_cells or re.match(rf"^[{_CN_DIGITS}]+、", k)
                or self.declaration.cell_lines and len(k) > 40):    # one cell per line: a paragraph ends it
            self.end()                                  # prose after the table's cells, or the next part's heading
            return False
        one_cell = len([c for c in text.split("\t") if c.strip()]) <= 1
        if _YEAR_LINE.match(k) or one_cell and _DEPT_LABEL.match(k) and not k.startswith("主管部门"):
            self.prose.line(text, k)                    # （2026年度）, 预算主管部门：… (a paragraph or a row)
            return True
        self.declaration.feed(n, text)
        return True

    def end(self) -> None:
        """A project's table ends here (a line of prose, another table's header, the text's end):
        its checks, and no table is being read."""
        if self.mode == "project":
            self.project.end()
            self.mode = None
        elif self.mode == "declaration":
            self.declaration.end()
            self.mode = None

    def finish(self, places: dict[int, tuple[str, str]] | None) -> None:
        """The text's end: the table being read ends; the rows no table took are one problem."""
        self.end()
        if not self.unplaced:
            return
        shown = self.unplaced[:20]
        where = [places[n] if places and n in places else document_layout.place_of("layout_line", line=n)
                 for n in shown]
        more = i18n.Message("document_unplaced_more", count=len(self.unplaced)) \
            if len(self.unplaced) > len(shown) else ("", "")
        self.doc.problem(self.unplaced[0], "document_rows_unplaced", count=len(self.unplaced), more=more,
                         rows=("、".join(w[0] for w in where), ", ".join(w[1] for w in where)))


def _by_line(problem: Problem) -> tuple:
    return (problem.line is not None, problem.line or 0)   # the whole text's problems first


def parse_text(text: str) -> Document:
    """The text read, in any of its text layouts (document_layout.text_rows: tab-separated, pipe
    tables, HTML tables); Refused (before reading) when a line is longer than MAX_LINE_CHARS, or
    when the text has more projects, sections or indicators than the limits; or, before its lines are
    made, when it has more than MAX_LINES."""
    lines = line_count(text)
    if lines > MAX_LINES:
        raise Refused("document_too_many_lines", lines=lines, most=MAX_LINES)
    return parse_rows(document_layout.text_rows(text))


def parse_rows(rows: list[tuple[int, str]], places: dict[int, tuple[str, str]] | None = None) -> Document:
    """The reader over (line number, line) rows; `places` names a line's place for the problems."""
    for n, line in rows:
        if len(line) > MAX_LINE_CHARS:
            where = places[n] if places and n in places else document_layout.place_of("layout_line", line=n)
            raise Refused("document_line_too_long", place=where, chars=len(line), most=MAX_LINE_CHARS)
    doc = Document()
    reader = _Reader(doc)
    for n, line in rows:
        reader.line(n, line)
    reader.finish(places)
    _check(doc)
    if places:
        doc.places = places
        for p in doc.problems:
            p.place = places.get(p.line) if p.line is not None else None
    return doc


def parse_docx(data: bytes) -> Document:
    """The Word file read (document_layout.docx_rows); Refused when it is no .docx or too large."""
    rows, places = document_layout.docx_rows(data)
    doc = parse_rows(rows, places)
    doc.encoding = "docx"
    return doc


def parse_bytes(data: bytes, name: str = "") -> Document:
    """parse_text of the bytes decoded (parse_docx of a Word file: a zip, or a name ending .docx);
    Refused before decoding when the file is over MAX_FILE_BYTES, ValueError when it is no UTF-8
    or GBK text."""
    if document_layout.is_docx(data, name):
        return parse_docx(data)
    if len(data) > MAX_FILE_BYTES:
        raise Refused("document_file_too_large", size=len(data) / 1_000_000, most=MAX_FILE_BYTES // 1_000_000)
    text, encoding = decode(data)
    doc = parse_text(text)
    doc.encoding = encoding
    return doc


def parse_file(path: str | Path) -> Document:
    return parse_bytes(Path(path).read_bytes(), Path(path).name)


def _check(doc: Document) -> None:
    """The checks of the whole text, once read (a project code or a section repeated, more than two
    goals, an indicator row repeated); the problems then in the order of their lines."""
    seen: dict[str, int] = {}
    for p in doc.projects:
        if p.code in seen:
            doc.problem(p.line, "document_code_repeats", code=p.code, first=seen[p.code])
        seen.setdefault(p.code, p.line)
        if len(p.goals) > 2:
            doc.problem(p.line, "document_too_many_goals", code=p.code, goals=len(p.goals))
    names: dict[str, int] = {}
    for s in doc.sections:
        if s.name in names:
            doc.problem(s.line, "document_section_repeats", section=s.name, first=names[s.name])
        names.setdefault(s.name, s.line)
    for p in doc.projects:      # an indicator row repeated (same 一级/二级/三级 and 描述): one problem per indicator
        repeats: dict[tuple, list[int]] = {}
        for ind in p.indicators:
            repeats.setdefault((ind.level_1, ind.level_2, ind.level_3, ind.description), []).append(ind.line)
        for (_, _, name, _), lines in repeats.items():
            if len(lines) > 1:
                shown = ("、".join(map(str, lines[1:11])) + ("等" if len(lines) > 11 else ""),
                         ", ".join(map(str, lines[1:11])) + (" …" if len(lines) > 11 else ""))
                doc.problem(lines[1], "document_indicator_repeats", code=p.code, name=name, shown=shown,
                            first=lines[0], repeats=len(lines) - 1)
    doc.problems.sort(key=_by_line)

