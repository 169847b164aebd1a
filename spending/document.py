"""Read a 部门预算绩效文本 (department budget performance text) of the source document's kind.

Pure Python, no database. The tables are read, not the headings (headings in these texts are
copied from other projects). What is read:

* the department (name, code) and the year, from the title and the 部门职责-工作活动 table's caption;
* the sections (科室) of the 部门职责-工作活动绩效目标 table: name, duties (内容描述), annual amount;
* each 预算项目绩效表: 项目编码, 项目名称, 资金用途, 资金支出计划 (cumulative % at month ends),
  绩效目标, 绩效指标 (一级/二级/三级, 描述, 符号, 值, 单位, 依据); the project's amount (万元) comes
  from the 资金安排情况 sentence before its table.

The layouts it comes in (tab-separated text, pipe tables, HTML tables, the .docx itself) are made
into the same lines of cells by spending/document_layout.py before the reader (`_Reader`) sees them.

Messy texts are expected: tables split over page breaks with the header repeated, cells wrapped
over lines (a continuation row holds text in the wrapped cell's column only), tabs and runs of
spaces, "3 月底" and "3月底", full-width digits and punctuation, amounts with or without
decimals, UTF-8 or GBK bytes. Every line that belongs to a table but could not be read is a
`Problem` with its line number; nothing is guessed.

Hostile texts are bounded: every pattern is linear, and a text is refused in one line (`Refused`)
above MAX_FILE_BYTES, a line above MAX_LINE_CHARS (both before reading), more than MAX_PROJECTS,
MAX_SECTIONS or MAX_INDICATORS (of a project), or a wrapped cell above MAX_CELL_CHARS; the owners'
search is iterative and counts its steps. A repeated indicator row is a problem with its lines.

Which section owns a project is not written in these texts. `settle_owners` decides it only
where it is certain (see its docstring); everything else stays unassigned (未分配科室).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from spending import document_layout

UNASSIGNED = "未分配科室"
RULE_AMOUNTS = "amounts"      # the sections' amounts leave exactly one choice
RULE_DUTIES = "duties"        # exactly one candidate section's duties name the project's work
RULE_GIVEN = "given"          # --section CODE=科室 (or the page) settled it
RULE_KEPT = "kept"            # the text settles nothing: the 科室 already stored is kept (document_load)
RULE_LABELS = {RULE_AMOUNTS: ("科室金额唯一对应", "the sections' amounts settle it"),
               RULE_DUTIES: ("科室职责写明该项工作", "the section's duties name the work"),
               RULE_GIVEN: ("由用户指定", "given by the user"),
               RULE_KEPT: ("沿用已导入的科室", "kept the section already stored"),
               None: ("未能确定", "not settled")}
DUTY_MATCH_CHARS = 4          # a shared run of this many characters names the work (综合治税, 代理记账)

PLAN_HEADER = (["年度", "项目编码", "项目名称", "科室", "年初预算数(万元)"] + [f"{m}月底" for m in range(1, 13)]
               + ["资金用途", "绩效目标1", "绩效目标2"])
SECTION_HEADER = ["年度", "序号", "科室", "职责", "年度预算数(万元)"]
INDICATOR_HEADER = ["年度", "项目编码", "序号", "一级指标", "二级指标", "三级指标", "绩效指标描述", "符号", "指标值",
                    "单位", "指标值确定依据"]


# --------------------------------------------------------------------------- results

@dataclass
class Problem:
    line: int | None              # None: the whole text (no year, no project table), no line named
    zh: str
    en: str
    place: tuple[str, str] | None = None   # where a .docx has it (第 3 段, 表 2 第 5 行), instead of the line

    def __str__(self) -> str:
        if self.place:
            return f"{self.place[0]}：{self.zh} | {self.place[1]}: {self.en}"
        if self.line is None:
            return f"{self.zh} | {self.en}"
        return f"第 {self.line} 行：{self.zh} | line {self.line}: {self.en}"

    def where(self, lang: str = "zh") -> str:
        """The place shown in a table of problems, in the page's language: 第 N 行, the .docx place, or nothing."""
        if self.place:
            return self.place[lang == "en"]
        if self.line is None:
            return ""
        return f"line {self.line}" if lang == "en" else f"第 {self.line} 行"


def _by_line(problem: Problem) -> tuple:
    return (problem.line is not None, problem.line or 0)   # the whole text's problems first


@dataclass
class Indicator:
    line: int
    level_1: str
    level_2: str
    level_3: str
    description: str = ""
    symbol: str = ""
    value: str = ""
    unit: str = ""
    basis: str = ""


@dataclass
class Section:
    line: int
    seq: int
    name: str
    duties: str = ""
    amount_wan: Decimal | None = None


@dataclass
class Project:
    line: int
    code: str
    name: str
    purpose: str = ""
    amount_wan: Decimal | None = None
    amount_line: int | None = None
    checkpoints: dict[int, Decimal] = field(default_factory=dict)
    goals: list[str] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    section: str | None = None      # None: not settled (loaded under 未分配科室)
    rule: str | None = None         # RULE_AMOUNTS / RULE_DUTIES / RULE_GIVEN

    @property
    def owner(self) -> str:
        return self.section or UNASSIGNED


