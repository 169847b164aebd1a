"""Taking a plan, payment or adjustment batch back (撤销), in one transaction: rows a later batch also
brought are handed over to it, a plan's projects get their previous version back."""

from __future__ import annotations

from dataclasses import dataclass

from spending import SpendingError, audit, db, i18n
from spending.db import pace_cache

UNDOABLE = ("plan", "disbursements", "adjustments")
HANDOVER = {"plan": ["undo_hand_over_plan", "undo_hand_over_checkpoints", "undo_hand_over_versions",
                     "undo_hand_over_checkpoint_versions"],
            "disbursements": ["undo_hand_over_disbursements"], "adjustments": ["undo_hand_over_adjustments"]}


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    kind: str
    removed: int        # rows taken out
    kept: int           # rows a later live batch also brought: handed over to it, not removed
    restored: int       # projects whose previous plan came back (plan batches)

    def summary(self) -> str:
        zh = f"已撤销批次 {self.batch_id}：删除 {self.removed} 行"
        en = f"undid batch {self.batch_id}: removed {self.removed} rows"
        if self.restored:
            zh += f"，恢复 {self.restored} 个项目的上一版计划"
            en += f", restored the previous plan of {self.restored} projects"
        if self.kept:
            zh += f"，保留 {self.kept} 行（之后的批次也导入了这些行，现归该批次）"
            en += f", kept {self.kept} rows that a later batch also brought (they now belong to it)"
        return f"{zh} | {en}"


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
        raise SpendingError(f"批次 {batch_id} 不存在或已撤销 | batch {batch_id} does not exist or was already undone")
    kind = found[0]
    if kind not in UNDOABLE:
        raise SpendingError(f"批次 {batch_id} 是{i18n.kind(kind)}，只能撤销计划、支付或调整批次 | "
                            f"batch {batch_id} is {kind}: only plan, payment and adjustment batches can be undone")
    if kind == "plan":
        years = [y for (y,) in db.execute(cur, "import/undo_plan_years", batch=batch_id).fetchall()]
    else:
        years = [y for (y,) in db.execute(cur, "import/undo_years", table=kind, batch=batch_id).fetchall()]
    db.execute(cur, "import/undo_claimants", batch=batch_id, kind=kind)
    kept = 0
    if db.value(cur, "import/undo_handover_count"):
        for i, name in enumerate(HANDOVER[kind]):
            changed = db.value(cur, f"import/{name}", batch=batch_id)
            kept += changed if i == 0 else 0
    db.execute(cur, "import/undo_handover_drop")
    restored = 0
    if kind == "disbursements":
        db.execute(cur, "import/add_to_monthly_actuals", batch=batch_id, sign=-1)
        removed = db.value(cur, "import/undo_remove_disbursements", batch=batch_id)
    elif kind == "adjustments":
        removed = db.value(cur, "import/undo_remove_adjustments", batch=batch_id)
    else:
        removed, restored = _undo_plan(cur, batch_id)
    negative = db.execute(cur, "import/negative_budgets").fetchall()
    if negative:
        _, code, day = negative[0]
        raise SpendingError(f"撤销后 {code} 的调整后预算在 {day} 将低于 0，未撤销 | "
                            f"undoing would take {code}'s adjusted budget below 0 on {day}: nothing undone")
    db.execute(cur, "import/mark_undone", batch=batch_id)
    pace_cache.refresh_pace(cur, years)
    return UndoResult(batch_id, kind, removed, kept, restored)


def _undo_plan(cur, batch_id: int) -> tuple[int, int]:
    """Inside undo's transaction: the plan batch's projects back to their previous version."""
    later = db.execute(cur, "import/undo_plan_replaced_later", batch=batch_id).fetchall()
    if later:
        codes = "、".join(f"{code}（批次 {by}）" for _, code, by in later[:5])
        codes_en = ", ".join(f"{code} (batch {by})" for _, code, by in later[:5])
        raise SpendingError(f"无法撤销批次 {batch_id}：之后的计划批次又修改了这些项目：{codes}；请先撤销那些批次 | "
                            f"cannot undo batch {batch_id}: a later plan batch changed these projects again: "
                            f"{codes_en}; undo those batches first")
    in_use = db.execute(cur, "import/undo_plan_in_use", batch=batch_id).fetchall()
    if in_use:
        codes = "、".join(f"{code}（{n} 行）" for _, code, n in in_use[:5])
        codes_en = ", ".join(f"{code} ({n} rows)" for _, code, n in in_use[:5])
        raise SpendingError(f"无法撤销批次 {batch_id}：它新增的项目已有支付、调整、绩效指标或监控表：{codes} | "
                            f"cannot undo batch {batch_id}: projects it added already hold payments, adjustments, "
                            f"indicators or returns: {codes_en}")
    db.execute(cur, "import/undo_plan_remove_checkpoints", batch=batch_id)
    removed = db.value(cur, "import/undo_plan_remove_projects", batch=batch_id)
    restored = db.value(cur, "import/undo_plan_restore_projects", batch=batch_id)
    db.execute(cur, "import/undo_plan_restore_checkpoints", batch=batch_id)
    db.execute(cur, "import/undo_plan_sections", batch=batch_id)
    return removed - restored, restored


def undo_batch(con, batch_id: int, user: str | None = None) -> int:
    """undo(); returns how many rows were removed."""
    return undo(con, batch_id, user).removed
