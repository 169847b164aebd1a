"""预警与问询 (issue 13): from a project behind plan to its section's answer.

Warnings (预警): every project behind plan or overspent at the end of a month, with a level —
    黄色 yellow  滞后;
    红色 red     严重滞后, or 滞后 (or worse) three months in a row;
    紫色 purple  超支.
Inquiries (问询): an administrator issues the month's warnings as inquiries in one step, on the day
"today" (issued_at) with a reply-by date (default: 5 Chinese working days after today — public
holidays off, 调休 days worked, spending/workdays.py; a year not yet published is counted Mon–Fri and
the summary says so). Issuing again adds only what is missing: nothing is duplicated and no answer
is touched.
Answers: the section answers in the month's 监控表 (monitoring.save_return): category and words of
the cause, measures, the month it expects to be back on plan, the year's forecast — one record.
What an inquiry asks for (ask(), issue 21): a project behind plan, the month it expects to be back on
plan by; an overspent one, 追加预算 or an explanation of the overspending (never a catch-up month);
in December, how the unspent money is handled (结转 to next year or 结余 returned: UNSPENT_HANDLING).
State, computed with "today" passed in (never at import time):
    closed   销号: the project is on track at the year's latest imported month (a later month), or the
             treasury closed it by its decision (decide(): a December inquiry has no later month);
    accepted 已审核: the treasury accepted the latest answer (review(), issue 36);
    returned 退回: the treasury returned the latest answer with a reason — the section answers again (a
             new 监控表 version, answered again until reviewed); every version and every reason stays;
    answered the 监控表 carries a full answer (not yet reviewed);
    overdue  逾期: past the reply-by date without an answer;
    open     otherwise.
Escalation (约谈): inquired about this month and the month before, and not back on pace.

The rules are the pure functions at the top; the rest reads and writes through queries/notices/.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from spending import NoProjects, SpendingError, audit, auth, clock, db, i18n, monitoring, workdays
from spending import rules
from spending.clock import FIRST_DAY, LAST_DAY, TODAY_ENV, parse_day, today  # noqa: F401  (one clock)
from spending.rules import DEVIATION_CAUSES, Thresholds, check_text

LEVELS = ("purple", "red", "yellow")       # the order a list shows them in
LEVEL_COLORS = {"yellow": "#f0a202", "red": "#d64541", "purple": "#7b4fb3"}
STATES = ("open", "overdue", "answered", "returned", "accepted", "closed")
VERDICTS = ("accepted", "returned")       # the treasury's review of an answer (issue 36)
WAITING = ("open", "overdue", "returned")   # waiting for the section's answer (returned: to answer again)
REPLY_WORKING_DAYS = 5

# `notices list --format csv` columns (SPEC §3.1), in order.
LIST_COLUMNS = ["fiscal_year", "as_of", "section", "project_code", "project_name", "level", "issued_at", "due",
                "answered_at", "state"]
SUMMARY_COLUMNS = ["section", "issued", "answered", "accepted", "returned", "overdue", "closed", "open"]

def column(name: str, lang: str = "zh") -> str:
    return i18n.inquiry_column(name, lang)


def level_label(level: str, lang: str = "zh") -> str:
    return i18n.level(level, lang)


def state_label(state: str, lang: str = "zh") -> str:
    return i18n.inquiry_state(state, lang)


# ------------------------------------------------------------------ rules (pure)

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


def reply_by(start: date, days: int = REPLY_WORKING_DAYS) -> tuple[date, str | None]:
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
        raise SpendingError(f"请选择偏差原因类别（{'、'.join(DEVIATION_CAUSES)}） | choose the cause's category")
    cause_text = (cause_text or "").strip()
    if not cause_text:
        raise SpendingError("请说明偏差原因 | say what caused the deviation")
    check_text(cause_text, *i18n.TEXT["field_cause_text"])
    action = (action or "").strip()
    if not action:
        raise SpendingError({"behind": "请填写纠偏措施 | give the corrective measures",
                             "overspent": "请填写追加预算申请或超支情况说明 | apply for an additional budget or "
                                          "explain the overspending",
                             "year_end": "请说明未支出资金的处理安排 | say how the unspent money will be handled"}[asks])
    check_text(action, *i18n.TEXT["field_action"])
    catch_up = handling = None
    if asks == "behind":
        try:
            catch_up = int(catch_up_month)
        except (TypeError, ValueError):
            raise SpendingError("请选择预计恢复进度的月份 | choose the month to be back on plan by") from None
        if not month <= catch_up <= 12:
            raise SpendingError(f"预计恢复进度月份应在 {month} 月至 12 月之间 | the month to be back on plan by must be "
                                f"between {month} and 12")
    elif asks == "year_end":
        if unspent_handling not in UNSPENT_HANDLING:
            raise SpendingError(f"请选择未支出资金的处理方式（{'、'.join(UNSPENT_HANDLING)}） | choose how the unspent "
                                "money is handled (carried over or returned)")
        handling = unspent_handling
    if forecast_wan is None or str(forecast_wan).strip() == "":
        raise SpendingError("请填写全年预计执行数 | give the year's forecast")
    monitoring.forecast_yuan(forecast_wan)      # the same range check as the 监控表
    return Answer(cause, cause_text, action, catch_up, Decimal(str(forecast_wan)), asks, handling)


_clock = today      # issue() takes a parameter named today


# ------------------------------------------------------------------ reading

def warnings(con, year: int, month: int, thresholds: Thresholds = Thresholds(),
             scope: list[str] | None = None) -> list[dict]:
    """预警: the projects behind plan or overspent at the end of the month, each with its level."""
    rows = db.rows(con, "notices/warnings", year=year, month=month, scope=scope, **thresholds.params())
    for r in rows:
        r["level"] = level(r["status"], r["status_1"], r["status_2"])
    return rows


def latest_month(con, year: int) -> int | None:
    return db.rows(con, "notices/latest_month", year=year)[0]["latest_month"]


def inquiries(con, year: int, month: int | None, thresholds: Thresholds = Thresholds(), on: date | None = None,
              scope: list[str] | None = None, section: str | None = None) -> list[dict]:
    """The inquiries of the month (every month: None), each with its state on the day `on` (today()
    when not given), of the sections in scope (None: all), or of one section."""
    on = on or today()
    if section is not None:
        if scope is not None and section not in scope:
            return []
        scope = [section]
    rows = db.rows(con, "notices/inquiries", year=year, month=month, scope=scope,
                   latest=latest_month(con, year), **thresholds.params())
    for r in rows:
        r["state"] = state(r["answered_at"], r["due"], on, r["month"], r["latest_month"], r["latest_status"],
                           r["decision"] is not None, latest_verdict(r))
        r["ask"] = ask(r["issued_status"], r["month"])
    return rows


def latest_verdict(row: dict) -> str | None:
    """The treasury's verdict on the inquiry's latest answer: None when that version is not reviewed (an
    answer given again after a return is answered until reviewed in its turn)."""
    if row.get("reviewed_version") is None or row["reviewed_version"] != row.get("answer_version"):
        return None
    return row["verdict"]


def open_count(con, user: auth.User, year: int, thresholds: Thresholds = Thresholds(), on: date | None = None) -> int:
    """The user's inquiries waiting for an answer (open, overdue or returned), every month of the year."""
    return sum(r["state"] in WAITING for r in inquiries(con, year, None, thresholds, on, user.scope))


