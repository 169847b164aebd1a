"""The rules of 预警与问询 (issue 13), pure: no database, and "today" always passed in.

Warnings (预警, level()): every project behind plan or overspent at the end of a month, with a level —
    黄色 yellow  滞后;
    红色 red     严重滞后, or 滞后 (or worse) three months in a row;
    紫色 purple  超支.
Reply-by dates (reply_by, add_working_days): by default 5 Chinese working days after the day of issue —
public holidays off, 调休 days worked, spending/workdays.py; a year not yet published is counted Mon–Fri
and the note says so.
What an inquiry asks for (ask(), issue 21): a project behind plan, the month it expects to be back on
plan by; an overspent one, 追加预算 or an explanation of the overspending (never a catch-up month);
in December, how the unspent money is handled (结转 to next year or 结余 returned: UNSPENT_HANDLING).
An answer (check_answer): every part its inquiry asks for; catch_up_months: the months it may name.
State (state()), computed with "today" passed in (never at import time):
    closed   销号: the project is on track at the year's latest imported month (a later month), or the
             treasury closed it by its decision (a December inquiry has no later month: decidable());
    accepted 已审核: the treasury accepted the latest answer (latest_verdict(), issue 36);
    returned 退回: the treasury returned the latest answer with a reason — the section answers again (a
             new 监控表 version, answered again until reviewed); every version and every reason stays;
    answered the 监控表 carries a full answer (not yet reviewed);
    overdue  逾期: past the reply-by date without an answer;
    open     otherwise.
Escalation (约谈, escalated()): inquired about this month and the month before, and not back on pace.

spending.notices reads and writes the inquiries by these rules; spending.notice_letters writes the 问询函.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from spending import SpendingError, i18n, monitoring, workdays
from spending import rules
from spending.rules import DEVIATION_CAUSES, check_text

VERDICTS = ("accepted", "returned")       # the treasury's review of an answer (issue 36)
WAITING = ("open", "overdue", "returned")   # waiting for the section's answer (returned: to answer again)
REPLY_WORKING_DAYS = 5
SUMMARY_COLUMNS = ["section", "issued", "answered", "accepted", "returned", "overdue", "closed", "open"]


def level(status: str, status_1: str | None = None, status_2: str | None = None) -> str | None:
    """The warning level of a project whose status this month is `status`, and the two months
    before status_1 (month − 1) and status_2 (month − 2). None: no warning (on track)."""
    if status == "overspent":
        return "purple"
    if status == "severe":
        return "red"
    if status == "lagging":
        return "red" if status_1 in rules.BEHIND_PLAN and status_2 in rules.BEHIND_PLAN else "yellow"
    return None


def add_working_days(start: date, days: int = REPLY_WORKING_DAYS) -> date:
    """The day `days` Chinese working days after `start` (holidays and 调休 included: workdays.count)."""
    return workdays.add_working_days(start, days)


def reply_by(start: date, days: int = REPLY_WORKING_DAYS) -> tuple[date, i18n.Message | None]:
    """The default reply-by date from `start`, and the one-line note to show with it when some of its
    days were counted Mon–Fri (a year chinese-calendar does not know yet; workdays.note), else None."""
    counted = workdays.count(start, days)
    return counted.day, workdays.note(counted)


def state(answered_at, due: date, today: date, month: int, latest_month: int | None,
          latest_status: str | None, decided: bool = False, verdict: str | None = None) -> str:
    """open / answered / returned / accepted / overdue / closed of one inquiry (see the module's
    docstring); decided: the treasury closed it by its decision; verdict: the treasury's review of the
    latest answer (None: that answer is not reviewed yet)."""
    if decided or (latest_month is not None and latest_month > month and latest_status == "on_track"):
        return "closed"
    if verdict is not None and verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}")
    if answered_at is not None:
        return verdict or "answered"
    if today > due:
        return "overdue"
    return "open"


def escalated(this_month: list[dict], month_before: list[dict]) -> list[dict]:
    """约谈: this month's inquiries (rows with project_code and state) whose project was also inquired
    about the month before, and which are not back on pace."""
    before = {r["project_code"] for r in month_before}
    return [r for r in this_month if r["project_code"] in before and r["state"] != "closed"]


def summary(rows: list[dict]) -> list[dict]:
    """Per section: issued, answered (a full answer given, whatever happened since), accepted and
    returned (its latest answer as the treasury reviewed it), overdue, closed (back on pace), open
    (neither answered nor overdue nor closed)."""
    out: dict[str, Counter] = {}
    for r in rows:
        c = out.setdefault(r["section"], Counter())
        c["issued"] += 1
        c["answered"] += r["answered_at"] is not None
        c[r["state"]] += r["state"] != "answered"      # accepted and returned: answered, and reviewed
    return [{"section": s, **{k: c[k] for k in SUMMARY_COLUMNS[1:]}} for s, c in sorted(out.items())]


ASKS = ("behind", "overspent", "year_end")
# 年终: what a section says it will do with a project's unspent money (结转 to next year, or 结余 returned).
UNSPENT_HANDLING = ("申请结转下年使用", "结余资金收回财政", "部分结转、部分收回")


def ask(status: str | None, month: int) -> str:
    """What an inquiry about a project with this status in `month` asks for: 'overspent' (追加预算 or
    an explanation, whatever the month), 'year_end' (December: 结转/结余 of the unspent money) or
    'behind' (the month it expects to be back on plan by)."""
    if status == "overspent":
        return "overspent"
    return "year_end" if month == 12 else "behind"


def catch_up_months(month: int, year: int, today: date) -> list[int]:
    """The months a section may name to be back on plan by, answering the inquiry of `month` of `year` on the day
    `today`: from the inquiry's month to December, none already past (the current month at the earliest); once
    the year is over, December alone (issue 36)."""
    if today.year > year:
        first = 12
    elif today.year == year:
        first = max(month, today.month)
    else:
        first = month
    return list(range(first, 13))


@dataclass(frozen=True)
class Answer:
    cause: str
    cause_text: str
    action: str
    catch_up_month: int | None      # 'behind' only
    forecast_wan: Decimal
    answer_to: str = "behind"
    unspent_handling: str | None = None     # 'year_end' only


def check_answer(month: int, cause, cause_text, action, catch_up_month, forecast_wan, asks: str = "behind",
                 unspent_handling=None) -> Answer:
    """A section's answer to the inquiry of `month`, every part it asks for required (ask()), or a
    message saying what is missing or wrong: 'behind' needs the catch-up month; 'overspent' the
    measures are 追加预算 or the explanation (no catch-up month); 'year_end' the handling of the
    unspent money (UNSPENT_HANDLING, no catch-up month)."""
    if asks not in ASKS:
        raise ValueError(f"unknown inquiry kind {asks!r}")
    if cause not in DEVIATION_CAUSES:
        raise SpendingError("answer_cause_choose", causes=("、".join(DEVIATION_CAUSES), ""))
    cause_text = (cause_text or "").strip()
    if not cause_text:
        raise SpendingError("answer_cause_text")
    check_text(cause_text, *i18n.TEXT["field_cause_text"])
    action = (action or "").strip()
    if not action:
        raise SpendingError(f"answer_action_{asks}")
    check_text(action, *i18n.TEXT["field_action"])
    catch_up = handling = None
    if asks == "behind":
        try:
            catch_up = int(catch_up_month)
        except (TypeError, ValueError):
            raise SpendingError("answer_catch_up_choose") from None
        if not month <= catch_up <= 12:
            raise SpendingError("answer_catch_up_range", month=month)
    elif asks == "year_end":
        if unspent_handling not in UNSPENT_HANDLING:
            raise SpendingError("answer_unspent_choose", handling=("、".join(UNSPENT_HANDLING), ""))
        handling = unspent_handling
    if forecast_wan is None or str(forecast_wan).strip() == "":
        raise SpendingError("answer_forecast_missing")
    monitoring.forecast_yuan(forecast_wan)      # the same range check as the 监控表
    return Answer(cause, cause_text, action, catch_up, Decimal(str(forecast_wan)), asks, handling)


def latest_verdict(row: dict) -> str | None:
    """The treasury's verdict on the inquiry's latest answer: None when that version is not reviewed (an
    answer given again after a return is answered until reviewed in its turn)."""
    if row.get("reviewed_version") is None or row["reviewed_version"] != row.get("answer_version"):
        return None
    return row["verdict"]


def red_answers(rows: list[dict]) -> list[dict]:
    """The answers given for the 红色 projects (what leadership reads first)."""
    return [r for r in rows if r["level"] == "red" and r["answered_at"] is not None]


DECIDABLE_STATES = ("answered", "overdue")   # on the answer, or without one once the reply-by day has passed


def decidable(rows: list[dict]) -> list[dict]:
    """The inquiries (of inquiries()) the treasury may close by its decision now: those about overspending
    or the year's end (i18n.DECISIONS), answered or overdue."""
    return [r for r in rows if i18n.DECISIONS.get(r["ask"]) and r["state"] in DECIDABLE_STATES]


def forecast_default(row: dict, method: str = "plan_shape") -> Decimal | None:
    """The starting value of an answer's 全年预计执行数 (万元): the method's figure from the inquiry's
    figures (rules.forecasts: the plan's shape, or the run rate so far), never the full budget; None
    for 'manual' or when the method has no figure yet (the plan asks for nothing yet)."""
    if method == "manual":
        return None
    try:
        figures = rules.forecasts_wan(row["actual_wan"], row["plan_pct"], row["plan_pct_year_end"], row["month"])
    except (InvalidOperation, KeyError, TypeError, ValueError):
        return None
    return figures.get(method)
