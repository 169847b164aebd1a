"""What a 部门预算绩效文本 is read into: the Document with its sections, projects (their plan, goals
and indicators) and the problems found, and the rules that settle a project's section (RULE_*)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from spending import i18n

UNASSIGNED = "未分配科室"
RULE_AMOUNTS = "amounts"      # the sections' amounts leave exactly one choice
RULE_DUTIES = "duties"        # exactly one candidate section's duties name the project's work
RULE_GIVEN = "given"          # --section CODE=科室 (or the page) settled it
RULE_KEPT = "kept"            # the text settles nothing: the 科室 already stored is kept (document_load)


@dataclass
class Problem:
    """A line (or the whole text) that could not be read, in Chinese and English."""

    line: int | None              # None: the whole text (no year, no project table), no line named
    zh: str
    en: str
    place: tuple[str, str] | None = None   # where a .docx has it (第 3 段, 表 2 第 5 行), instead of the line

    def __str__(self) -> str:
        if self.place:
            place = self.place
        elif self.line is not None:
            place = line_place(self.line)
        else:
            return f"{self.zh} | {self.en}"
        return str(i18n.Message("document_problem_at", place=place, problem=(self.zh, self.en)))

    def where(self, lang: str = "zh") -> str:
        """The place shown in a table of problems, in the page's language: 第 N 行, the .docx place, or nothing."""
        if self.place:
            return self.place[lang == "en"]
        if self.line is None:
            return ""
        return line_place(self.line)[lang == "en"]


def problem(line: int | None, key: str, /, **values) -> Problem:
    """A Problem whose words are a key of i18n.MESSAGES and its values (issue 38)."""
    message = i18n.Message(key, **values)
    return Problem(line, message.text("zh"), message.text("en"))


def line_place(line: int) -> tuple[str, str]:
    """第 N 行 / line N."""
    message = i18n.Message("layout_line", line=line)
    return message.text("zh"), message.text("en")


@dataclass
class Indicator:
    """A row of a project's 绩效指标 table."""

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
    """A section (科室) of the 部门职责-工作活动绩效目标 table."""

    line: int
    seq: int
    name: str
    duties: str = ""
    amount_wan: Decimal | None = None


@dataclass
class Project:
    """A 预算项目绩效表: the project, its plan (checkpoints), goals, indicators and (once settled) section."""

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
    # a 绩效目标申报表's (spending.document.declaration): no 项目编码 (made_code: the code made from the
    # name), no 资金支出计划; amount_wan is the year's (年度资金申请总额), total_wan the whole life's
    layout: str = "text"            # "text" (预算项目绩效表) or "declaration" (绩效目标申报表)
    made_code: bool = False
    nature: str = ""                # 项目性质 (经常性项目, 跨年度项目 …)
    implementer: str = ""           # 实施单位
    start: str = ""                 # 计划开始日期 (YYYY-MM-DD when written as a date)
    end: str = ""                   # 计划完成日期
    total_wan: Decimal | None = None   # 项目资金总额: the whole life's, never the year's budget

    @property
    def owner(self) -> str:
        return self.section or UNASSIGNED


@dataclass
class Document:
    """The text read: its department and year, its sections and projects, and the problems found."""

    year: int | None = None
    department: str = ""
    department_code: str = ""
    department_labelled: bool = False   # named by a label (预算主管部门：…), not guessed from the title
    encoding: str = "utf-8"           # or "gbk"; "docx" for a Word file
    sections: list[Section] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    places: dict[int, tuple[str, str]] = field(default_factory=dict)   # a .docx's line -> (第 3 段, paragraph 3)

    def problem(self, line: int, key: str, /, **values) -> None:
        """A line that could not be read: a key of i18n.MESSAGES and its values (issue 38)."""
        self.problems.append(problem(line, key, **values))

    def where(self, line: int | None) -> tuple[str, str]:
        """A line's place for people: 第 N 行 in a text, 第 3 段 / 表 2 第 5 行 in a Word file."""
        if line is None:
            return "", ""
        return self.places.get(line) or line_place(line)

    @property
    def unassigned(self) -> list[Project]:
        return [p for p in self.projects if p.section is None]