def escalations(con, year: int, month: int, thresholds: Thresholds = Thresholds(), on: date | None = None,
                scope: list[str] | None = None) -> list[dict]:
    """约谈: projects inquired about in this month and the month before, not back on pace."""
    if month == 1:
        return []
    rows = inquiries(con, year, month, thresholds, on, scope)
    return escalated(rows, inquiries(con, year, month - 1, thresholds, on, scope))


def red_answers(rows: list[dict]) -> list[dict]:
    """The answers given for the 红色 projects (what leadership reads first)."""
    return [r for r in rows if r["level"] == "red" and r["answered_at"] is not None]


# ------------------------------------------------------------------ writing

@dataclass(frozen=True)
class Issued:
    added: list[str]
    kept: int
    due: date
    guessed: tuple[int, ...] = ()   # years of the default reply-by date counted Mon–Fri (workdays.Counted)

    def summary(self) -> str:
        """One line; a second one when the new inquiries' default reply-by date was counted Mon–Fri."""
        due = (f"；答复期限 {self.due.isoformat()}", f"; reply by {self.due.isoformat()}") if self.added else ("", "")
        text = (f"已发出问询 {len(self.added)} 条，此前已发 {self.kept} 条未变{due[0]} | "
                f"issued {len(self.added)} inquiries, {self.kept} issued before left as they were{due[1]}")
        note = workdays.note(workdays.Counted(self.due, self.guessed)) if self.added else None
        return f"{text}\n{note}" if note else text


