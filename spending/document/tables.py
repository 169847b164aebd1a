"""A reader per table of a 部门预算绩效文本. The parser (spending.document.parser) hands each its
rows; each puts what it reads into the Document and the rows it cannot read into its problems.

* _Prose: the text outside the tables (the title, the 部门职责 table's caption);
* _AmountSentence: the 资金安排情况 sentence before a project's table (the project's amount);
* _SectionsTable: the 部门职责-工作活动绩效目标 table (the sections);
* _ProjectTable: a 预算项目绩效表 (项目编码, 项目名称, 资金用途), its parts read by
  _PlanTable (资金支出计划), _GoalRows (绩效目标) and _IndicatorTable (绩效指标).
"""

from __future__ import annotations

import re
from decimal import Decimal

from spending.document.results import Document, Indicator, Project, Section
from spending.document.text import (_CN_DIGITS, MAX_AMOUNT_WAN, MAX_CELL_CHARS, MAX_INDICATORS, MAX_PROJECTS,
                                    MAX_SECTIONS, clean, join, key, number)
from spending.document_layout import Refused


class _Table:
    """What every table's reader shares: the document read so far (what is read goes into it, the
    problems found too)."""

    def __init__(self, doc: Document):
        self.doc = doc

    @staticmethod
    def join(n: int, first: str, more: str) -> str:
        """join, refused when the cell grows beyond MAX_CELL_CHARS."""
        text = join(first, more)
        if len(text) > MAX_CELL_CHARS:
            raise Refused("document_cell_too_long", line=n, most=MAX_CELL_CHARS)
        return text


# --------------------------------------------------------------------------- outside the tables

# a title: 2021 年部门预算绩效文本, 某某局2023年部门预算信息公开, 2024年度部门预算, 上海市普陀区2026年区级部门预算
# (a short line, searched)
_TITLE = re.compile(r"(?<!\d)(\d{4})年度?(?:[区市县省州旗镇本]级)?部门预算")
_BUDGET_YEAR = re.compile(r"^预算年度[:：]?(\d{4})(?!\d)")     # 预算年度：2026
_YEAR_LINE = re.compile(r"^[(（]?(\d{4})年度[)）]?$")              # （2026年度）, under a 申报表's title
# the department named by a label on the first pages (预算主管部门：…, 部门名称：…, 单位名称：…)
_DEPT_LABEL = re.compile(r"^(?:预算主管部门|主管部门|部门名称|单位名称|预算单位)[:：](.{2,60}+)$")
MAX_TITLE_CHARS = 80
_DEPT_CAPTION = re.compile(r"^(\d{2,})([^\d\s].*)$")


class _Prose(_Table):
    """The headings and paragraphs outside the tables: the year and the department from the title
    (or a 预算年度 line), the department's code and name from the 部门职责 table's caption."""

    def __init__(self, doc: Document):
        super().__init__(doc)
        self.first_line = ""        # the text's first line of prose (the department, when the title has none)
        self.previous_key = ""

    def line(self, text: str, k: str) -> None:
        if not self.doc.year:
            self.title(k)
        label = _DEPT_LABEL.match(k)
        if label and not self.doc.department_labelled:
            self.doc.department, self.doc.department_labelled = clean(label.group(1)), True
        caption = _DEPT_CAPTION.match(clean(text))
        if caption and not self.doc.department_code and "部门职责" in self.previous_key:
            self.doc.department_code = caption.group(1)
            self.doc.department = clean(caption.group(2))
        if not self.first_line:
            self.first_line = text.strip()
        self.previous_key = k

    def title(self, k: str) -> None:
        """The year from a title (the department before it, else the text's first line), or from a
        预算年度：YYYY line."""
        year = _BUDGET_YEAR.match(k) or _YEAR_LINE.match(k)
        if year:
            self.doc.year = int(year.group(1))
            return
        title = _TITLE.search(k) if len(k) <= MAX_TITLE_CHARS else None
        if not title:
            return
        self.doc.year = int(title.group(1))
        before = clean(k[:title.start()].lstrip("#*"))
        if self.doc.department or self.doc.department_labelled:
            return
        if len(before) >= 2:
            self.doc.department = before
        elif self.first_line:
            self.doc.department = clean(self.first_line)


# starts only where a run of digits starts, possessive: linear (the same matches as (\d+(?:\.\d+)?)万元)
_AMOUNT_SENTENCE = re.compile(r"(?<!\d)(\d++(?:\.\d++)?)万元")


