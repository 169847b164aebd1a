"""Reply-by dates in Chinese working days (SPEC §3.2, issue 18): the State Council's public holidays are
days off and its 调休 weekend days are worked, as the chinese-calendar package carries them; a day the
package does not know yet is counted Mon–Fri and said so."""

from __future__ import annotations

from datetime import date

import pytest

from spending import notice_rules, workdays


@pytest.mark.parametrize("start, days, expected", [
    # 国庆 2021: 10-01..10-07 off; Sunday 09-26 and Saturday 10-09 worked (中秋 09-19..21 off, Sat 09-18 worked).
    (date(2021, 9, 30), 5, date(2021, 10, 13)),    # not 2021-10-07
    (date(2021, 9, 30), 1, date(2021, 10, 8)),
    (date(2021, 10, 8), 1, date(2021, 10, 9)),     # a Saturday worked
    (date(2021, 10, 3), 5, date(2021, 10, 13)),    # from inside the holiday
    (date(2021, 9, 24), 1, date(2021, 9, 26)),     # Friday → the Sunday worked
    (date(2021, 9, 17), 1, date(2021, 9, 18)),     # Friday → the Saturday worked before 中秋
    (date(2021, 9, 18), 1, date(2021, 9, 22)),     # across 中秋
    (date(2021, 10, 1), 0, date(2021, 10, 1)),     # no days: the day itself
    # 春节 2021: 02-11..02-17 off; Sunday 02-07 and Saturday 02-20 worked.
    (date(2021, 2, 5), 1, date(2021, 2, 7)),
    (date(2021, 2, 10), 1, date(2021, 2, 18)),
    (date(2021, 2, 10), 3, date(2021, 2, 20)),
    (date(2021, 2, 8), 5, date(2021, 2, 20)),
    (date(2021, 2, 19), 2, date(2021, 2, 22)),     # Fri → Sat (worked) → Mon
    # An ordinary week (December 2021).
    (date(2021, 12, 1), 5, date(2021, 12, 8)),     # Wed → next Wed
    (date(2021, 12, 3), 5, date(2021, 12, 10)),    # Fri → next Fri
    (date(2021, 12, 4), 5, date(2021, 12, 10)),    # Sat → Fri
    (date(2021, 12, 5), 5, date(2021, 12, 10)),    # Sun → Fri
    (date(2021, 12, 10), 1, date(2021, 12, 13)),   # Fri + 1 → Mon
    # Across the year: 元旦 2022 is 01-01..01-03.
    (date(2021, 12, 31), 1, date(2022, 1, 4)),
    # 国庆 2020 (with 中秋): 10-01..10-08 off; Sunday 09-27 and Saturday 10-10 worked.
    (date(2020, 9, 30), 1, date(2020, 10, 9)),
    (date(2020, 9, 30), 2, date(2020, 10, 10)),
    (date(2020, 9, 30), 5, date(2020, 10, 14)),
    (date(2020, 9, 25), 1, date(2020, 9, 27)),
    # 春节 2022: 01-31..02-06 off; Saturday 01-29 and Sunday 01-30 worked.
    (date(2022, 1, 28), 1, date(2022, 1, 29)),
    (date(2022, 1, 28), 2, date(2022, 1, 30)),
    (date(2022, 1, 28), 3, date(2022, 2, 7)),
    # 国庆 2022: 10-01..10-07 off; Saturday 10-08 and Sunday 10-09 worked.
    (date(2022, 9, 30), 1, date(2022, 10, 8)),
    (date(2022, 9, 30), 5, date(2022, 10, 12)),
])
def test_reply_by_counts_chinese_working_days(start, days, expected):
    assert workdays.add_working_days(start, days) == expected
    assert notice_rules.add_working_days(start, days) == expected
    assert workdays.count(start, days) == workdays.Counted(expected, ())


@pytest.mark.parametrize("day, worked", [
    (date(2021, 10, 1), False), (date(2021, 10, 9), True), (date(2021, 2, 7), True), (date(2021, 2, 15), False),
    (date(2021, 12, 6), True), (date(2021, 12, 5), False), (date(2099, 6, 6), None),
])
def test_is_workday(day, worked):
    assert workdays.is_workday(day) is worked


LAST = workdays.last_known_year()


@pytest.mark.parametrize("start, days, expected, guessed", [
    (date(2099, 6, 5), 1, date(2099, 6, 8), (2099,)),          # Fri → Mon: counted Mon–Fri
    (date(2099, 6, 1), 5, date(2099, 6, 8), (2099,)),
    (date(2099, 6, 5), 0, date(2099, 6, 5), ()),               # no day counted, nothing guessed
    (date(LAST + 1, 10, 1), 0, date(LAST + 1, 10, 1), ()),
    (date(2003, 12, 30), 1, date(2003, 12, 31), (2003,)),      # before the first year the package knows
])
def test_beyond_the_calendar_counts_mon_to_fri_and_says_so(start, days, expected, guessed):
    assert workdays.count(start, days) == workdays.Counted(expected, guessed)
    assert workdays.add_working_days(start, days) == expected


def test_across_into_a_year_not_published_yet():
    """Late December of the last year the package knows: the days of January are counted Mon–Fri."""
    found = workdays.count(date(LAST, 12, 28), 5)
    assert found.guessed == (LAST + 1,) and found.day.year == LAST + 1
    note = str(workdays.note(found))      # both languages, as the command line prints it
    assert str(LAST + 1) in note and "周一至周五" in note and "Mon–Fri" in note and found.day.isoformat() in note
    assert "\n" not in note
    assert workdays.note(workdays.count(date(2021, 9, 30), 5)) is None
