"""An import's reasons to reject a file: Problem (one reason, in Chinese and English, with where it is) and
ImportRejected (all of them, the error the importers raise). The reasons' words: i18n.REASONS."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from spending import SpendingError
from spending.characters import visible
from spending.i18n import REASONS, Message, in_language

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

    @classmethod
    def keyed(cls, key: str, /, line=None, column=None, value=None, excel=False, **values) -> Problem:
        """A problem worded by a key of i18n.MESSAGES and its values (issue 38)."""
        message = Message(key, **values)
        return cls(message.text("zh"), message.text("en"), line, column, value, excel)

    def __str__(self) -> str:
        return visible(f"{self._text('zh')} | {self._text('en')}", one_line=True)   # a value's line break too

    def text(self, lang: str = "zh") -> str:
        """The problem in one language, with where it is (a page's report)."""
        return visible(self._text(lang), one_line=True)

    def _text(self, lang: str) -> str:
        reason = (self.zh, self.en)
        unit = ("行", "row" if self.excel else "line")
        if self.line is None:
            if self.column:
                return Message("problem_in_column", column=self.column, reason=reason).text(lang)
            return in_language(reason, lang)
        value = "" if self.value is None else str(self.value)
        if len(value) > 200:
            value = value[:200] + "…"
        if self.column is None and self.value is None:
            return Message("problem_on_line", line=self.line, unit=unit, reason=reason).text(lang)
        if self.column is None:
            return Message("problem_on_line_value", line=self.line, unit=unit, value=value, reason=reason).text(lang)
        return Message("problem_on_line_column_value", line=self.line, unit=unit, column=self.column, value=value,
                       reason=reason).text(lang)


Listed = TypeVar("Listed")   # what a rejection lists: a Problem; a text's own (document.Problem) for a text


class ImportRejected(SpendingError, Generic[Listed]):
    """An import's problems: the command line prints report() (both languages), a page text(lang)."""

    def __init__(self, file_name: str, problems: list[Listed], total: int | None = None):
        self.file_name = file_name
        self.problems = problems
        self.total = total if total is not None else len(problems)
        self.message = Message("import_rejected_report", file=file_name, total=self.total)   # the head; text(): all
        Exception.__init__(self, self.report())

    def report(self, limit: int = 200) -> str:
        return self._report(str, limit)

    def text(self, lang: str = "zh", limit: int = 200) -> str:
        return self._report(lambda said: said.text(lang), limit)

    def _report(self, say, limit: int) -> str:
        head = say(Message("import_rejected_report", file=self.file_name, total=self.total))
        lines = [say(p) for p in self.problems[:limit]]
        if self.total > limit:
            lines.append(say(Message("import_rejected_more", more=self.total - limit)))
        return visible("\n".join([head, *lines]))


def file_problem(name: str, key: str, /, column: str | None = None, line: int | None = None,
                 value: Any = None, excel: bool = False, **values) -> ImportRejected:
    """A file refused for one problem worded by a key of i18n.MESSAGES and its values."""
    return ImportRejected(name, [Problem.keyed(key, line=line, column=column, value=value, excel=excel, **values)])