_YEAR_AMOUNT = re.compile(r"(?<!\d)(\d{4})年度?预算安排(?:资金)?(\d{1,12}+(?:\.\d{1,6}+)?)万元")


class _AmountSentence(_Table):
    """The 资金安排情况 paragraph before each 预算项目绩效表: the sentence after it gives the next
    project's amount (万元), taken when the project's table starts."""

    def __init__(self, doc: Document):
        super().__init__(doc)
        self.wanted = False                              # 资金安排情况 read, its amount not yet
        self.pending: tuple[Decimal, int] | None = None  # the amount and its line
        self.reported = False                            # the sentence was a problem already

    def line(self, n: int, k: str) -> None:
        if "资金安排情况" in k:
            self.wanted = True
        elif self.wanted:
            amounts = {Decimal(a) for a in _AMOUNT_SENTENCE.findall(k)}
            # a multi-year project: the year's budget is 「2026年度预算安排 X 万元」, never the whole life's
            this_year = {Decimal(a) for y, a in _YEAR_AMOUNT.findall(k) if self.doc.year in (None, int(y))}
            if len(amounts) > 1 and len(this_year) == 1:
                amounts = this_year
            if len(amounts) == 1:
                self.pending = (amounts.pop(), n)
                self.wanted = False
            elif len(amounts) > 1:
                self.doc.problem(n, "document_amount_unclear")
                self.wanted, self.reported = False, True

    def take(self, n: int, project: Project) -> None:
        """The amount read for the project whose 项目编码 row is line n (a problem when there is none)."""
        if self.pending:
            project.amount_wan, project.amount_line = self.pending
        elif not self.reported:
            self.doc.problem(n, "document_no_amount", code=project.code)
        self.pending, self.wanted, self.reported = None, False, False


# --------------------------------------------------------------------------- 部门职责-工作活动 table

_SECTION_ROW = re.compile(rf"^([{_CN_DIGITS}]+)、(.+)$")
_ACTIVITY_ROW = re.compile(r"^\d+[、.]")


class _SectionsTable(_Table):
    """The 部门职责-工作活动绩效目标 table: each section (科室, a row 一、…) with its duties (内容描述,
    wrapped over lines) and its annual amount; its 工作活动 rows are not needed."""

    def __init__(self, doc: Document):
        super().__init__(doc)
        self.start()

    def start(self) -> None:
        self.section: Section | None = None    # the section row whose cells may continue
        self.in_activity = False

    def row(self, n: int, cells: list[str]) -> None:
        cells = cells + [""] * (4 - len(cells))
        first = clean(cells[0])
        if set(key(c) for c in cells if key(c)) <= {"优", "良", "中", "差"}:
            return                                      # the header's second row
        match = _SECTION_ROW.match(first)
        if match:
            amount = self.amount(n, cells[1])
            if len(self.doc.sections) >= MAX_SECTIONS:
                raise Refused("document_too_many_sections", line=n, most=MAX_SECTIONS)
            section = Section(n, len(self.doc.sections) + 1, clean(match.group(2)), clean(cells[2]), amount)
            self.doc.sections.append(section)
            self.section, self.in_activity = section, False
            return
        if _ACTIVITY_ROW.match(first):
            self.in_activity = True                     # a 工作活动 of the section: not needed
            return
        if self.in_activity or not any(key(c) for c in cells[:3]):
            return                                      # the activity's wrapped cells, or an indicator row
        if self.section is not None and not key(cells[0]) and not key(cells[1]):
            self.section.duties = self.join(n, self.section.duties, clean(cells[2]))   # duties wrapped
            return
        self.doc.problem(n, "document_activity_row_unread")

    def amount(self, n: int, text: str) -> Decimal | None:
        """The section's amount (万元); None (a problem) when it is no number or out of range."""
        if not key(text):
            return None
        amount = number(text)
        if amount is None:
            self.doc.problem(n, "document_section_amount_not_number", amount=text)
        elif not (0 <= amount < MAX_AMOUNT_WAN and isinstance(e := amount.as_tuple().exponent, int) and e >= -6):
            self.doc.problem(n, "document_section_amount_out_of_range", amount=clean(text), most=MAX_AMOUNT_WAN)
            return None
        return amount


# --------------------------------------------------------------------------- 预算项目绩效表

_MONTH = re.compile(r"^(\d{1,2})月底?$")