@dataclass
class Document:
    year: int | None = None
    department: str = ""
    department_code: str = ""
    encoding: str = "utf-8"           # or "gbk"; "docx" for a Word file
    sections: list[Section] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    places: dict[int, tuple[str, str]] = field(default_factory=dict)   # a .docx's line -> (第 3 段, paragraph 3)

    def problem(self, line: int, zh: str, en: str) -> None:
        self.problems.append(Problem(line, zh, en))

    def where(self, line: int | None) -> tuple[str, str]:
        """A line's place for people: 第 N 行 in a text, 第 3 段 / 表 2 第 5 行 in a Word file."""
        if line is None:
            return "", ""
        return self.places.get(line) or (f"第 {line} 行", f"line {line}")

    @property
    def unassigned(self) -> list[Project]:
        return [p for p in self.projects if p.section is None]


# --------------------------------------------------------------------------- text helpers

_CN_DIGITS = "一二三四五六七八九十"
_TAG = re.compile(r"</?[a-zA-Z][^>]*+>")
_RULE_LINE = re.compile(r"^[\s\-–—=_|+:]+$")
# full-width digits and letters (０-９, Ａ-Ｚ, ａ-ｚ) become ASCII in stored text; full-width punctuation stays
_FULL_WIDTH_ALNUM = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                     for c in range(r[0], r[1] + 1)}


MAX_FILE_BYTES = 5_000_000    # a department's text is a few hundred KB (the source: 38 KB); 5 MB reads in seconds
MAX_LINE_CHARS = 10_000       # the source's longest line: 1,247 characters
MAX_PROJECTS = 2_000
MAX_SECTIONS = 200
MAX_INDICATORS = 200          # of one project (the source: at most 5)
MAX_CELL_CHARS = 4_000        # a cell wrapped over lines, put together (the source's longest: 225)
MAX_AMOUNT_WAN = Decimal(10) ** 12   # what decimal(18, 2) yuan holds


