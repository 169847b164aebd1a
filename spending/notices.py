"""预警与问询 (issue 13): from a project behind plan to its section's answer, in the database.

The treasury issues the month's warnings (预警: warnings()) as inquiries (问询: issue()) in one step, on the day
"today" (issued_at) with a reply-by date; issuing again adds only what is missing: nothing is duplicated and no
answer is touched. The section answers in the month's 监控表 (answer(): monitoring.save_return): category and
words of the cause, measures, the month it expects to be back on plan, the year's forecast — one record. The
treasury reviews an answer (review(): accepts it or returns it with a reason, issue 36) or closes an inquiry
by its decision (decide()). inquiries() reads them back, each with its state on a given day.

The rules (levels, what an inquiry asks, answers' checks, states, escalation) are spending.notice_rules (pure);
the 问询函 are spending.notice_letters; this module reads and writes through queries/notices/.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from spending import NoProjects, SpendingError, audit, auth, clock, db, i18n, monitoring, workdays
from spending.clock import FIRST_DAY, LAST_DAY, TODAY_ENV, parse_day, today  # noqa: F401  (one clock)
from spending.notice_rules import (DECIDABLE_STATES, REPLY_WORKING_DAYS, VERDICTS, WAITING, ask, check_answer,
                                   escalated, latest_verdict, level, state)
from spending.rules import Thresholds, check_text

LEVEL_COLORS = {"yellow": "#f0a202", "red": "#d64541", "purple": "#7b4fb3"}

# `notices list --format csv` columns (SPEC §3.1), in order.
LIST_COLUMNS = ["fiscal_year", "as_of", "section", "project_code", "project_name", "level", "issued_at", "due",
                "answered_at", "state"]

def column(name: str, lang: str = "zh") -> str:
    return i18n.inquiry_column(name, lang)


def level_label(level: str, lang: str = "zh") -> str:
    return i18n.level(level, lang)


def state_label(state: str, lang: str = "zh") -> str:
    return i18n.inquiry_state(state, lang)


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

# ------------------------------------------------------------------ writing

@dataclass(frozen=True)
class Issued:
    added: list[str]
    kept: int
    due: date
    guessed: tuple[int, ...] = ()   # years of the default reply-by date counted Mon–Fri (workdays.Counted)

    def summary(self) -> i18n.Lines:
        """One line; a second one when the new inquiries' default reply-by date was counted Mon–Fri."""
        due = i18n.Message("inquiries_issued_due", due=self.due.isoformat()) if self.added else ("", "")
        text = i18n.Message("inquiries_issued", added=len(self.added), kept=self.kept, due=due)
        note = workdays.note(workdays.Counted(self.due, self.guessed)) if self.added else None
        return i18n.Lines(text, note) if note else i18n.Lines(text)


def issue(con, user: auth.User, year: int, month: int, thresholds: Thresholds = Thresholds(),
          due: date | None = None, today: date | None = None) -> Issued:
    """Issue the month's warnings as inquiries (admins only), in one transaction with its audit entry,
    issued on the day `today` (today() when not given: $SPENDING_TODAY or the real day; the time of
    day is the clock's) and due `due` (default: REPLY_WORKING_DAYS Chinese working days after it).
    An inquiry already issued for the month stays as it is (its due date and its answer included)."""
    if not user.is_admin:
        raise SpendingError("inquiries_issue_admin_only")
    on = today or _clock()
    issued_at = datetime.combine(on, clock.now().time())
    guessed: tuple[int, ...] = ()
    if due is None:
        counted = workdays.count(on, REPLY_WORKING_DAYS)
        due, guessed = counted.day, counted.guessed
    if due < on:
        raise SpendingError("inquiries_due_past", due=(due.isoformat(), ""), today=(on.isoformat(), ""))
    cur = con.cursor()
    try:
        with db.transaction(cur):
            found = warnings(cur, year, month, thresholds)
            if not db.value(cur, "project_count", year=year, month=month, sections=None, statuses=None,
                            min_gap=None, unit=None, sources=None, direct=False, **thresholds.params()):
                raise NoProjects(year)
            imported = latest_month(cur, year)
            if imported is None or month > imported:
                raise SpendingError("inquiries_month_not_imported", year=year, month=(str(month), f"{month:02d}"),
                                    imported=(imported or "—", ""))
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