class _PlanTable(_Table):
    """The 资金支出计划 of a project's table: a row of months (N月底) and below it the row of
    cumulative percentages, the project's checkpoints."""

    def start(self) -> None:
        self.months: list[int] | None = None   # None: no 资金支出计划 row yet
        self.line = 0
        self.reported = False                  # the plan was a problem already

    def header(self, n: int, cells: list[str]) -> None:
        months: list[int] | None = []
        for c in cells[1:]:
            if not key(c):
                continue
            m = _MONTH.match(key(c))
            if not m or not 1 <= int(m.group(1)) <= 12:
                self.doc.problem(n, "document_schedule_month_unread", month=clean(c))
                months = None
                break
            assert months is not None           # (set to None only on the way out)
            months.append(int(m.group(1)))
        if months is not None and not months:
            self.doc.problem(n, "document_schedule_no_month")
            months = None
        if months is None:
            self.reported = True
        self.months = months or []
        self.line = n

    def values(self, n: int, cells: list[str], p: Project) -> None:
        values = [c for c in cells if key(c)]
        numbers = [x for x in map(number, values) if x is not None]
        if not values or len(numbers) < len(values):       # a value that is no number
            self.doc.problem(n, "document_schedule_row_unread", code=p.code)
            self.reported = True
            return
        months = self.months
        if not months:
            return                                      # the header was a problem already
        if len(numbers) != len(months):
            self.doc.problem(n, "document_schedule_counts_differ", code=p.code, months=len(months), percentages=len(numbers))
            self.reported = True
            return
        last = Decimal(0)
        for month, value in sorted(zip(months, numbers)):
            if not Decimal(0) <= value <= Decimal(100):
                self.doc.problem(n, "document_schedule_out_of_range", month=month, value=value)
            elif value < last:
                self.doc.problem(n, "document_schedule_goes_down", month=month, value=value)
            last = max(last, value)
            if abs(value) < MAX_AMOUNT_WAN:              # a huge one is a problem above, not an InvalidOperation
                p.checkpoints[month] = value.quantize(Decimal("0.01"))

    def end(self, p: Project) -> None:
        """At the end of the project's table: a problem when it had no plan, or no row of percentages."""
        if self.reported:
            return
        if self.months is not None and not p.checkpoints:
            self.doc.problem(self.line, "document_schedule_no_row", code=p.code)
        elif self.months is None:
            self.doc.problem(p.line, "document_no_schedule", code=p.code)


_GOAL = re.compile(r"^目标(\d+)$")


class _GoalRows(_Table):
    """The 绩效目标 rows of a project's table: 目标1, 目标2 … (or the goal alone), a goal wrapped over
    lines put back together."""

    @staticmethod
    def starts(first: str, cells: list[str]) -> bool:
        """A 绩效目标 row, or a 目标N row below it (its first cell blank)."""
        return first == "绩效目标" or (not first and len(cells) > 1 and bool(_GOAL.match(key(cells[1]))))

    def row(self, n: int, cells: list[str], p: Project) -> None:
        values = [c for c in cells[1:] if key(c)]
        if len(values) >= 2 and _GOAL.match(key(values[0])):
            p.goals.append(clean(" ".join(values[1:])))
        elif len(values) == 1 and not _GOAL.match(key(values[0])):
            p.goals.append(clean(values[0]))
        elif values:
            self.doc.problem(n, "document_goal_row_unread", code=p.code)

    def more(self, n: int, cells: list[str], p: Project) -> bool:
        """The last goal continued on a row of one cell (its text in the goal's column)."""
        if p.goals and len(cells) > 2 and key(cells[2]):
            p.goals[-1] = self.join(n, p.goals[-1], clean(cells[2]))
            return True
        return False


_SYMBOLS = {"≥": ">=", "≤": "<=", "＞": ">", "＜": "<", "＝": "=", "=>": ">=", "=<": "<="}
_INDICATOR_FIELDS = ("level_1", "level_2", "level_3", "description", "symbol", "value", "unit", "basis")


def _symbol(text: str) -> str:
    t = key(text)
    for a, b in _SYMBOLS.items():
        t = t.replace(a, b) if len(a) == 1 else (b if t == a else t)
    return t