class Refused(Exception):
    """The text is beyond a limit: refused before (or instead of) reading it, in one line."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(f"{zh} | {en}")


def decode(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (with or without BOM), else GB18030 (a superset of GBK).
    NUL bytes are no text (UTF-16, a binary file)."""
    if b"\x00" in data:
        raise ValueError("NUL bytes: not UTF-8 or GBK text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gbk"
    except UnicodeDecodeError:
        raise ValueError("neither UTF-8 nor GBK") from None


def _untag(text: str) -> str:
    """The tags removed, as _TAG.sub("", text) does, in linear time: no tag starts after the last ">"
    (the pattern scanned to the end from every "<" there: quadratic on "<a<a<a…")."""
    end = text.rfind(">")
    if end < 0:
        return text
    return _TAG.sub("", text[:end + 1]) + text[end + 1:]


def key(text: str) -> str:
    """For recognising labels: full-width forms folded (NFKC), tags and every space removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", _untag(text)))


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%.")


def clean(text: str) -> str:
    """A cell's text as stored: tags removed, whitespace runs collapsed, and no space next to a
    CJK character or full-width punctuation ("维护, 满足" -> "维护,满足"; "单位 账目" -> "单位账目")."""
    text = re.sub(r"\s+", " ", _untag(text)).strip().translate(_FULL_WIDTH_ALNUM)
    out = []
    for i, ch in enumerate(text):
        if ch == " ":
            before, after = text[i - 1], text[i + 1]
            if not (_ascii_word(before) and _ascii_word(after)):
                continue
        out.append(ch)
    return "".join(out)


_TAG_START = re.compile(r"</?[a-zA-Z]")


def join(first: str, more: str) -> str:
    """A cell wrapped over lines, put back together: clean(first + " " + more) for a clean `first`,
    in time linear in `more` (a cell wrapped over thousands of lines was quadratic). Only a tag left
    open at the end of `first` and closed in `more` is read again with what follows it."""
    if not first or not more:
        return first or more
    if "<" in first:
        start = _TAG_START.search(first, first.rfind(">") + 1)
        if start and ">" in more:
            cut = max(start.start() - 1, 0)              # the character before it decides a space there
            return first[:cut] + clean(first[cut:] + " " + more)
    tail = clean(more)
    if not tail:
        return first
    return first + (" " if _ascii_word(first[-1]) and _ascii_word(tail[0]) else "") + tail


def number(text: str) -> Decimal | None:
    """A number written with or without decimals, full-width digits, thousands separators, a
    trailing % or 万元. None when the cell is not a number."""
    t = key(text).replace(",", "")
    t = re.sub(r"(%|万元|万)$", "", t)
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def plain(value: Decimal | None) -> str:
    """A Decimal as the reviewed CSVs write an amount: no trailing zeros (51.00 -> 51)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def _cells(line: str) -> list[str]:
    """Tab-separated cells; a line without tabs is split at runs of two or more spaces (a table
    laid out with spaces). Leading blank cells are kept: they carry the column positions."""
    if "\t" in line:
        return [c.strip() for c in line.rstrip("\r\n").split("\t")]
    stripped = line.rstrip()
    parts = re.split(r" {2,}|\u3000+", stripped)
    return [p.strip() for p in parts]


def _trim(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _is_heading(line: str) -> bool:
    """A heading or prose paragraph that ends a table (the text outside tables is not data)."""
    t = key(line)
    return bool(t.startswith("#") or re.match(rf"^(第[{_CN_DIGITS}]+部分|[{_CN_DIGITS}]+[.、]|\([{_CN_DIGITS}]+\)|\d+[.、]\D)", t))


# --------------------------------------------------------------------------- the parser

_SECTION_ROW = re.compile(rf"^([{_CN_DIGITS}]+)、(.+)$")
_ACTIVITY_ROW = re.compile(r"^\d+[、.]")
_MONTH = re.compile(r"^(\d{1,2})月底?$")
_GOAL = re.compile(r"^目标(\d+)$")
# starts only where a run of digits starts, possessive: linear (the same matches as (\d+(?:\.\d+)?)万元)
_AMOUNT_SENTENCE = re.compile(r"(?<!\d)(\d++(?:\.\d++)?)万元")
# a title: 2021 年部门预算绩效文本, 某某局2023年部门预算信息公开, 2024年度部门预算 (a short line, searched)
_TITLE = re.compile(r"(?<!\d)(\d{4})年度?部门预算")
_BUDGET_YEAR = re.compile(r"^预算年度[:：]?(\d{4})(?!\d)")     # 预算年度：2026
MAX_TITLE_CHARS = 80
_DEPT_CAPTION = re.compile(r"^(\d{2,})([^\d\s].*)$")
_SYMBOLS = {"≥": ">=", "≤": "<=", "＞": ">", "＜": "<", "＝": "=", "=>": ">=", "=<": "<="}


def _symbol(text: str) -> str:
    t = key(text)
    for a, b in _SYMBOLS.items():
        t = t.replace(a, b) if len(a) == 1 else (b if t == a else t)
    return t


class _Reader:
    def __init__(self, doc: Document):
        self.doc = doc
        self.mode = None            # None, "sections", "dept_indicators", "project"
        self.section_row: Section | None = None   # the section row whose cells may continue
        self.in_activity = False
        self.project: Project | None = None
        self.project_part = None    # "head", "schedule", "goals", "indicators"
        self.schedule_months: list[int] | None = None
        self.schedule_line = 0
        self.pending_amount: tuple[Decimal, int] | None = None
        self.amount_wanted = False
        self.first_line = ""        # the text's first line of prose (the department, when the title has none)
        self.previous_key = ""
        self.schedule_reported = False
        self.amount_reported = False

    @staticmethod
    def join(n: int, first: str, more: str) -> str:
        """join, refused when the cell grows beyond MAX_CELL_CHARS."""
        text = join(first, more)
        if len(text) > MAX_CELL_CHARS:
            raise Refused(f"第 {n} 行：续行拼接后的单元格超过 {MAX_CELL_CHARS:,} 个字符，不予读取",
                          f"line {n}: a cell wrapped over lines is longer than {MAX_CELL_CHARS:,} characters; not read")
        return text

    # -- dispatch
    def line(self, n: int, raw: str) -> None:
        text = raw.rstrip("\r\n")
        if not text.strip():
            return
        k = key(text)
        if _RULE_LINE.match(text) or re.fullmatch(r"[-=|:]+", k):
            return                                      # a table's rule line (----), decoration
        cells = _cells(text)
        if "\t" in text:
            tabular = True
        else:   # laid out with spaces: a table row only inside a table, never a heading
            starts = key(cells[0]) in ("项目编码", "职责活动") if cells else False
            tabular = starts or (self.mode is not None and len([c for c in cells if c]) >= 2 and not _is_heading(text))
        if not tabular:
            self.prose(n, text, k)
            return
        if re.search(r"\.{3,}", text):                  # table of contents: "一.…项目绩效目标 .....<tab>18"
            return
        first = key(cells[0])
        if first == "职责活动":
            self.end_project(n)
            if self.mode != "sections":                 # a header repeated after a page break continues the table
                self.mode, self.section_row, self.in_activity = "sections", None, False
            return
        if first == "项目编码":
            self.start_project(n, cells)
            return
        if first == "一级指标" and self.mode != "project" or "评(扣)分标准" in k:
            self.end_project(n)
            self.mode = "dept_indicators"
            return
        if self.mode == "sections":
            self.sections_row(n, cells)
        elif self.mode == "dept_indicators":
            return                                      # 部门整体支出绩效指标: not needed here
        elif self.mode == "project":
            self.project_row(n, cells, k)
        else:
            self.doc.problem(n, "表格外的行无法识别", "a table row outside any known table")

    def prose(self, n: int, text: str, k: str) -> None:
        """Headings and paragraphs: they end a table; 资金安排情况 gives the next project's amount."""
        if self.mode == "project":
            self.end_project(n)
        self.mode = None
        self.section_row = None
        if not self.doc.year:
            self.title(k)
        caption = _DEPT_CAPTION.match(clean(text))
        if caption and not self.doc.department_code and "部门职责" in self.previous_key:
            self.doc.department_code = caption.group(1)
            self.doc.department = clean(caption.group(2))
        if "资金安排情况" in k:
            self.amount_wanted = True
        elif self.amount_wanted:
            amounts = {Decimal(a) for a in _AMOUNT_SENTENCE.findall(k)}
            if len(amounts) == 1:
                self.pending_amount = (amounts.pop(), n)
                self.amount_wanted = False
            elif len(amounts) > 1:
                self.doc.problem(n, "资金安排情况中有多个金额，无法确定项目金额",
                                 "several amounts in the 资金安排情况 sentence: the project's amount is unclear")
                self.amount_wanted, self.amount_reported = False, True
        if not self.first_line:
            self.first_line = text.strip()
        self.previous_key = k

    def title(self, k: str) -> None:
        """The year from a title (the department before it, else the text's first line), or from a
        预算年度：YYYY line."""
        year = _BUDGET_YEAR.match(k)
        if year:
            self.doc.year = int(year.group(1))
            return
        title = _TITLE.search(k) if len(k) <= MAX_TITLE_CHARS else None
        if not title:
            return
        self.doc.year = int(title.group(1))
        before = clean(k[:title.start()].lstrip("#*"))
        if self.doc.department:
            return
        if len(before) >= 2:
            self.doc.department = before
        elif self.first_line:
            self.doc.department = clean(self.first_line)

    # -- 部门职责-工作活动 table
    def sections_row(self, n: int, cells: list[str]) -> None:
        cells = cells + [""] * (4 - len(cells))
        first = clean(cells[0])
        if set(key(c) for c in cells if key(c)) <= {"优", "良", "中", "差"}:
            return                                      # the header's second row
        match = _SECTION_ROW.match(first)
        if match:
            amount_text = cells[1]
            amount = number(amount_text) if key(amount_text) else None
            if key(amount_text) and amount is None:
                self.doc.problem(n, f"科室金额「{amount_text}」不是数字", f"the section's amount '{amount_text}' is not a number")
            elif amount is not None and not (0 <= amount < MAX_AMOUNT_WAN and amount.as_tuple().exponent >= -6):
                self.doc.problem(n, f"科室金额「{clean(amount_text)}」应为 0 至 {MAX_AMOUNT_WAN:,} 万元、最多 6 位小数",
                                 f"the section's amount '{clean(amount_text)}' is not 0 to {MAX_AMOUNT_WAN:,} 万元 "
                                 "with at most 6 decimals")
                amount = None
            if len(self.doc.sections) >= MAX_SECTIONS:
                raise Refused(f"第 {n} 行：文本超过 {MAX_SECTIONS:,} 个科室，不予读取",
                              f"line {n}: the text has more than {MAX_SECTIONS:,} sections; not read")
            section = Section(n, len(self.doc.sections) + 1, clean(match.group(2)), clean(cells[2]), amount)
            self.doc.sections.append(section)
            self.section_row, self.in_activity = section, False
            return
        if _ACTIVITY_ROW.match(first):
            self.in_activity = True                     # a 工作活动 of the section: not needed
            return
        if self.in_activity or not any(key(c) for c in cells[:3]):
            return                                      # the activity's wrapped cells, or an indicator row
        if self.section_row is not None and not key(cells[0]) and not key(cells[1]):
            self.section_row.duties = self.join(n, self.section_row.duties, clean(cells[2]))   # duties wrapped
            return
        self.doc.problem(n, "职责活动表中的行无法识别", "a row of the 部门职责-工作活动 table that could not be read")

    # -- 预算项目绩效表
    def start_project(self, n: int, cells: list[str]) -> None:
        self.end_project(n)
        values = [c for c in cells[1:] if key(c)]
        code, name = "", ""
        if values:
            code = key(values[0])
        for i, c in enumerate(values):
            if key(c) == "项目名称" and i + 1 < len(values):
                name = clean(values[i + 1])
        self.mode = "project"
        self.project_part = "head"
        self.schedule_months = None
        self.schedule_reported = False
        if not code or not name or not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z\-_.]*", code):
            self.doc.problem(n, "项目编码行缺少编码或名称", "the 项目编码 row lacks the code or the name")
            self.project = None
            return
        if len(self.doc.projects) >= MAX_PROJECTS:
            raise Refused(f"第 {n} 行：文本超过 {MAX_PROJECTS:,} 个项目，不予读取",
                          f"line {n}: the text has more than {MAX_PROJECTS:,} projects; not read")
        project = Project(n, code, name)
        if self.pending_amount:
            project.amount_wan, project.amount_line = self.pending_amount
        elif not self.amount_reported:
            self.doc.problem(n, f"项目 {code} 前没有找到「资金安排情况」中的金额（万元）",
                             f"no amount (万元) in a 资金安排情况 sentence before project {code}")
        self.pending_amount, self.amount_wanted, self.amount_reported = None, False, False
        self.project = project
        self.doc.projects.append(project)

    def end_project(self, n: int) -> None:
        if self.mode == "project" and self.project is not None:
            p = self.project
            if self.schedule_reported:
                pass
            elif self.schedule_months is not None and not p.checkpoints:
                self.doc.problem(self.schedule_line, f"项目 {p.code} 的资金支出计划缺少进度行",
                                 f"project {p.code}: the 资金支出计划 has no row of percentages")
            elif self.schedule_months is None:
                self.doc.problem(p.line, f"项目 {p.code} 没有资金支出计划",
                                 f"project {p.code} has no 资金支出计划 (schedule)")
        self.project = None
        self.project_part = None
        self.schedule_months = None
        if self.mode == "project":
            self.mode = None

    def project_row(self, n: int, cells: list[str], k: str) -> None:
        p = self.project
        if p is None:
            return                                      # the 项目编码 row was a problem already
        first = key(cells[0])
        if first == "项目绩效模板":
            return
        if first == "资金用途":
            p.purpose = clean(next((c for c in cells[1:] if key(c)), ""))
            self.project_part = "purpose"
            return
        if first.startswith("资金支出计划"):
            self.schedule_header(n, cells)
            return
        if first == "绩效目标" or (not first and len(cells) > 1 and _GOAL.match(key(cells[1]))):
            self.goal_row(n, cells)
            return
        if first == "一级指标":
            self.project_part = "indicators"
            return
        if self.project_part == "schedule":
            self.schedule_values(n, cells)
            return
        if self.project_part == "indicators":
            if any(key(c) in ("符号", "值") for c in cells) and not any(key(c) for c in cells[:4]):
                return                                  # the header's second row
            self.indicator_row(n, cells)
            return
        if self.project_part in ("purpose", "goals") and not first:
            rest = [c for c in cells[1:] if key(c)]
            if self.project_part == "purpose" and len(rest) == 1:
                p.purpose = self.join(n, p.purpose, clean(rest[0]))
                return
            if self.project_part == "goals" and len(rest) == 1 and p.goals and len(cells) > 2 and key(cells[2]):
                p.goals[-1] = self.join(n, p.goals[-1], clean(cells[2]))
                return
        self.doc.problem(n, f"项目 {p.code} 的表格中有无法识别的行", f"a row of project {p.code}'s table that could not be read")

    def schedule_header(self, n: int, cells: list[str]) -> None:
        months = []
        for c in cells[1:]:
            if not key(c):
                continue
            m = _MONTH.match(key(c))
            if not m or not 1 <= int(m.group(1)) <= 12:
                self.doc.problem(n, f"资金支出计划的月份「{clean(c)}」无法识别", f"the schedule's month '{clean(c)}' is not N月底")
                months = None
                break
            months.append(int(m.group(1)))
        if months is not None and not months:
            self.doc.problem(n, "资金支出计划没有月份", "the schedule names no month")
            months = None
        if months is None:
            self.schedule_reported = True
        self.schedule_months = months or []
        self.schedule_line = n
        self.project_part = "schedule"

    def schedule_values(self, n: int, cells: list[str]) -> None:
        p = self.project
        values = [c for c in cells if key(c)]
        numbers = [number(v) for v in values]
        self.project_part = "after_schedule"
        if not values or any(x is None for x in numbers):
            self.doc.problem(n, f"项目 {p.code} 的资金支出计划进度行无法识别",
                             f"project {p.code}: the schedule's row of percentages could not be read")
            self.schedule_reported = True
            return
        months = self.schedule_months
        if not months:
            return                                      # the header was a problem already
        if len(numbers) != len(months):
            self.doc.problem(n, f"项目 {p.code} 的资金支出计划有 {len(months)} 个月份、{len(numbers)} 个进度",
                             f"project {p.code}: the schedule names {len(months)} months but has {len(numbers)} percentages")
            self.schedule_reported = True
            return
        last = Decimal(0)
        for month, value in sorted(zip(months, numbers)):
            if not Decimal(0) <= value <= Decimal(100):
                self.doc.problem(n, f"{month}月底的进度 {value} 不在 0–100 之间", f"{month}月底: {value} is not within 0–100")
            elif value < last:
                self.doc.problem(n, f"{month}月底的进度 {value} 低于前一个月份", f"{month}月底: {value} is below an earlier month")
            last = max(last, value)
            if abs(value) < MAX_AMOUNT_WAN:              # a huge one is a problem above, not an InvalidOperation
                p.checkpoints[month] = value.quantize(Decimal("0.01"))

    def goal_row(self, n: int, cells: list[str]) -> None:
        p = self.project
        self.project_part = "goals"
        values = [c for c in cells[1:] if key(c)]
        if len(values) >= 2 and _GOAL.match(key(values[0])):
            p.goals.append(clean(" ".join(values[1:])))
        elif len(values) == 1 and not _GOAL.match(key(values[0])):
            p.goals.append(clean(values[0]))
        elif values:
            self.doc.problem(n, f"项目 {p.code} 的绩效目标行无法识别", f"project {p.code}: a 绩效目标 row could not be read")

    def indicator_row(self, n: int, cells: list[str]) -> None:
        p = self.project
        cells = [clean(c) for c in cells]
        if "\t" not in "".join(cells) and len(cells) < 8 and self._spaced(cells):
            cells = self._spaced(cells)
        cells = (cells + [""] * 8)[:8] if len(cells) <= 8 else cells
        if len(cells) > 8 and any(cells[8:]):
            self.doc.problem(n, f"项目 {p.code} 的指标行多于 8 列", f"project {p.code}: an indicator row has more than 8 cells")
            return
        cells = cells[:8]
        l1, l2, l3 = cells[0], cells[1], cells[2]
        if l3:
            if not l1 and not p.indicators:
                self.doc.problem(n, f"项目 {p.code} 的第一个指标没有一级指标", f"project {p.code}: the first indicator has no 一级指标")
                return
            l1 = l1 or p.indicators[-1].level_1
            if len(p.indicators) >= MAX_INDICATORS:
                raise Refused(f"第 {n} 行：项目 {p.code} 超过 {MAX_INDICATORS:,} 个绩效指标，不予读取",
                              f"line {n}: project {p.code} has more than {MAX_INDICATORS:,} indicators; not read")
            p.indicators.append(Indicator(n, l1, l2, l3, cells[3], _symbol(cells[4]) if cells[4] else "",
                                          key(cells[5]) if number(cells[5]) is not None else cells[5],
                                          cells[6], cells[7]))
            return
        if not l1 and not l2 and p.indicators:           # a wrapped row: text in the wrapped cells' columns
            last = p.indicators[-1]
            for i, name in enumerate(("level_1", "level_2", "level_3", "description", "symbol", "value", "unit", "basis")):
                if cells[i]:
                    setattr(last, name, self.join(n, getattr(last, name), cells[i]))
            return
        self.doc.problem(n, f"项目 {p.code} 的指标行无法识别（缺三级指标）",
                         f"project {p.code}: an indicator row could not be read (no 三级指标)")

    @staticmethod
    def _spaced(cells: list[str]) -> list[str] | None:
        """A row laid out with spaces lost its empty cells: accept it only when all 8 are there, or 7
        with the 一级指标 left to the row above."""
        filled = [c for c in cells if c]
        if len(filled) == 8:
            return filled
        if len(filled) == 7 and not cells[0]:
            return [""] + filled
        return None


def parse_text(text: str) -> Document:
    """The text read, in any of its text layouts (document_layout.text_rows: tab-separated, pipe
    tables, HTML tables); Refused (before reading) when a line is longer than MAX_LINE_CHARS, or
    when the text has more projects, sections or indicators than the limits."""
    try:
        rows = document_layout.text_rows(text)
    except document_layout.LayoutRefused as refused:
        raise Refused(refused.zh, refused.en) from None
    return parse_rows(rows)


def parse_rows(rows: list[tuple[int, str]], places: dict[int, tuple[str, str]] | None = None) -> Document:
    """The reader over (line number, line) rows; `places` names a line's place for the problems."""
    for n, line in rows:
        if len(line) > MAX_LINE_CHARS:
            where = places[n] if places and n in places else (f"第 {n} 行", f"line {n}")
            raise Refused(f"{where[0]}超过 {MAX_LINE_CHARS:,} 个字符（{len(line):,} 个），不予读取",
                          f"{where[1]} is longer than {MAX_LINE_CHARS:,} characters ({len(line):,}); not read")
    doc = Document()
    reader = _Reader(doc)
    for n, line in rows:
        reader.line(n, line)
    reader.end_project(rows[-1][0] if rows else 0)
    doc.problems.sort(key=_by_line)
    _check(doc)
    if places:
        doc.places = places
        for p in doc.problems:
            p.place = places.get(p.line)
    return doc


def parse_docx(data: bytes) -> Document:
    """The Word file read (document_layout.docx_rows); Refused when it is no .docx or too large."""
    try:
        rows, places = document_layout.docx_rows(data)
    except document_layout.LayoutRefused as refused:
        raise Refused(refused.zh, refused.en) from None
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
        raise Refused(f"文件超过 {MAX_FILE_BYTES // 1_000_000} MB（{len(data) / 1_000_000:,.1f} MB），不予读取",
                      f"the file is over {MAX_FILE_BYTES // 1_000_000} MB ({len(data) / 1_000_000:,.1f} MB); not read")
    text, encoding = decode(data)
    doc = parse_text(text)
    doc.encoding = encoding
    return doc


def parse_file(path: str | Path) -> Document:
    return parse_bytes(Path(path).read_bytes(), Path(path).name)


def _check(doc: Document) -> None:
    seen: dict[str, int] = {}
    for p in doc.projects:
        if p.code in seen:
            doc.problem(p.line, f"项目编码 {p.code} 与第 {seen[p.code]} 行重复", f"project code {p.code} repeats line {seen[p.code]}")
        seen.setdefault(p.code, p.line)
        if len(p.goals) > 2:
            doc.problem(p.line, f"项目 {p.code} 有 {len(p.goals)} 个绩效目标，计划文件只能保存两个",
                        f"project {p.code} has {len(p.goals)} goals; a plan holds two")
    names: dict[str, int] = {}
    for s in doc.sections:
        if s.name in names:
            doc.problem(s.line, f"科室「{s.name}」与第 {names[s.name]} 行重复", f"section {s.name} repeats line {names[s.name]}")
        names.setdefault(s.name, s.line)
    for p in doc.projects:      # an indicator row repeated (same 一级/二级/三级 and 描述): one problem per indicator
        repeats: dict[tuple, list[int]] = {}
        for ind in p.indicators:
            repeats.setdefault((ind.level_1, ind.level_2, ind.level_3, ind.description), []).append(ind.line)
        for (_, _, name, _), lines in repeats.items():
            if len(lines) > 1:
                shown = "、".join(map(str, lines[1:11])) + ("等" if len(lines) > 11 else "")
                shown_en = ", ".join(map(str, lines[1:11])) + (" …" if len(lines) > 11 else "")
                doc.problem(lines[1], f"项目 {p.code} 的绩效指标「{name}」在第 {shown} 行重复（与第 {lines[0]} 行相同，"
                                      f"共重复 {len(lines) - 1} 行）",
                            f"project {p.code}: the indicator '{name}' on line(s) {shown_en} repeats line {lines[0]} "
                            f"({len(lines) - 1} repeated row(s))")
    doc.problems.sort(key=_by_line)


# --------------------------------------------------------------------------- owners

MAX_SEARCH = 200_000   # steps of the subset-sum search; beyond it the amounts settle nothing
MAX_SETTLE = 10 * MAX_SEARCH   # steps of all the searches of one settle_owners


class _Solutions:
    """What the ways found say: how many there are, and each project's sections over them (None:
    outside the sections with amounts). Kept per project, not per way: a way costs no memory."""

    def __init__(self, codes: list[str]):
        self.count = 0
        self.owners: dict[str, set] = {c: set() for c in codes}

    def __bool__(self) -> bool:
        return self.count > 0

    def of(self, code: str) -> set:
        """The project's sections over every way (a project without an amount is outside in each)."""
        return self.owners[code] if code in self.owners else ({None} if self.count else set())


def _amount_solutions(projects: list[Project], sections: list[Section], fixed: dict[str, str],
                      budget: list[int] | None = None) -> _Solutions | None:
    """Every assignment of the projects to sections with amounts such that each such section's
    projects add up exactly to its amount (a project may stay outside them, None). Projects in
    `fixed` keep their section. None when the search is too large to be sure (more than MAX_SEARCH
    steps, or than what is left of `budget`, shared by the searches of one settle_owners).
    Depth first without recursion (a text may have thousands of projects)."""
    targets = {s.name: int(s.amount_wan * 1_000_000) for s in sections if s.amount_wan is not None}
    items = [p for p in projects if p.amount_wan is not None]
    found = _Solutions([p.code for p in items])
    if not targets:
        return found
    amounts = [int(p.amount_wan * 1_000_000) for p in items]
    remaining = dict(targets)
    left = sum(remaining.values())               # sum(remaining.values()), kept as it changes
    choice: list[str | None] = []
    steps = min(MAX_SEARCH, budget[0]) if budget is not None else MAX_SEARCH
    suffix = [0] * (len(items) + 1)
    for i in range(len(items) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + amounts[i]
    n = len(items)

    def options(i: int) -> list:
        p = items[i]
        return [fixed[p.code]] if p.code in fixed else [*targets, None]

    def visit(i: int) -> bool:
        """A node: True when its options are to be tried (the counting as the recursion did)."""
        nonlocal steps
        steps -= 1
        if steps < 0:
            raise _TooLarge
        if left > suffix[i]:
            return False                                 # the rest cannot fill the sections
        if i == n:
            if all(v == 0 for v in remaining.values()):
                steps -= n                               # recording a way costs its length
                found.count += 1
                for p, name in zip(items, choice):
                    found.owners[p.code].add(name)
            return False
        return True

    # each frame: [depth, its options, the next option's index, the amount taken by the choice made]
    stack: list[list] = []
    try:
        if visit(0):
            stack.append([0, options(0), 0, None])
        while stack:
            frame = stack[-1]
            i, opts = frame[0], frame[1]
            if frame[3] is not None or len(choice) > i:  # undo the choice made at this depth
                name = choice.pop()
                if frame[3] is not None:
                    remaining[name] += frame[3]
                    left += frame[3]
                    frame[3] = None
            while frame[2] < len(opts):
                name = opts[frame[2]]
                frame[2] += 1
                if name is not None and name in targets:
                    if remaining[name] < amounts[i]:
                        continue
                    remaining[name] -= amounts[i]
                    left -= amounts[i]
                    frame[3] = amounts[i]
                choice.append(name)                      # a section without an amount, or None: nothing taken
                if visit(i + 1):
                    stack.append([i + 1, options(i + 1), 0, None])
                break
            else:
                stack.pop()
    except _TooLarge:
        return None
    finally:
        if budget is not None:
            budget[0] -= (min(MAX_SEARCH, budget[0]) - max(steps, 0))
    return found


class _TooLarge(Exception):
    pass


def _named_by(projects: list[Project], sections: list[Section]) -> dict[str, list[str]]:
    """For each project, the sections whose duties name its work (_names_work), in the sections'
    order. Through an index of the duties' runs of DUTY_MATCH_CHARS characters, built once: every
    pair tried with `in` was (projects × sections × name length) searches of the duties."""
    duties = [(s.name, key(s.duties)) for s in sections if s.duties]
    run = DUTY_MATCH_CHARS
    grams: dict[str, list[int]] = {}
    for j, (_, d) in enumerate(duties):
        for gram in {d[i:i + run] for i in range(len(d) - run + 1)}:
            grams.setdefault(gram, []).append(j)
    interned: dict[frozenset, frozenset] = {}
    index = {gram: interned.setdefault(found, found) for gram, found in ((g, frozenset(js)) for g, js in grams.items())}
    named = {}
    for p in projects:
        name = key(p.name)
        if len(name) < run:                            # a name shorter than that must appear whole
            named[p.code] = [n for n, d in duties if name in d]
            continue
        found = {id(f): f for f in map(index.get, {name[i:i + run] for i in range(len(name) - run + 1)}) if f}
        hit = frozenset().union(*found.values())       # the same sections: one set, merged once
        named[p.code] = [duties[j][0] for j in sorted(hit)]
    return named


def _names_work(duties: str, project_name: str) -> bool:
    d, name = key(duties), key(project_name)
    run = min(DUTY_MATCH_CHARS, len(name))      # a name shorter than that must appear whole
    return any(name[i:i + run] in d for i in range(len(name) - run + 1))


def settle_owners(doc: Document, given: dict[str, str] | None = None) -> None:
    """Decide each project's section where it is certain, and record the rule that decided it:

    1. given: `--section CODE=科室` (the person's word) first;
    2. amounts: over every way of giving the projects to the sections with an amount so that each
       such section's projects add up exactly to its amount, the project is in the same section
       in every way (and there is at least one way);
    3. duties: of the sections the amounts still allow (all sections when no way exists), exactly
       one has duties sharing a run of 4 characters with the project's name (综合治税, 代理记账);
       then rule 2 is applied again with that choice fixed.
    Anything else stays unassigned (未分配科室). Nothing is guessed.
    """
    given = given or {}
    known = {s.name for s in doc.sections}
    for p in doc.projects:
        p.section, p.rule = None, None
        if p.code in given:
            p.section, p.rule = given[p.code], RULE_GIVEN
    fixed = {p.code: p.section for p in doc.projects if p.section}
    budget = [MAX_SETTLE]
    # the sections whose duties name each project's work: the same in every round, found once
    named_by = _named_by([p for p in doc.projects if p.section is None], doc.sections)

    def apply_amounts(rule_fixed: dict[str, str]) -> _Solutions | None:
        solutions = _amount_solutions(doc.projects, doc.sections, rule_fixed, budget)
        if solutions:
            for p in doc.projects:
                if p.section is None and p.amount_wan is not None:
                    owners = set(solutions.of(p.code))
                    if len(owners) == 1 and None not in owners:
                        p.section, p.rule = owners.pop(), RULE_AMOUNTS
        return solutions

    solutions = apply_amounts(fixed)
    changed = True
    while changed:
        changed = False
        for p in doc.projects:
            if p.section is not None:
                continue
            if solutions:
                owners = solutions.of(p.code)
                candidates = owners - {None}
                if None in owners:
                    candidates |= {s.name for s in doc.sections if s.amount_wan is None}
            else:
                candidates = known
            named = [name for name in named_by[p.code] if name in candidates]
            if len(named) == 1:
                p.section, p.rule = named[0], RULE_DUTIES
                changed = True
        if changed:
            fixed = {p.code: p.section for p in doc.projects if p.section}
            solutions = apply_amounts(fixed)


# --------------------------------------------------------------------------- the reviewed CSV formats

def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def plan_rows(doc: Document, year: int | None = None) -> list[list]:
    y = year or doc.year
    rows = []
    for p in doc.projects:
        months = [f"{p.checkpoints[m]:.2f}" if m in p.checkpoints else "" for m in range(1, 13)]
        goals = (p.goals + ["", ""])[:2]
        rows.append([y, p.code, p.name, p.owner, plain(p.amount_wan), *months, p.purpose, *goals])
    return rows


def section_rows(doc: Document, year: int | None = None) -> list[list]:
    y = year or doc.year
    return [[y, s.seq, s.name, s.duties, plain(s.amount_wan)] for s in doc.sections]


def indicator_rows(doc: Document, year: int | None = None) -> list[list]:
    y = year or doc.year
    return [[y, p.code, i, ind.level_1, ind.level_2, ind.level_3, ind.description, ind.symbol, ind.value, ind.unit,
             ind.basis] for p in doc.projects for i, ind in enumerate(p.indicators, start=1)]


def plan_csv(doc: Document, year: int | None = None) -> str:
    return _csv(PLAN_HEADER, plan_rows(doc, year))


def sections_csv(doc: Document, year: int | None = None) -> str:
    return _csv(SECTION_HEADER, section_rows(doc, year))


def indicators_csv(doc: Document, year: int | None = None) -> str:
    return _csv(INDICATOR_HEADER, indicator_rows(doc, year))