def issue(con, user: auth.User, year: int, month: int, thresholds: Thresholds = Thresholds(),
          due: date | None = None, today: date | None = None) -> Issued:
    """Issue the month's warnings as inquiries (admins only), in one transaction with its audit entry,
    issued on the day `today` (today() when not given: $SPENDING_TODAY or the real day; the time of
    day is the clock's) and due `due` (default: REPLY_WORKING_DAYS Chinese working days after it).
    An inquiry already issued for the month stays as it is (its due date and its answer included)."""
    if not user.is_admin:
        raise SpendingError("只有管理员（预算国库科）可以发出问询 | only an administrator may issue inquiries")
    on = today or _clock()
    issued_at = datetime.combine(on, clock.now().time())
    guessed = ()
    if due is None:
        counted = workdays.count(on, REPLY_WORKING_DAYS)
        due, guessed = counted.day, counted.guessed
    if due < on:
        raise SpendingError(f"答复期限 {due.isoformat()} 早于今天 {on.isoformat()} | the reply-by date is before today")
    cur = con.cursor()
    try:
        with db.transaction(cur):
            found = warnings(cur, year, month, thresholds)
            if not db.value(cur, "project_count", year=year, month=month, sections=None, statuses=None,
                            min_gap=None, unit=None, sources=None, direct=False, **thresholds.params()):
                raise NoProjects(year)
            imported = latest_month(cur, year)
            if imported is None or month > imported:
                raise SpendingError(f"{year} 年 {month} 月的支付数据尚未导入（已导入至 {imported or '—'} 月），不能据此问询 | "
                                    f"the payments of {year}-{month:02d} are not imported yet: no inquiries on them")
            before = {r[0] for r in db.execute(cur, "notices/issued_codes", year=year, month=month).fetchall()}
            new = [w for w in found if w["project_code"] not in before]
            added = [w["project_code"] for w in new]
            if new:
                cur.register("new_inquiries", _inquiry_rows(year, month, new))
                try:
                    db.execute(cur, "notices/add_inquiries", due=due.isoformat(), issued_at=issued_at, user=user.actor)
                finally:
                    cur.unregister("new_inquiries")
            audit.record(cur, user.actor, "inquiries_issued", f"{year}-{month:02d}",
                         {"added": added, "kept": len(before), "due": due, **thresholds.params()})
    finally:
        cur.close()
    return Issued(added, len(before), due, guessed if added else ())


INQUIRY_FIGURES = ("budget_wan", "actual_wan", "actual_pct", "plan_pct", "deviation_pp", "gap_wan")


def _inquiry_rows(year: int, month: int, warned: list[dict]):
    """The new inquiries as an Arrow table for add_inquiries.sql: the figures as exact decimal text."""
    import pyarrow as pa

    columns = {"fiscal_year": pa.array([year] * len(warned), pa.int32()),
               "month": pa.array([month] * len(warned), pa.int32())}
    for name in ("project_code", "section", "level", "status"):
        columns[name] = pa.array([w[name] for w in warned], pa.string())
    for name in INQUIRY_FIGURES:
        columns[name] = pa.array([_text(w[name]) for w in warned], pa.string())
    return pa.table(columns)


def _text(value) -> str | None:
    return None if value is None else str(value)


def answer(con, user: auth.User, year: int, month: int, code: str, cause: str, cause_text: str, action: str,
           catch_up_month, forecast_wan, method: str = "manual", unspent_handling=None) -> int:
    """The section's answer to the month's inquiry about project `code`: a new version of the month's
    监控表 (rights and audit in monitoring.save_return), asking what ask() says for the status it was
    issued with. `method`: how the forecast was made (plan_shape, run_rate, manual). Returns the version."""
    found = [r for r in db.rows(con, "notices/issued_codes", year=year, month=month) if r["project_code"] == code]
    if not found:
        raise SpendingError(f"{year}-{month:02d} 没有关于项目 {code} 的问询 | no inquiry about {code} for "
                            f"{year}-{month:02d}")
    given = check_answer(month, cause, cause_text, action, catch_up_month, forecast_wan,
                         ask(found[0]["status"], month), unspent_handling)
    return monitoring.save_return(con, user, year, code, month, given.forecast_wan, method, given.cause, None,
                                  given.action, cause_text=given.cause_text, catch_up_month=given.catch_up_month,
                                  answer_to=given.answer_to, unspent_handling=given.unspent_handling)