class _IndicatorTable(_Table):
    """The 绩效指标 rows of a project's table: 一级/二级/三级指标, 绩效指标描述, 符号, 指标值, 单位,
    指标值确定依据 (an 一级指标 left blank is the row above's; a row without 一级 and 二级 continues
    the last indicator's wrapped cells)."""

    def row(self, n: int, cells: list[str], p: Project) -> None:
        if any(key(c) in ("符号", "值") for c in cells) and not any(key(c) for c in cells[:4]):
            return                                  # the header's second row
        cells = [clean(c) for c in cells]
        if "\t" not in "".join(cells) and len(cells) < 8 and (spaced := self._spaced(cells)):
            cells = spaced
        cells = (cells + [""] * 8)[:8] if len(cells) <= 8 else cells
        if len(cells) > 8 and any(cells[8:]):
            self.doc.problem(n, "document_indicator_row_too_wide", code=p.code)
            return
        cells = cells[:8]
        l1, l2, l3 = cells[0], cells[1], cells[2]
        if l3:
            if not l1 and not p.indicators:
                self.doc.problem(n, "document_first_indicator_no_level_1", code=p.code)
                return
            l1 = l1 or p.indicators[-1].level_1
            if len(p.indicators) >= MAX_INDICATORS:
                raise Refused("document_project_too_many_indicators", line=n, code=p.code, most=MAX_INDICATORS)
            p.indicators.append(Indicator(n, l1, l2, l3, cells[3], _symbol(cells[4]) if cells[4] else "",
                                          key(cells[5]) if number(cells[5]) is not None else cells[5],
                                          cells[6], cells[7]))
            return
        if not l1 and not l2 and p.indicators:           # a wrapped row: text in the wrapped cells' columns
            last = p.indicators[-1]
            for name, cell in zip(_INDICATOR_FIELDS, cells):
                if cell:
                    setattr(last, name, self.join(n, getattr(last, name), cell))
            return
        self.doc.problem(n, "document_indicator_row_unread", code=p.code)

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


_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-_.]*")


class _ProjectTable(_Table):
    """A 预算项目绩效表: the 项目编码 row (code and 项目名称), 资金用途 (wrapped over lines), and the
    rows of its parts, each read by its own reader: 资金支出计划, 绩效目标, 绩效指标."""

    def __init__(self, doc: Document, amount: _AmountSentence):
        super().__init__(doc)
        self.amount = amount
        self.plan = _PlanTable(doc)
        self.goals = _GoalRows(doc)
        self.indicators = _IndicatorTable(doc)
        self.project: Project | None = None   # None: no table, or its 项目编码 row was a problem
        self.part: str | None = None          # "head", "purpose", "schedule", "after_schedule", "goals", "indicators"

    def start(self, n: int, cells: list[str]) -> None:
        """The 项目编码 row: a new project (its amount from the sentence before it)."""
        self.end()
        values = [c for c in cells[1:] if key(c)]
        code, name = "", ""
        if values:
            code = key(values[0])
        for i, c in enumerate(values):
            if key(c) == "项目名称" and i + 1 < len(values):
                name = clean(values[i + 1])
        self.part = "head"
        self.plan.start()
        if not code or not name or not _CODE.fullmatch(code):
            self.doc.problem(n, "document_code_row_incomplete")
            self.project = None
            return
        if len(self.doc.projects) >= MAX_PROJECTS:
            raise Refused("document_too_many_projects", line=n, most=MAX_PROJECTS)
        project = Project(n, code, name)
        self.amount.take(n, project)
        self.project = project
        self.doc.projects.append(project)

    def end(self) -> None:
        if self.project is not None:
            self.plan.end(self.project)
        self.project = None
        self.part = None

    def row(self, n: int, cells: list[str], k: str) -> None:
        p = self.project
        if p is None:
            return                                      # the 项目编码 row was a problem already
        first = key(cells[0])
        if first == "项目绩效模板":
            return
        if first == "资金用途":
            p.purpose = clean(next((c for c in cells[1:] if key(c)), ""))
            self.part = "purpose"
            return
        if first.startswith("资金支出计划"):
            self.plan.header(n, cells)
            self.part = "schedule"
            return
        if self.goals.starts(first, cells):
            self.part = "goals"
            self.goals.row(n, cells, p)
            return
        if first == "一级指标":
            self.part = "indicators"
            return
        if self.part == "schedule":
            self.part = "after_schedule"
            self.plan.values(n, cells, p)
            return
        if self.part == "indicators":
            self.indicators.row(n, cells, p)
            return
        rest = [c for c in cells[1:] if key(c)] if not first else []
        if self.part == "purpose" and len(rest) == 1:
            p.purpose = self.join(n, p.purpose, clean(rest[0]))
            return
        if self.part == "goals" and len(rest) == 1 and self.goals.more(n, cells, p):
            return
        self.doc.problem(n, "document_project_row_unread", code=p.code)
