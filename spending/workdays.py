"""Chinese working days (SPEC §3.2): reply-by dates count the days people work in China — Monday to
Friday, less the public holidays (法定节假日), plus the weekend days worked instead (调休) — as the State
Council publishes them each year and the chinese-calendar package carries them
(chinese_calendar.is_workday).

The package knows only the years published when it was released (1.11.0: 2004–2026). For a day
outside them it raises NotImplementedError; here such a day is counted Monday to Friday and the years
so counted are returned with the date (Counted.guessed), for the caller to show `note()`: the command
line prints it under the summary of `notices issue`, and the same summary is what the page shows
after issuing. Counting on rather than refusing is deliberate: a treasury clerk issuing late
December's inquiries before the package is updated must still be able to issue them, and needs to
know only that the proposed date is a guess to check — one line, and `--due` (or the page's date
field) to set the right day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import metadata

import chinese_calendar


@dataclass(frozen=True)
class Counted:
    day: date
    guessed: tuple[int, ...] = ()   # years whose days were counted Mon–Fri (not published in the package)


def is_workday(day: date) -> bool | None:
    """Whether people work in China on `day` (holidays and 调休 included); None when the package has no
    data for its year."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def count(start: date, days: int) -> Counted:
    """The rule: the day `days` Chinese working days after `start` (start itself not counted; 0: start).
    A day of a year the package does not know counts when it is Monday to Friday, and its year is
    reported in `guessed`."""
    day, guessed = start, []
    while days > 0:
        day += timedelta(days=1)
        worked = is_workday(day)
        if worked is None:
            worked = day.weekday() < 5
            if day.year not in guessed:
                guessed.append(day.year)
        if worked:
            days -= 1
    return Counted(day, tuple(guessed))


def add_working_days(start: date, days: int) -> date:
    """The day `days` Chinese working days after `start` (see count())."""
    return count(start, days).day


@lru_cache(maxsize=1)
def known_years() -> tuple[int, int]:
    """The first and the last year the installed chinese-calendar knows."""
    years = [d.year for d in chinese_calendar.constants.holidays]
    return min(years), max(years)


def last_known_year() -> int:
    return known_years()[1]


def note(counted: Counted):
    """A message (i18n.Message) when some days of `counted` were counted Mon–Fri; None otherwise."""
    if not counted.guessed:
        return None
    from spending import i18n

    values = dict(due=counted.day.isoformat(), version=metadata.version("chinese-calendar"),
                  first=known_years()[0], last=known_years()[1])
    years = [str(y) for y in counted.guessed]
    return i18n.Message("reply_by_guessed", years=("、".join(years), ", ".join(years)), **values)
