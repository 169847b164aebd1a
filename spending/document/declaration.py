"""The 财政项目支出绩效目标申报表 (a project's performance-target declaration, as many provinces publish
it with their 部门预算): 项目名称, 项目性质, 主管部门, 实施单位, 计划开始/完成日期, 项目资金总额 and
年度资金申请总额 (其中：当年财政拨款 / 上年结转资金 / 其他资金), 年度总体目标, and the indicator table
(一级/二级/三级指标, 指标值, 指标解释). It has no 项目编码 and no 资金支出计划.

Its rows come in two forms:

* cells (a line with tabs: Word and HTML tables, pipe tables, tab-separated text): a label cell's value is
  the next non-empty cell; an indicator row's cells are in the header's columns;
* text laid out by position, as `pdftotext -layout` writes a PDF: cells separated by as little as one
  space, labels and cells wrapped over lines, merged cells centred over the lines of their rows. A label
  is recognised by its text (or the start of it, when wrapped); the indicator table is read by the
  header's column offsets, one indicator per line holding an 指标值, the wrapped lines around it given to
  it or to its neighbour where a column shows a new cell starting (a blank line in it, or the line after
  one two characters short of the column's full width: wrapping fills every line but a cell's last).

The year's budget is 年度资金申请总额 (else the sentence 「2026年度预算安排 X 万元」 in the goal), never
项目资金总额, which is kept as the whole-life total with the period. The project gets a code made from
its name (made_code): stable, so a later file naming the project finds it.
"""

from __future__ import annotations

import hashlib
import unicodedata
from decimal import Decimal

from spending.document.results import Document, Indicator, Project
from spending.document.text import MAX_AMOUNT_WAN, MAX_CELL_CHARS, MAX_INDICATORS, MAX_PROJECTS, clean, key, number
from spending.document.text import join as _join_text
from spending.document.declaration_words import (  # the 申报表's words
    BUDGET_SENTENCE, CELL_COLUMNS, CELL_HEADER, CJK, DATE, DEPT_CODE, HEADER, HEADER_WIDE, IN_YUAN, LABELS,
    LABEL_VALUE, LEVEL_1, LEVEL_1_NAMES, LOOKS_VALUE, MAX_SUFFIXES, MONEY, NOISE, PREFIXES, RESTS, SYMBOL,
    SYMBOLS, TOKEN, TOTAL_SENTENCE, UNIT_CELL, VALUE, WIDE_FIELDS, YUAN_PER_WAN,
)
from spending.document_layout import Refused


def _cell_rows(cells: list[tuple[int, str]]) -> list[tuple[int, dict[int, str]]]:
    """The indicator table written one cell per line, in reading order: 一级 and 二级 cells are known by
    their names (the national framework's; a name wrapped over two lines joined), the next cell is the
    三级指标 and the one after it its 指标值 (a 三级 cell wrapped over lines: joined while the line after
    is no value). The merged column label before the first one (绩效 / 指标) is left out. Linear."""
    rows, level_1, level_2, level_3 = [], "", "", None
    i = 0
    while i < len(cells):
        n, text = cells[i]
        k = key(text)
        for more in (1, 2):                      # an 一级/二级 name wrapped over two or three lines: 服务对象 / 满意度指 / 标
            whole = k + "".join(key(t) for _, t in cells[i + 1:i + 1 + more])
            if i + more < len(cells) and (whole in LEVEL_1_NAMES or whole in LEVEL_1) and \
                    k not in LEVEL_1_NAMES and k not in LEVEL_1:
                k, i = whole, i + more
                break
        following = key(cells[i + 1][1]) if i + 1 < len(cells) else ""
        if k in LEVEL_1_NAMES and level_3 is None:
            level_1, level_2 = k, ""
        elif k in LEVEL_1 and level_3 is None:
            level_2 = k
            level_1 = level_1 or LEVEL_1[k]
        elif not level_1 and not level_2:
            pass                                                 # 绩效 / 指标: the merged column's label
        elif level_3 is None:
            level_3 = (n, text)
        elif not (LOOKS_VALUE.search(k) or len(k) <= 4) and following and \
                (LOOKS_VALUE.search(following) or len(following) <= 4):
            level_3 = (level_3[0], join(level_3[1], text, n))   # the 三级 cell wrapped: its next line
        else:
            rows.append((level_3[0], {0: level_1, 1: level_2, 2: level_3[1], 3: text}))
            level_3 = None
        i += 1
    return rows