DECIDABLE_STATES = ("answered", "overdue")   # on the answer, or without one once the reply-by day has passed


def decidable(rows: list[dict]) -> list[dict]:
    """The inquiries (of inquiries()) the treasury may close by its decision now: those about overspending
    or the year's end (i18n.DECISIONS), answered or overdue."""
    return [r for r in rows if i18n.DECISIONS.get(r["ask"]) and r["state"] in DECIDABLE_STATES]


def decide(con, user: auth.User, year: int, month: int, code: str, decision: str, note: str | None = None,
           on: date | None = None) -> None:
    """The treasury closes (销号) the month's inquiry about `code` by its decision (admins only; one
    decision per inquiry, audited; once answered, or once overdue): what closes a December inquiry,
    which no later month can."""
    if not user.is_admin:
        raise SpendingError("只有管理员（预算国库科）可以决定销号 | only an administrator may close an inquiry")
    note = (note or "").strip() or None
    check_text(note, "决定说明", "the decision's note")
    cur = con.cursor()
    try:
        with db.transaction(cur):
            issued = {r[0]: r[2] for r in db.execute(cur, "notices/issued_codes", year=year, month=month).fetchall()}
            if code not in issued:
                raise SpendingError(f"{year}-{month:02d} 没有关于项目 {code} 的问询 | no inquiry about {code} for "
                                    f"{year}-{month:02d}")
            allowed = i18n.DECISIONS.get(ask(issued[code], month), ())
            if not allowed:
                raise SpendingError(f"项目 {code} 的问询在后续月份恢复进度后自动销号，不由国库科决定 | the inquiry about {code} "
                                    "closes when a later month puts it back on pace")
            if decision not in allowed:
                raise SpendingError(f"请选择国库科的决定（{'、'.join(allowed)}） | choose the treasury's decision")
            [row] = [r for r in inquiries(con, year, month, on=on) if r["project_code"] == code]
            if row["state"] not in DECIDABLE_STATES + ("closed",):   # closed: said below
                raise SpendingError(f"项目 {code} 的问询尚未答复，答复期限（{row['due']}）也未到：请等科室答复 | the inquiry "
                                    f"about {code} is neither answered nor overdue (reply by {row['due']})")
            if db.execute(cur, "notices/decision", year=year, month=month, code=code).fetchone():
                raise SpendingError(f"{year}-{month:02d} 项目 {code} 的问询已由国库科销号 | the inquiry about {code} "
                                    "is already closed by the treasury")
            db.execute(cur, "notices/add_decision", year=year, month=month, code=code, decision=decision, note=note,
                       user=user.actor, at=clock.now())
            audit.record(cur, user.actor, "inquiry_closed", f"{year}-{month:02d} {code}",
                         {"decision": decision, "note": note})
    finally:
        cur.close()


def review(con, user: auth.User, year: int, month: int, codes: list[str], verdict: str, reason: str | None = None,
           on: date | None = None) -> int:
    """The treasury reviews the answers to the month's inquiries about `codes` (admins only; issue 36): accepts
    them (已审核) or returns them with a reason (退回: the section answers again). Only an answered inquiry
    (its latest answer not reviewed yet) can be reviewed. All of them or none, in one transaction, each
    with its audit entry (inquiry_reviewed), at clock.now(). Returns how many were reviewed."""
    if not user.is_admin:
        raise SpendingError("只有管理员（预算国库科）可以审核答复 | only an administrator may review answers")
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}")
    reason = (reason or "").strip() or None
    if verdict == "returned" and reason is None:
        raise SpendingError("退回答复请写明理由 | say why the answer is returned")
    check_text(reason, *i18n.TEXT["field_return_reason"])
    codes = list(dict.fromkeys(codes))
    if not codes:
        raise SpendingError("请选择要审核的答复 | choose the answers to review")
    at = clock.now()
    cur = con.cursor()
    try:
        with db.transaction(cur):
            found = {r["project_code"]: r for r in inquiries(cur, year, month, on=on or at.date())}
            for code in codes:
                row = found.get(code)
                if row is None:
                    raise SpendingError(f"{year}-{month:02d} 没有关于项目 {code} 的问询 | no inquiry about {code} for "
                                        f"{year}-{month:02d}")
                if row["state"] != "answered":
                    raise SpendingError(f"项目 {code} 的问询{state_label(row['state'])}，只有已答复（未审核）的问询可以审核 | "
                                        f"the inquiry about {code} is {row['state']}: only an answered one can be "
                                        "reviewed")
                db.execute(cur, "notices/add_review", year=year, month=month, code=code,
                           version=row["answer_version"], verdict=verdict, reason=reason, user=user.actor, at=at)
                audit.record(cur, user.actor, "inquiry_reviewed", f"{year}-{month:02d} {code}",
                             {"verdict": verdict, "reason": reason, "answer_version": row["answer_version"]})
    finally:
        cur.close()
    return len(codes)


