"""双监控 writes: a project's indicator values and its 绩效运行监控表 for a month.

Each save checks that the user answers for the project's section, writes in one transaction
together with its audit entry (values before and after), and never overwrites a 监控表: every
save is a new version.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from spending import SpendingError, audit, auth, clock, db, i18n, rules

MAX_FORECAST_YUAN = Decimal("1e16")     # DECIMAL(18, 2) holds less than 10^16 yuan


def _section_of(cur, year: int, code: str) -> str:
    row = db.execute(cur, "project_detail", year=year, code=code).fetchone()
    if row is None:
        raise SpendingError("monitoring_no_project", year=year, code=code)
    return row[3]


def _check_rights(cur, user: auth.User, year: int, code: str) -> None:
    if not user.answers_for(_section_of(cur, year, code)):
        raise SpendingError("monitoring_not_yours")


def save_indicator_values(con, user: auth.User, year: int, code: str, month: int,
                          values: list[tuple[int, str | None, str | None]]) -> int:
    """(seq, actual value, judgement) of the project's indicators for the month; rows with
    neither are left alone. Returns how many changed. A value longer than rules.MAX_TEXT_CHARS is
    refused before anything is written."""
    for seq, value, _ in values:
        rules.check_text(value, i18n.Message("field_indicator_actual", seq=seq))
    cur = con.cursor()
    changed = 0
    try:
        with db.transaction(cur):
            _check_rights(cur, user, year, code)
            for seq, value, judged in values:
                value = (value or "").strip() or None
                if value is None and judged is None:
                    continue
                before = db.execute(cur, "indicator_actual", year=year, code=code, seq=seq, month=month).fetchone()
                if before is not None and before[:2] == (value, judged):
                    continue
                db.execute(cur, "save_indicator_actual", year=year, code=code, seq=seq, month=month,
                           value=value, judged=judged, user=user.actor, at=clock.now())
                audit.record(cur, user.actor, "indicator_values", f"{year} {code} #{seq} {month}月", {
                    "before": None if before is None else {"actual_value": before[0], "judged_status": before[1]},
                    "after": {"actual_value": value, "judged_status": judged}})
                changed += 1
    finally:
        cur.close()
    return changed


def forecast_yuan(wan) -> Decimal:
    """A 全年预计执行数 typed in 万元 as exact yuan, or a clear message when it cannot be stored."""
    try:
        yuan = (Decimal(str(wan)) * 10000).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise SpendingError("forecast_not_amount", wan=wan) from None
    if yuan < 0 or yuan >= MAX_FORECAST_YUAN:
        raise SpendingError("forecast_out_of_range", wan=wan)
    return yuan


RETURN_FIELDS = ("forecast_yuan", "forecast_method", "deviation_cause", "likelihood", "corrective_action",
                 "cause_text", "catch_up_month", "answer_to", "unspent_handling")


def save_return(con, user: auth.User, year: int, code: str, month: int, forecast_wan, method: str,
                cause: str | None, likelihood: str | None, action: str | None, *,
                cause_text: str | None = None, catch_up_month: int | None = None, answer_to: str | None = None,
                unspent_handling: str | None = None) -> int:
    """A new version of the project's 监控表 for the month; returns its version number. cause_text
    (偏差原因 in words) and catch_up_month (back on plan by) are the answer to an inquiry (issue 13).
    answer_to (what the answer answers: notice_rules.ASKS) and unspent_handling (December: 结转/结余) are set
    by notices.answer (issue 21).
    Either text longer than rules.MAX_TEXT_CHARS is refused before anything is written."""
    rules.check_text((cause_text or "").strip(), *i18n.TEXT["field_cause_text"])
    rules.check_text((action or "").strip(), *i18n.TEXT["field_action"])
    forecast = forecast_yuan(forecast_wan)
    after = {"forecast_yuan": forecast, "forecast_method": method, "deviation_cause": cause,
             "likelihood": likelihood, "corrective_action": (action or "").strip() or None,
             "cause_text": (cause_text or "").strip() or None, "catch_up_month": catch_up_month,
             "answer_to": answer_to, "unspent_handling": unspent_handling}
    cur = con.cursor()
    try:
        with db.transaction(cur):
            _check_rights(cur, user, year, code)
            history = db.dicts(db.execute(cur, "monitoring_return_history", year=year, code=code,
                                          month=month))       # newest first
            before = {k: history[0][k] for k in RETURN_FIELDS} if history else None
            if before and cause_text is None and catch_up_month is None and answer_to is None:
                for field in ("cause_text", "catch_up_month", "answer_to", "unspent_handling"):
                    after[field] = before[field]      # a form without the answer's own fields (the project page) keeps them
            db.execute(cur, "save_monitoring_return", year=year, code=code, month=month, forecast=str(forecast),
                       method=method, cause=cause, likelihood=likelihood, action=after["corrective_action"],
                       user=user.actor, at=clock.now())
            version = len(history) + 1
            if any(after[f] is not None for f in ("cause_text", "catch_up_month", "answer_to", "unspent_handling")):
                db.execute(cur, "save_return_answer", year=year, code=code, month=month, version=version,
                           cause_text=after["cause_text"], catch_up_month=after["catch_up_month"],
                           answer_to=after["answer_to"], unspent_handling=after["unspent_handling"])
            audit.record(cur, user.actor, "monitoring_return", f"{year} {code} {month}月 v{version}",
                         {"before": before, "after": after})
    finally:
        cur.close()
    return version
