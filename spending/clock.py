"""One clock (issue 36): the day and the time every "now" of the product is — the day an inquiry is
issued on, an answer, a review or a mail is recorded at, the bulletin's 生成时间 and the downloads' file
names. $SPENDING_TODAY (YYYY-MM-DD), read on every call, moves the day (a demonstration, a test, a
running dashboard); the time of day stays the real one. Security times (a login's sign-out, the audit
log's own `at`) keep the real clock.
"""

from __future__ import annotations

import os
from datetime import date, datetime

from spending import SpendingError

TODAY_ENV = "SPENDING_TODAY"
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)   # reply-by dates and years after it stay dates


def parse_day(text: str, what: str = TODAY_ENV) -> date:
    """The day YYYY-MM-DD names, between FIRST_DAY and LAST_DAY (9999-12-31 would end every reply-by
    date in an OverflowError): else a SpendingError that names the setting and the value."""
    try:
        day = date.fromisoformat(str(text).strip())
    except ValueError:
        raise SpendingError("day_invalid", what=what, text=text) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise SpendingError("day_out_of_range", what=what, text=text, first=FIRST_DAY, last=LAST_DAY)
    return day


def today(lenient: bool = False) -> date:
    """Today, or the day $SPENDING_TODAY names (YYYY-MM-DD): read when called, so a test or a
    demonstration can move the clock of a running dashboard or of the command line. lenient: a
    setting that names no day gives the real day instead of the error (for the sidebar's default
    month; the pages that record or judge by the day say the error)."""
    given = (os.environ.get(TODAY_ENV) or "").strip()
    if not given:
        return date.today()
    try:
        return parse_day(given)
    except SpendingError:
        if lenient:
            return date.today()
        raise


def now() -> datetime:
    """This moment on today()'s day: the real time of day, to the second."""
    return datetime.combine(today(), datetime.now().time()).replace(microsecond=0)