def join(first: str, more: str, n: int = 0) -> str:
    """A cell wrapped over lines put together; refused beyond MAX_CELL_CHARS (as the other tables' cells)."""
    text = _join_text(first, more)
    if len(text) > MAX_CELL_CHARS:
        raise Refused("document_cell_too_long", line=n, most=MAX_CELL_CHARS)
    return text


def _token_key(token: str) -> str:
    """key() of a token without spaces: NFKC alone unless it holds a tag."""
    return key(token) if "<" in token else unicodedata.normalize("NFKC", token)


def _split_labels(cells: list[str]) -> list[str]:
    """A cell holding a label and its value (项目名称：某某项目) as two cells."""
    out: list[str] = []
    for c in cells:
        both = LABEL_VALUE.match(key(c)) if len(c) < 200 else None
        out += [both.group(1), c.split("：", 1)[-1] if "：" in c else c.split(":", 1)[-1]] if both else [c]
    return out


def made_code(name: str) -> str:
    """The code of a project the document gives no 项目编码: from its name, the same in every file."""
    return "XM-" + hashlib.sha256(key(name).encode("utf-8")).hexdigest()[:8].upper()


def _label(k: str) -> str | None:
    """The field a cell names: its label, or the start of one wrapped over lines (4 characters and more)."""
    k = k.rstrip(":")
    return LABELS.get(k) or PREFIXES.get(k)


def _date(text: str) -> str:
    m = DATE.search(key(text))
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else clean(text)


