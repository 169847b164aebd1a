"""The audit log: every write, by whom, when, and for edits the values before and after.

record() appends inside the caller's transaction (pass the cursor that writes), so a change
and its audit entry land together or not at all. Nothing updates or deletes the log.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

from spending import db, i18n

COLUMNS = ["at", "actor", "action", "object", "detail"]

# The actions of a reading (action labels: i18n.ACTIONS).
READS = {"bulletin_downloaded", "bulletin_issued", "backup", "backup_downloaded"}   # entries of a reading: nothing stored changed
READING_ORDER = ("format", "sections", "yellow", "red")   # a detail's keys first, in this order (describe)
FORMATS = {"xlsx": "Excel", "pdf": "PDF"}                 # a download's file format, as people name it


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def record(con, actor: str, action: str, obj: str | None = None, detail: dict | None = None) -> None:
    """Append one entry on this connection or cursor (inside its transaction, if any)."""
    if not actor:
        raise ValueError("an audit entry needs an actor")
    db.execute(con, "audit_record", actor=actor, action=action, object=obj,
               detail=json.dumps(detail, ensure_ascii=False, default=_plain, sort_keys=True) if detail else None)


def entries(con, since: date | None = None, limit: int | None = None) -> list[dict]:
    return db.rows(con, "audit_log", since=since, limit=limit)


def action_label(action: str, lang: str = "zh") -> str:
    return i18n.action(action, lang)


def kind_label(action: str, lang: str = "zh") -> str:
    """读取 or 写入: whether the entry records a reading (a download) or a change."""
    return i18n.t("audit_read" if action in READS else "audit_write", lang)


def describe(detail: str | None, lang: str = "zh") -> str:
    """An entry's detail (JSON) in words for the 审计 page: each key by its label, before → after,
    lists joined; a detail that is not JSON as it is."""
    if not detail:
        return ""
    try:
        value = json.loads(detail)
    except ValueError:
        return detail
    return _words(value, lang, outer=True)


def _words(value, lang: str, outer: bool = False) -> str:
    en = lang == "en"
    if isinstance(value, dict):
        if value and set(value) <= {"before", "after"}:
            return " → ".join(f"{i18n.t('audit_' + side, lang)}{': ' if en else '：'}{_words(value.get(side), lang)}"
                              for side in ("before", "after") if side in value)
        # as people read it (issue 37): what file, of what, at which thresholds, then the rest as stored
        keys = sorted(value, key=lambda k: READING_ORDER.index(k) if outer and k in READING_ORDER else len(READING_ORDER))
        pairs = [f"{i18n.detail_label(k, lang)}{': ' if en else '：'}{_value(k, value[k], lang)}" for k in keys]
        return ("; " if en else "；").join(pairs) if outer else (", " if en else "，").join(pairs)
    if isinstance(value, list):
        return (", " if en else "、").join(_words(v, lang) for v in value) or i18n.t("audit_nothing", lang)
    if value is None:
        return i18n.t("audit_nothing", lang)
    if isinstance(value, bool):
        return i18n.t("yes" if value else "no", lang)
    return str(value)


def _value(key: str, value, lang: str) -> str:
    if key == "kind" and isinstance(value, str) and value in i18n.KINDS:
        return i18n.kind(value, lang)
    if key == "role" and value in i18n.ROLES:
        return i18n.role(value, lang)
    if key == "format" and value in FORMATS:
        return FORMATS[value]
    if key == "sections" and value == "all":
        return i18n.t("audit_all", lang)
    return _words(value, lang)
