"""The audit log: every write, by whom, when, and for edits the values before and after.

record() appends inside the caller's transaction (pass the cursor that writes), so a change
and its audit entry land together or not at all. Nothing updates or deletes the log.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

from spending import db

COLUMNS = ["at", "actor", "action", "object", "detail"]

# What each action means, for people (the 审计 view and the CLI's table).
ACTIONS = {
    "import": ("导入", "import"),
    "undo": ("撤销导入", "undo"),
    "plan_replaced": ("替换计划", "plan replaced"),
    "sample_removed": ("删除示例数据", "sample removed"),
    "indicator_values": ("填报指标实际值", "indicator values"),
    "monitoring_return": ("填报监控表", "monitoring return"),
    "account_added": ("新增账号", "account added"),
    "account_changed": ("修改账号", "account changed"),
    "account_removed": ("删除账号", "account removed"),
    "bulletin_issued": ("生成通报", "bulletin issued"),
    "backup": ("备份数据库", "backup"),
    "inquiries_issued": ("发出问询", "inquiries issued"),      # issue 13
}


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
    pair = ACTIONS.get(action)
    return action if pair is None else pair[1 if lang == "en" else 0]