def answer(con, user: auth.User, year: int, month: int, code: str, cause: str | None, cause_text: str, action: str,
           catch_up_month, forecast_wan, method: str = "manual", unspent_handling=None) -> int:
    """The section's answer to the month's inquiry about project `code`: a new version of the month's
    监控表 (rights and audit in monitoring.save_return), asking what ask() says for the status it was
    issued with. `method`: how the forecast was made (plan_shape, run_rate, manual). Returns the version."""
    found = [r for r in db.rows(con, "notices/issued_codes", year=year, month=month) if r["project_code"] == code]
    if not found:
        raise SpendingError("inquiry_none_about", month=f"{year}-{month:02d}", code=code)
    given = check_answer(month, cause, cause_text, action, catch_up_month, forecast_wan,
                         ask(found[0]["status"], month), unspent_handling)
    return monitoring.save_return(con, user, year, code, month, given.forecast_wan, method, given.cause, None,
                                  given.action, cause_text=given.cause_text, catch_up_month=given.catch_up_month,
                                  answer_to=given.answer_to, unspent_handling=given.unspent_handling)


def decide(con, user: auth.User, year: int, month: int, code: str, decision: str, note: str | None = None,
           on: date | None = None) -> None:
    """The treasury closes (销号) the month's inquiry about `code` by its decision (admins only; one
    decision per inquiry, audited; once answered, or once overdue): what closes a December inquiry,
    which no later month can."""
    if not user.is_admin:
        raise SpendingError("inquiries_decide_admin_only")
    note = (note or "").strip() or None
    check_text(note, i18n.Message("field_decision_note"))
    cur = con.cursor()
    try:
        with db.transaction(cur):
            issued = {r[0]: r[2] for r in db.execute(cur, "notices/issued_codes", year=year, month=month).fetchall()}
            if code not in issued:
                raise SpendingError("inquiry_none_about", month=f"{year}-{month:02d}", code=code)
            allowed = i18n.DECISIONS.get(ask(issued[code], month), ())
            if not allowed:
                raise SpendingError("inquiry_closes_itself", code=code)
            if decision not in allowed:
                raise SpendingError("inquiry_decision_choose", allowed=("、".join(allowed), ""))
            [row] = [r for r in inquiries(con, year, month, on=on) if r["project_code"] == code]
            if row["state"] not in DECIDABLE_STATES + ("closed",):   # closed: said below
                raise SpendingError("inquiry_not_decidable_yet", code=code, due=row["due"])
            if db.execute(cur, "notices/decision", year=year, month=month, code=code).fetchone():
                raise SpendingError("inquiry_already_closed", month=(f"{year}-{month:02d} ", ""), code=code)
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
        raise SpendingError("inquiries_review_admin_only")
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}")
    reason = (reason or "").strip() or None
    if verdict == "returned" and reason is None:
        raise SpendingError("answer_return_reason_missing")
    check_text(reason, *i18n.TEXT["field_return_reason"])
    codes = list(dict.fromkeys(codes))
    if not codes:
        raise SpendingError("answers_review_choose")
    at = clock.now()
    cur = con.cursor()
    try:
        with db.transaction(cur):
            found = {r["project_code"]: r for r in inquiries(cur, year, month, on=on or at.date())}
            for code in codes:
                row = found.get(code)
                if row is None:
                    raise SpendingError("inquiry_none_about", month=f"{year}-{month:02d}", code=code)
                if row["state"] != "answered":
                    raise SpendingError("inquiry_not_reviewable", code=code, state=(state_label(row["state"]), row["state"]))
                db.execute(cur, "notices/add_review", year=year, month=month, code=code,
                           version=row["answer_version"], verdict=verdict, reason=reason, user=user.actor, at=at)
                audit.record(cur, user.actor, "inquiry_reviewed", f"{year}-{month:02d} {code}",
                             {"verdict": verdict, "reason": reason, "answer_version": row["answer_version"]})
    finally:
        cur.close()
    return len(codes)


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