class Declaration:
    """The reader of the 申报表s of a text: started by the title (or a 项目名称 row), fed every line
    until the text leaves it (end())."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.active = False
        self.fields: dict[str, str] = {}
        self.field_lines: dict[str, int] = {}
        self.line = 0
        self.part = "head"                     # "head", "goal", "indicators"
        self.goal: list[str] = []
        self.pending: list[str] = []           # text lines between the money and the goal's label
        self.columns: list[tuple[int, str]] = []   # (offset or cell index, field) of the indicator header
        self.rows: list[tuple[int, dict[int, str], bool]] = []
        self.spaced_values: list[int] = []
        self.last_values: list[tuple[int, str]] = []   # a spaced label line's (value offset, field)
        self.suffixes: list[str] = []          # the rest of labels wrapped over lines (期, 款, 标)
        self.by_cells = False                  # the indicator rows came as cells (else laid out by position)
        self.since_value: dict[int, int] = {}  # characters per column since the last line with an 指标值
        self.awaiting: str | None = None       # a label alone on its line: the field the next lines give
        self.cell_lines = False                # one cell per line (a PDF's text as pypdf and the like write it)
        self.cell_indicators: list[tuple[int, str]] = []   # such a text's indicator cells, in order
        self.in_yuan = False                   # 项目资金（元）: the amounts are in 元, not 万元
        self.whole_goal = False                # a 项目总体目标 label beside 年度总体目标: two goals follow
        self.wide: list[str] = []              # a table of one row per indicator (项目名称 … 一级指标 … in its header)
        self.wide_project: Project | None = None

    # ------------------------------------------------------------------ lines
    def start(self, n: int) -> None:
        self.end()
        self.active = True
        self.fields, self.field_lines, self.line = {}, {}, n
        self.part, self.goal, self.pending, self.columns, self.rows = "head", [], [], [], []
        self.last_values, self.suffixes = [], []
        self.by_cells = False
        self.since_value = {}
        self.awaiting, self.cell_lines, self.cell_indicators, self.in_yuan = None, False, [], False
        self.whole_goal, self.wide, self.wide_project = False, [], None

    def feed(self, n: int, text: str) -> None:
        """A line of the table: cells (tabs) or text laid out by position."""
        if "\t" in text:
            self.cells(n, text.split("\t"))
        else:
            self.spaced(n, text)

    def cells(self, n: int, cells: list[str]) -> None:
        cells = _split_labels(cells)
        keys = [key(c) for c in cells]
        if self.part == "head" and any(k in IN_YUAN for k in keys):   # 金额单位：元, 项目资金（元）: not an indicator's
            self.in_yuan = True
        if "项目名称" in keys and "一级指标" in keys:   # one row per indicator, the project's cells merged over its rows
            self.wide = keys
            self.part = "wide"
            return
        if self.part == "wide":
            self.wide_row(n, cells)
            return
        if any(HEADER.get(k) == "level_1" for k in keys):
            self.part = "indicators"
            self.columns = [(i, HEADER[k]) for i, k in enumerate(keys) if k in HEADER]
            return
        if self.part == "indicators":
            row = {}
            for i, _field in self.columns:
                if i < len(cells) and key(cells[i]):
                    row[i] = cells[i]
            if row:
                self.rows.append((n, {i: clean(t) for i, t in row.items()}, True))
                self.by_cells = True
            return
        if self.part == "goal" and not any(LABELS.get(k.rstrip(":")) for k in keys):
            self.goal.extend(c for c in cells if c.strip())   # the goal continued on a row of its own
            self.bound_goal(n)
            return
        i = 0
        while i < len(cells):
            field = LABELS.get(keys[i].rstrip(":"))
            if field is None:
                i += 1
                continue
            j = i + 1
            while j < len(cells) and not keys[j]:
                j += 1
            value = cells[j] if j < len(cells) and LABELS.get(keys[j].rstrip(":")) is None else ""
            if field == "goal":
                self.part = "goal"
                self.goal = [value] if key(value) else []
            elif field in MONEY and field in self.fields and field != "total" and field != "annual":
                self.fields["annual_" + field] = value          # the second column: the year's share
            else:
                self.take(n, field, value)
            i = j + 1 if value else j

    def wide_row(self, n: int, cells: list[str]) -> None:
        """A row of the table of one row per indicator (四川's 部门预算项目绩效目标申报表: 单位名称, 项目名称, 预算数,
        年度目标, 一级 … 三级指标, 指标性质, 指标值, 度量单位 …): merged cells are left out of a row, so its cells are
        placed from its 一级指标 cell (known by name) on to the right, and those before it right-aligned to the
        header's columns before 一级指标. A row with a 项目名称 starts a project."""
        keys = [key(c) for c in cells]
        at = next((i for i, k in enumerate(keys) if k in LEVEL_1_NAMES), None)
        if at is None:
            return                                           # the 部门's total row (820-马踏镇部门, its amount)
        first = self.wide.index("一级指标")
        before = self.wide[max(first - at, 0):first]
        row = dict(zip(before, cells[first - len(before) if at > first else 0:at][-len(before):] if before else []))
        row.update(zip(self.wide[first:], cells[at:]))
        if row.get("项目名称", "").strip():
            self.end_wide()
            if len(self.doc.projects) >= MAX_PROJECTS:
                raise Refused("document_too_many_projects", line=n, most=MAX_PROJECTS)
            name = clean(row["项目名称"])
            p = self.wide_project = Project(n, made_code(name), name)
            p.made_code, p.layout = True, "declaration"
            p.amount_line = n
            self.fields = {"annual": row.get("预算数", "")}
            self.field_lines = {"annual": n}
            p.amount_wan = self.amount(p, "annual", "预算数")
            goal = clean(row.get("年度目标", ""))
            if goal:
                p.goals.append(goal)
            unit = UNIT_CELL.match(key(row.get("单位名称", "")))
            if unit and not self.doc.department:             # 820001-井研县马踏镇人民政府: the unit's code and name
                self.doc.department_code, self.doc.department = unit.group(1), clean(unit.group(2))
            self.rows = []
        if self.wide_project is None:
            return
        self.rows.append((n, {i: clean(row.get(h, "")) for i, h in enumerate(WIDE_FIELDS)}, True))
        if len(self.rows) > MAX_INDICATORS:
            raise Refused("declaration_project_too_many_indicators", line=n, name=self.wide_project.name,
                          most=MAX_INDICATORS)

    def end_wide(self) -> None:
        """The project of the table of one row per indicator being read, with its indicators."""
        p, self.wide_project = self.wide_project, None
        if p is None:
            return
        self.columns, self.by_cells = [(i, HEADER_WIDE[h]) for i, h in enumerate(WIDE_FIELDS)], True
        self.indicators(p)
        self.doc.projects.append(p)

    def take(self, n: int, field: str, value: str) -> None:
        if field == "-":
            return
        if field in ("name", "department", "implementer") and field in self.fields:
            self.fields[field] = join(self.fields[field], clean(value), n)
        elif field not in self.fields or value.strip():
            self.fields[field] = clean(value)
        self.field_lines.setdefault(field, n)

    def spaced(self, n: int, text: str) -> None:
        tokens = []
        for m in TOKEN.finditer(text):
            both = LABEL_VALUE.match(_token_key(m.group()))
            if both and self.part != "indicators":         # 资金总额:350 as two tokens
                tokens += [(m.start(), both.group(1)), (m.start() + len(both.group(1)) + 1, both.group(2))]
            else:
                tokens.append((m.start(), m.group()))
        keys = [_token_key(t) for _, t in tokens]
        if self.part == "head" and any(k in IN_YUAN for k in keys):
            self.in_yuan = True
        if self.cell_lines and self.part != "indicators" and keys and HEADER.get(keys[0]) == "level_1":
            self.part, self.columns = "indicators", list(CELL_COLUMNS)     # its header, cell by cell
            return
        if self.cell_lines and self.part == "indicators":
            text = clean(" ".join(t for _, t in tokens))
            if text and not CELL_HEADER.search(key(text)):
                self.cell_indicators.append((n, text))
                if len(self.cell_indicators) > 4 * MAX_INDICATORS:
                    raise Refused("declaration_too_many_indicators", line=n, most=MAX_INDICATORS)
            return
        if any(HEADER.get(k) == "level_1" for k in keys) and any(HEADER.get(k) == "level_3" for k in keys):
            self.part = "indicators"
            self.columns = [(at, HEADER[k]) for (at, _), k in zip(tokens, keys) if k in HEADER]
            return
        if self.part == "indicators":
            row: dict[int, str] = {}
            starts = [c for c, _ in self.columns]
            previous, previous_cjk = -1, False
            for at, t in tokens:
                if at + 2 < starts[0]:
                    continue                                 # a label column left of the header's (绩效指标)
                i = max([j for j, c in enumerate(starts) if c <= at + 2] or [0])
                cjk = bool(CJK.search(t))
                # never a column before the token before it, nor the same one after a CJK token (Chinese has no
                # spaces inside a cell): a long CJK cell pushes the next one left of its header, as pdftotext
                # counts characters, not their widths
                if previous >= 0 and (i < previous or i == previous and cjk and previous_cjk):
                    i = min(previous + 1, len(starts) - 1)
                previous, previous_cjk = i, cjk
                col = starts[i]
                row[col] = join(row.get(col, ""), clean(t), n) if col in row else clean(t)
            self.rows.append((n, row, False))
            self.bound_wrapped(n, row)
            return
        kept = []
        for (at, t), k in zip(tokens, keys):
            if k.rstrip(":") in self.suffixes:
                self.suffixes.remove(k.rstrip(":"))          # the rest of a label wrapped over lines
            elif k not in NOISE:
                kept.append((at, t, k))
        labels = [(i, f) for i, (_, _, k) in enumerate(kept) if (f := _label(k))]
        if self.awaiting and kept and (not labels or labels[0][0] > 0):
            # a label alone on the line above: these cells (up to the next label) are its value
            self.cell_lines = True
            end = labels[0][0] if labels else len(kept)
            self.take_below(n, self.awaiting, " ".join(t for _, t, _ in kept[:end]))
            if not labels:
                return
        if not labels:
            if self.part == "goal":
                self.goal.extend(t for _, t, _ in kept)
                self.bound_goal(n)
            elif self.cell_lines:
                pass                                          # no goal's text above its label in this layout
            elif "other" in self.fields or "annual_other" in self.fields:
                self.pending.extend(t for _, t, _ in kept)   # the goal's text above its label
                self.bound_goal(n)
            elif self.last_values:                            # a label's value wrapped: its column's field
                for at, t, _ in kept:
                    field = max((v for v in self.last_values if v[0] <= at + 2), default=self.last_values[0])[1]
                    if field in ("name", "department", "implementer"):
                        self.fields[field] = join(self.fields.get(field, ""), clean(t), n)
            return
        self.last_values = []
        self.awaiting = None
        for pos, (i, field) in enumerate(labels):
            k = kept[i][2].rstrip(":")
            self.whole_goal |= k in ("项目总体目标", "项目总目标")
            if k in RESTS:                                      # 计划开始日 … 期, 主管部门 … 及代码: its rest awaited
                self.suffixes = (self.suffixes + [RESTS[k]])[-MAX_SUFFIXES:]
            end = labels[pos + 1][0] if pos + 1 < len(labels) else len(kept)
            value = " ".join(t for _, t, _ in kept[i + 1:end])
            if field == "goal":
                self.part = "goal"
                self.goal = self.pending + ([value] if value else [])
                self.pending = []
                continue
            if i + 1 < end:
                self.last_values.append((kept[i + 1][0], field))
            elif pos + 1 == len(labels) and field != "-" and (len(tokens) == 1 or self.cell_lines):
                self.awaiting = field     # a label alone on its line: its value on the next lines (one cell per line)
            if field in MONEY and field in self.fields and field not in ("total", "annual"):
                self.fields["annual_" + field] = value
            elif field in MONEY and field not in ("total", "annual") and not value:
                continue
            else:
                self.take(n, field, value)

    def take_below(self, n: int, field: str, value: str) -> None:
        """A value on the lines under its label (one cell per line): a name, department, unit or 项目性质
        wrapped over lines is joined until the next label; an amount or a date is one line. `field`: the one
        awaited."""
        if field in MONEY and field in self.fields and field not in ("total", "annual"):
            field = "annual_" + field                        # the second column: the year's share
        if field in ("name", "department", "implementer", "nature"):
            self.fields[field] = join(self.fields.get(field, ""), clean(value), n) if self.fields.get(field) \
                else clean(value)
            self.field_lines.setdefault(field, n)
            return
        self.awaiting = None
        if field.startswith("annual_"):
            self.fields[field] = value
        else:
            self.take(n, field, value)

    def bound_wrapped(self, n: int, row: dict[int, str]) -> None:
        """Refused as soon as a column's text since the last line with an 指标值 is more than two cells
        may hold (the lines between two such lines go to one or the other): not after the whole table."""
        value_col = next((c for c, f in self.columns if f == "value"), None)
        if value_col in row:
            self.since_value = {}
            return
        for c, text in row.items():
            self.since_value[c] = self.since_value.get(c, 0) + len(text)
            if self.since_value[c] > 2 * MAX_CELL_CHARS:
                raise Refused("document_cell_too_long", line=n, most=MAX_CELL_CHARS)

    def bound_goal(self, n: int) -> None:
        """The goal's text (and the lines waiting for its label) no longer than a wrapped cell may be."""
        for words in (self.goal, self.pending):
            if len(words) > MAX_CELL_CHARS or sum(map(len, words)) > MAX_CELL_CHARS:
                raise Refused("document_cell_too_long", line=n, most=MAX_CELL_CHARS)

    # ------------------------------------------------------------------ the project
    def end(self) -> None:
        """The table ends: its project made from what was read."""
        if not self.active:
            return
        self.active = False
        if self.wide:
            self.end_wide()
            return
        f = self.fields
        name = f.get("name", "")
        if not name:
            if f or self.goal or self.rows:               # a title alone (a heading, a contents line) is no table
                self.doc.problem(self.line, "declaration_no_name")
            return
        if len(self.doc.projects) >= MAX_PROJECTS:
            raise Refused("document_too_many_projects", line=self.line, most=MAX_PROJECTS)
        code = key(f.get("code", ""))
        p = Project(self.field_lines.get("name", self.line), code or made_code(name), name)
        p.made_code = not code
        p.layout = "declaration"
        p.nature = f.get("nature", "")
        p.implementer = f.get("implementer", "")
        p.start, p.end = _date(f.get("start", "")), _date(f.get("end", ""))
        goal = clean(" ".join(self.goal))
        if self.cell_lines and self.whole_goal and goal.startswith('"') and '""' in goal:
            goal = goal.rsplit('""', 1)[1]                 # "项目总体目标" "年度总体目标": the year's, the second
        if self.cell_lines:
            goal = goal.strip('"')
        if goal:
            p.goals.append(goal)
        p.total_wan = self.amount(p, "total", "项目资金总额")
        if p.total_wan is None and "total" not in f:       # 「项目总投资2400万元」 in the goal
            totals = {Decimal(a) for a in TOTAL_SENTENCE.findall(key(goal))}
            p.total_wan = totals.pop() if len(totals) == 1 else None
        p.amount_wan = self.amount(p, "annual", "年度资金申请总额")
        if p.amount_wan is None and "annual" not in f:
            sentence = [(int(y), Decimal(a)) for y, a in BUDGET_SENTENCE.findall(key(goal))]
            mine = {a for y, a in sentence if self.doc.year in (None, y)}
            if len(mine) == 1:
                p.amount_wan = mine.pop()
            else:
                self.doc.problem(p.line, "declaration_no_annual", name=name, year=(str(self.doc.year or "YYYY"), "YYYY"))
        p.amount_line = self.field_lines.get("annual", p.line)
        department = f.get("department", "")
        coded = DEPT_CODE.match(department)
        if coded:                                           # 主管部门及代码: [104]示范省教育厅
            department = clean(department[coded.end():])
        if not self.doc.department and department:
            self.doc.department = department
        if coded and not self.doc.department_code and self.doc.department == department:
            self.doc.department_code = coded.group(1)       # the unit's code too, when the title named the department
        self.indicators(p)
        self.doc.projects.append(p)

    def amount(self, p: Project, field: str, label: str) -> Decimal | None:
        text = self.fields.get(field, "")
        if not key(text):
            return None
        value = number(text)
        if value is not None and self.in_yuan:
            value = value / YUAN_PER_WAN                       # 项目资金（元）: the amounts in 元
        if value is None or not (0 <= value < MAX_AMOUNT_WAN and isinstance(e := value.as_tuple().exponent, int) and e >= -6):
            self.doc.problem(self.field_lines.get(field, p.line), "declaration_amount_out_of_range", name=p.name,
                             label=label, amount=clean(text), most=(f"{MAX_AMOUNT_WAN:,}", ""))
            return None
        return value

    def indicators(self, p: Project) -> None:
        if self.cell_lines and self.cell_indicators:
            self.rows = [(n, row, True) for n, row in _cell_rows(self.cell_indicators)]
            self.by_cells = True
        rows = [(n, row) for n, row, _ in self.rows] if self.by_cells else self._by_position()
        fields = dict(self.columns)
        made: list[Indicator] = []
        for n, row in rows:
            cells = {fields[c]: t for c, t in row.items() if c in fields}
            if not cells.get("level_3") and not cells.get("value"):
                if made and any(cells.values()):             # a wrapped row of cells: the last indicator's
                    for name, text in cells.items():
                        setattr(made[-1], name, join(getattr(made[-1], name), text, n))
                continue
            made.append(Indicator(n, cells.get("level_1", ""), cells.get("level_2", ""), cells.get("level_3", ""),
                                  cells.get("description", ""), key(cells.get("symbol", "")), cells.get("value", ""),
                                  cells.get("unit", ""),
                                  cells.get("basis", "")))
            if len(made) > MAX_INDICATORS:
                raise Refused("declaration_project_too_many_indicators", line=n, name=p.name, most=MAX_INDICATORS)
        for i, ind in enumerate(made):                       # merged 一级/二级 cells: their text on one row
            if not ind.level_2:
                ind.level_2 = next((m.level_2 for m in reversed(made[:i]) if m.level_2), "") or \
                    next((m.level_2 for m in made[i + 1:] if m.level_2), "")
        for i, ind in enumerate(made):
            if not ind.level_1:
                ind.level_1 = LEVEL_1.get(key(ind.level_2)) or \
                    next((m.level_1 for m in reversed(made[:i]) if m.level_1), "") or \
                    next((m.level_1 for m in made[i + 1:] if m.level_1), "")
            match = VALUE.match(key(ind.value))              # ≥30个: >=, 30, 个
            if match:                                         # a 指标性质 column's symbol (≥) when the value has none
                symbol = match.group(1) or ind.symbol
                ind.symbol, ind.value = SYMBOLS.get(symbol, symbol), match.group(2)
                ind.unit = ind.unit or match.group(3).strip("()")     # =100.00(%): %
            elif match := SYMBOL.match(key(ind.value)):      # ≤2026年12月: <=, 2026年12月
                ind.symbol, ind.value = SYMBOLS.get(match.group(1), match.group(1)), match.group(2)
            if not ind.level_1 or not ind.level_3:
                self.doc.problem(ind.line, "declaration_indicator_incomplete", name=p.name)
                continue
            p.indicators.append(ind)

    def _by_position(self) -> list[tuple[int, dict[int, str]]]:
        """The lines of a table laid out by position, grouped into indicators: one per line with an
        指标值; each line after it given to it until a column shows a new cell starting (a blank line in
        the column since its last line in the row, or its last line short of the column's width): from
        there on, the lines are the next indicator's."""
        lines = [(n, row) for n, row, _ in self.rows]
        if not lines:                                        # a table head with no row under it: no indicator
            return []
        value_col = next((c for c, f in self.columns if f == "value"), None)
        anchors = [i for i, (_, row) in enumerate(lines) if value_col in row]
        if not anchors:
            anchors = [0]                                    # no 指标值 anywhere: one wrapped row
        text_cols = [c for c, f in self.columns if f not in ("level_1", "value")]
        width = {c: max((len(row[c]) for _, row in lines if c in row), default=0) for c in text_cols}
        owner = [0] * len(lines)
        row_start = 0                                        # the first line of the current indicator's row
        for a, (first, second) in enumerate(zip(anchors, anchors[1:] + [len(lines)])):
            boundary = second
            for c in text_cols:
                # the column's last line in this row so far (its cell may have begun above the 指标值)
                last = next((i for i in range(first, row_start - 1, -1) if c in lines[i][1]), None)
                for i in range(first + 1, min(second, len(lines) - 1) + 1):
                    if c not in lines[i][1]:
                        continue
                    # a blank line in the column, or a line two characters short of its width, ends a cell
                    if last is not None and (i - last > 1 or len(lines[last][1][c]) <= width[c] - 2):
                        boundary = min(boundary, i)          # a new cell starts here: the next row's
                        break
                    last = i
            for i in range(row_start, boundary):
                owner[i] = a                                 # above the first 指标值 too: the first indicator's
            row_start = boundary
        for i in range(row_start, len(lines)):
            owner[i] = len(anchors) - 1
        grouped: dict[int, tuple[int, dict[int, str]]] = {}
        for i, (n, row) in enumerate(lines):
            a = min(owner[i], len(anchors) - 1)
            line_n, cells = grouped.setdefault(a, (lines[anchors[a]][0], {}))
            for c, t in row.items():
                cells[c] = join(cells[c], t, n) if c in cells else t
        return [grouped[a] for a in sorted(grouped)]