# ------------------------------------------------------------------ letters (问询函)

LETTER_COLUMNS = ["project_code", "project_name", "level", "budget_wan", "actual_wan", "actual_pct", "plan_pct",
                  "deviation_pp", "gap_wan"]


def letter_rows(rows: list[dict]) -> dict[str, list[dict]]:
    """The month's inquiries grouped by section (one letter each)."""
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["section"], []).append(r)
    return out


def _safe(text: str) -> str:
    """Blanks as "_" in a letter's name (export.file_name refuses the rest and bounds it)."""
    return re.sub(r"\s+", "_", text).strip("_") or "section"


def letter_text(year: int, month: int, section: str, rows: list[dict], lang: str = "zh") -> list[str]:
    """The letter's paragraphs (the same words in the PDF and on the Excel sheet): what each inquiry
    asks for (ask()): behind plan, the month to be back on plan by; overspent, the amount over budget
    and 追加预算 or an explanation; December, 结转/结余 of the unspent money."""
    due = i18n.day_label(min(r["due"] for r in rows), lang)
    asks = [ask(r.get("issued_status", r.get("status")), month) for r in rows]
    over = [(r["project_name"], rules.over_budget_wan(r["actual_wan"], r["budget_wan"]))
            for r, a in zip(rows, asks) if a == "overspent"]
    n_behind, n_year_end = asks.count("behind"), asks.count("year_end")
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    text = [t("letter_to", section=section),
            t("letter_opening", month=i18n.month_label(year, month, lang), n=len(rows), due=due)]
    if n_behind:
        text.append(t("letter_behind", n=n_behind))
    if over:
        named = t("letter_over_sep").join(t("letter_over_item", name=name, amount=f"{amount:,.2f}")
                                          for name, amount in over)
        text.append(t("letter_overspent", named=named))
    if n_year_end:
        text.append(t("letter_year_end", n=n_year_end))
    if n_behind:
        text.append(t("letter_closes_behind"))
    if over or n_year_end:
        text.append(t("letter_closes_decided"))
    return text


def letter_xlsx(year: int, month: int, section: str, rows: list[dict], issuer: str, lang: str = "zh",
                sample: bool = False) -> bytes:
    """The letter as Excel: the letter on sheet 1 (first the sample note while sample data is loaded), the
    projects on sheet 2."""
    import xlsxwriter

    import pandas as pd

    from spending import export
    from spending.export import XLSX_OPTIONS, Formats, write_context, write_table

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, XLSX_OPTIONS)
    fmt = Formats(book, lang)
    items = [(i18n.t("letter_title", lang), "")] + export.sample_note(sample, lang) + [
             (i18n.t("issuing_unit", lang), issuer),
             (i18n.column("section", lang), section), (column("due", lang), min(r["due"] for r in rows)),
             (i18n.t("letter_month", lang), i18n.month_label(year, month, lang))]
    items += [("", line) for line in letter_text(year, month, section, rows, lang)]
    write_context(book, i18n.t("letter_sheet", lang), items, fmt)
    frame = pd.DataFrame([{column(c, lang): level_label(r[c], lang) if c == "level" else r[c]
                           for c in LETTER_COLUMNS + ["due"]} for r in rows])
    write_table(book, i18n.t("letter_projects_sheet", lang), frame, fmt)
    book.close()
    return buffer.getvalue()


