"""Taking a plan, payment or adjustment batch back (撤销), in one transaction: rows a later batch also
brought are handed over to it, a plan's projects get their previous version back."""

from __future__ import annotations

from dataclasses import dataclass

from spending import SpendingError, audit, db, i18n
from spending.db import pace_cache

from spending.ingest.kinds import RECORDS, UNDOABLE, required


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    kind: str
    removed: int        # rows taken out
    kept: int           # rows a later live batch also brought: handed over to it, not removed
    restored: int       # projects whose previous plan came back (plan batches)

    def summary(self) -> i18n.Message:
        return i18n.Message("undo_done", batch=self.batch_id, removed=self.removed,
                            restored=i18n.Message("undo_restored", projects=self.restored) if self.restored else "",
                            kept=i18n.Message("undo_kept", rows=self.kept) if self.kept else "")


def undo(con, batch_id: int, user: str | None = None) -> UndoResult:
    """Take a plan, payment or adjustment batch back, in one transaction (with its audit entry).

    Rows the batch stored that a later live batch also brought (skipped there as already stored)
    stay and now belong to that batch; the rest are removed. A plan batch's projects get their
    previous version back (projects it brought new are removed); refused, with the reason, when a
    later plan changed the same projects again or a new project already holds data.
    """
    cur = con.cursor()
    try:
        with db.transaction(cur):
            result = undo_in(cur, batch_id)
            if user:
                audit.record(cur, user, "undo", f"批次 {batch_id}", {
                    "batch_id": batch_id, "kind": result.kind, "removed": result.removed, "kept": result.kept,
                    "restored": result.restored})
    finally:
        cur.close()
    return result


def undo_in(cur, batch_id: int) -> UndoResult:
    """undo() inside the caller's transaction on cursor cur (no audit entry)."""
    found = db.execute(cur, "import/batch_state", batch=batch_id).fetchone()
    if found is None or found[1] is not None:
        raise SpendingError("undo_no_batch", batch=batch_id)
    kind = found[0]
    if kind not in UNDOABLE:
        raise SpendingError("undo_not_undoable", batch=batch_id, kind=(i18n.kind(kind), kind))
    if kind == "plan":
        years = [y for (y,) in db.execute(cur, "import/undo_plan_years", batch=batch_id).fetchall()]
    else:
        years = [y for (y,) in db.execute(cur, "import/undo_years", table=kind, batch=batch_id).fetchall()]
    db.execute(cur, "import/undo_claimants", batch=batch_id, kind=kind)
    kept = 0
    if db.value(cur, "import/undo_handover_count"):
        for i, name in enumerate(RECORDS[kind].hand_over):
            changed = db.value(cur, name, batch=batch_id)
            kept += changed if i == 0 else 0
    db.execute(cur, "import/undo_handover_drop")
    restored = 0
    if kind == "disbursements":
        db.execute(cur, "import/add_to_monthly_actuals", batch=batch_id, sign=-1)
    if kind == "plan":
        removed, restored = _undo_plan(cur, batch_id)
    else:
        removed = db.value(cur, required(RECORDS[kind].remove), batch=batch_id)
    negative = db.execute(cur, "import/negative_budgets").fetchall()
    if negative:
        _, code, day = negative[0]
        raise SpendingError("undo_budget_below_zero", code=code, day=day)
    db.execute(cur, "import/mark_undone", batch=batch_id)
    pace_cache.refresh_pace(cur, years)
    return UndoResult(batch_id, kind, removed, kept, restored)


def _undo_plan(cur, batch_id: int) -> tuple[int, int]:
    """Inside undo's transaction: the plan batch's projects back to their previous version."""
    later = db.execute(cur, "import/undo_plan_replaced_later", batch=batch_id).fetchall()
    if later:
        codes = ("、".join(f"{code}（批次 {by}）" for _, code, by in later[:5]),
                 ", ".join(f"{code} (batch {by})" for _, code, by in later[:5]))
        raise SpendingError("undo_plan_changed_later", batch=batch_id, codes=codes)
    in_use = db.execute(cur, "import/undo_plan_in_use", batch=batch_id).fetchall()
    if in_use:
        codes = ("、".join(f"{code}（{n} 行）" for _, code, n in in_use[:5]),
                 ", ".join(f"{code} ({n} rows)" for _, code, n in in_use[:5]))
        raise SpendingError("undo_plan_in_use", batch=batch_id, codes=codes)
    db.execute(cur, "import/undo_plan_remove_checkpoints", batch=batch_id)
    removed = db.value(cur, "import/undo_plan_remove_projects", batch=batch_id)
    restored = db.value(cur, "import/undo_plan_restore_projects", batch=batch_id)
    db.execute(cur, "import/undo_plan_restore_checkpoints", batch=batch_id)
    db.execute(cur, "import/undo_plan_sections", batch=batch_id)
    return removed - restored, restored


def undo_batch(con, batch_id: int, user: str | None = None) -> int:
    """undo(); returns how many rows were removed."""
    return undo(con, batch_id, user).removed
