"""An import's reasons to reject a file: Problem (one reason, in Chinese and English, with where it is) and
ImportRejected (all of them, the error the importers raise). The reasons' words: i18n.REASONS."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from spending import SpendingError
from spending.characters import visible
from spending.i18n import REASONS

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
    def of(cls, code: str, line=None, column=None, value=None, excel=False, **values) -> Problem:
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


Listed = TypeVar("Listed")   # what a rejection lists: a Problem; a text's own (document.Problem) for a text


class ImportRejected(SpendingError, Generic[Listed]):
    def __init__(self, file_name: str, problems: list[Listed], total: int | None = None):
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