def letter_html(year: int, month: int, section: str, rows: list[dict], issuer: str, on: date,
                lang: str = "zh", sample: bool = False) -> str:
    """The letter as HTML for Chromium: signed by the issuer on `on` (2021年12月3日); while sample data is
    loaded a banner on every page says so."""
    from spending import export, printed

    def cell(r, c) -> dict:
        v = r[c]
        if c == "level":
            return {"text": level_label(v, lang), "cls": "nw", "style": f"color:{LEVEL_COLORS[v]};font-weight:700"}
        if isinstance(v, Decimal):
            return {"text": f"{v:,.2f}", "cls": "num", "style": ""}
        return {"text": "" if v is None else str(v),
                "cls": "nw" if c == "project_code" else "wide" if c == "project_name" else "", "style": ""}
    return printed.render("letter.html.j2", html_lang=printed.html_lang(lang), title=i18n.t("letter_title", lang),
                          section=section, issuer=issuer, marks=export.sample_marks(sample, lang),
                          paragraphs=letter_text(year, month, section, rows, lang),
                          head=[column(c, lang) for c in LETTER_COLUMNS],
                          rows=[[cell(r, c) for c in LETTER_COLUMNS] for r in rows], signed_on=i18n.day_label(on, lang))


def letters(con, year: int, month: int, thresholds: Thresholds = Thresholds(), on: date | None = None,
            scope: list[str] | None = None) -> dict[str, list[dict]]:
    """The month's inquiries, per section, for the letters."""
    found = letter_rows(inquiries(con, year, month, thresholds, on, scope))
    if not found:
        raise SpendingError(f"{year}-{month:02d} 还没有发出问询 | no inquiries issued for {year}-{month:02d}")
    return found


def letter_name(year: int, month: int, section: str, suffix: str, taken: set | None = None) -> str:
    """The letter's file name (export.file_name: bounded, no separators, unique within `taken`)."""
    from spending import export

    return export.file_name(f"问询函_{year}-{month:02d}_{_safe(section)}", suffix, taken)


def letter_pdf(year: int, month: int, section: str, rows: list[dict], issuer: str, on: date, lang: str = "zh",
               sample: bool = False) -> bytes:
    from spending import export

    return export.print_pdf(letter_html(year, month, section, rows, issuer, on, lang, sample))


def write_letters(con, year: int, month: int, folder: str | os.PathLike, thresholds: Thresholds = Thresholds(),
                  on: date | None = None, lang: str = "zh") -> list[Path]:
    """One 问询函 per section (PDF and Excel) into folder."""
    from spending import export

    on = on or today()
    found = letters(con, year, month, thresholds, on)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in letter_files(year, month, found, on, lang, export.sample_loaded(con)):
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


def letter_files(year: int, month: int, found: dict[str, list[dict]], on: date, lang: str = "zh",
                 sample: bool = False) -> list[tuple[str, bytes]]:
    """Every section's 问询函 (of letters()) as PDF and Excel: (file name, bytes), names unique among them."""
    from spending import export

    out = []
    taken: set[str] = set()      # this run's names: two sections never share a file
    for section, rows in found.items():
        for suffix in ("pdf", "xlsx"):
            name = letter_name(year, month, section, suffix, taken)
            data = (letter_pdf(year, month, section, rows, export.issuer(), on, lang, sample) if suffix == "pdf"
                    else letter_xlsx(year, month, section, rows, export.issuer(), lang, sample))
            out.append((name, data))
    return out


def letters_zip(year: int, month: int, found: dict[str, list[dict]], on: date, lang: str = "zh",
                sample: bool = False) -> bytes:
    """Every letter in one download (issue 36): a zip of each section's PDF and Excel."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as packet:
        for name, data in letter_files(year, month, found, on, lang, sample):
            packet.writestr(name, data)
    return buffer.getvalue()


def letters_zip_name(year: int, month: int, sample: bool = False, lang: str = "zh") -> str:
    from spending import export

    return export.marked(i18n.t("letters_zip_name", lang, year=year, month=f"{month:02d}"), sample, lang) + ".zip"


def table_rows(rows: list[dict], columns: list[str], lang: str = "zh") -> list[dict]:
    """Rows for people: levels, states and statuses in words, labelled columns."""
    out = []
    for r in rows:
        shown = {}
        for c in columns:
            v = r.get(c)
            if c == "level" and v:
                v = level_label(v, lang)
            elif c == "state" and v:
                v = state_label(v, lang)
            elif c in ("status", "latest_status", "issued_status") and v:
                v = i18n.status(v, lang)
            elif c == "catch_up_month" and v:
                v = i18n.month_name(int(v), lang)
            elif isinstance(v, datetime):
                v = v.strftime("%Y-%m-%d %H:%M")
            elif isinstance(v, date):
                v = v.isoformat()
            elif isinstance(v, Decimal):
                v = float(v)            # for display only (2 decimals); the exact values stay in SQL
            shown[column(c, lang)] = "" if v is None else v
        out.append(shown)
    return out


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
