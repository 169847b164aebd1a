"""The command line's argument types and shared options: a value that does not fit is wrong usage (exit 2),
said by argparse in one line."""

from __future__ import annotations

import argparse
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from spending import SpendingError
from spending.db import opening


class UsageError(SpendingError):
    """Wrong usage found only once the database is open (`report --section` naming no section): exit 2. The
    option named before the error's message: "report --section: 中文 | English" on the command line."""

    def __init__(self, option: str, error: SpendingError):
        self.option, self.error = option, error
        self.message = error.message
        Exception.__init__(self, f"{option}: {error}")

    def text(self, lang: str = "zh") -> str:
        return f"{self.option}: {self.error.text(lang)}"


def as_of(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise argparse.ArgumentTypeError(f"'{text}' is not a month YYYY-MM (01..12)")
    return int(match.group(1)), int(match.group(2))


def points(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be a number ≥ 0")
    return value


def report_file(text: str) -> str:
    if not text.lower().endswith((".xlsx", ".pdf")):
        raise argparse.ArgumentTypeError(f"'{text}' must end in .xlsx or .pdf")
    return text


def year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text):
        raise argparse.ArgumentTypeError(f"'{text}' is not a year YYYY")
    return int(text)


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a day YYYY-MM-DD") from None


def bounded(parse, most, what: str, unit: str):
    """An argparse type: parse(text) between 0 and `most`, else a usage error naming `what` and `unit`."""
    def check(text: str):
        try:
            value = parse(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not {what}") from None
        if not 0 <= value <= most:
            raise argparse.ArgumentTypeError(f"'{text}' must be between 0 and {most} {unit}")
        return value
    return check


seconds = bounded(float, 86400, "a number of seconds", "seconds")
working_days = bounded(int, 60, "a whole number of days", "working days")


def section_choice(text: str) -> tuple[str, str]:
    code, sep, section = text.partition("=")
    if not sep or not code.strip() or not section.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not CODE=科室")
    return code.strip(), section.strip()


def code_choice(text: str) -> tuple[str, str]:
    name, sep, code = text.rpartition("=")
    if not sep or not name.strip() or not code.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not 名称=编码")
    return name.strip(), code.strip()


def add_wait(sub: argparse.ArgumentParser) -> None:
    """--wait SECONDS, which every write verb takes (SPEC 3.1), and the mark of one: a verb given it opens the
    database for writing (database.open_database); every other verb reads it read-only and never waits."""
    sub.add_argument("--wait", type=seconds, default=opening.WAIT_SECONDS, metavar="SECONDS",
                     help=f"wait this long for another writer (the dashboard) to finish (default {opening.WAIT_SECONDS:g})")
    sub.set_defaults(writes=True)
