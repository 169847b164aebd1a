"""Writing a checked file, all or nothing: the dry run of the import page (preview), then in one
transaction the stored-data checks, the writes, the running-budget rule, the pace cache and the audit entry."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from collections.abc import Callable

from spending import audit, db, i18n
from spending.db import pace_cache
from spending.files.problems import ImportRejected, Problem
from spending.ingest.checks import check, plan_flags
from spending.ingest.columns import WAN, read_file
from spending.ingest.parsing import Parsed, parse
from spending.ingest.kinds import RECORDS, required


def preview(parsed: Parsed) -> Parsed:
    """A dry run for the import page (and for the report of a file with problems): the checks against
    the stored data, the good rows written and the budgets checked, then rolled back — so the problems
    hold everything wrong with the file at once. Also fills subtotals and negative_spending."""
    cur = parsed.cursor
    cur.begin()
    parsed.dry_run = True
    try:
        _write_checked(parsed, user=None)
    except ImportRejected:
        pass   # the problems are in parsed
    finally:
        parsed.dry_run = False
        cur.rollback()
    return parsed


@dataclass(frozen=True)
class ImportResult:
    kind: str
    file_name: str
    batch_id: int | None      # None when every row was already stored
    rows_in_file: int
    loaded: int
    skipped: int
    amount_yuan: Decimal

    def summary(self) -> i18n.Message:
        if self.batch_id is None:
            return i18n.Message("import_nothing_new", file=self.file_name, rows=self.rows_in_file)
        return i18n.Message("import_loaded", file=self.file_name, loaded=self.loaded, skipped=self.skipped,
                            wan=(self.amount_yuan / WAN).quantize(Decimal("0.01")), yuan=self.amount_yuan,
                            batch=self.batch_id)


def import_file(con, kind: str, path: str | Path, *, year: int | None = None, name: str | None = None,
                data: bytes | None = None, is_sample: bool = False, user: str | None = None,
                progress: Callable[[float], object] | None = None) -> ImportResult:
    """Read, check and load one file, all or nothing. Raises ImportRejected."""
    parsed = parse(con, kind, read_file(path, name=name, data=data), year, progress)
    parsed.is_sample = is_sample
    return load(parsed, user=user)


def load(parsed: Parsed, user: str | None = None) -> ImportResult:
    """Check against the stored data and write, in one transaction; then the staging is gone.
    user: who imports (the audit log's actor, e.g. cli:<os user>); the entry lands in the same
    transaction. Without a user (init's own plan) nothing is logged."""
    try:
        if parsed.problem_count:
            preview(parsed)   # every problem in the first report: the stored-data checks and the budget rule too
            raise parsed.rejected()
        with db.transaction(parsed.cursor):
            _trace("transaction began")
            batch_id = _write_checked(parsed, user)
            _trace("transaction committing")
        _trace("transaction committed")
    finally:
        parsed.close()
    return ImportResult(parsed.kind, parsed.table.file_name, batch_id, parsed.rows_in_file,
                        parsed.new_rows, parsed.skipped, parsed.file_total_yuan)


def _trace(event: str) -> None:
    """With SPENDING_TRACE=1, say on stderr where an import is (the SIGKILL test reads it)."""
    if os.environ.get("SPENDING_TRACE"):
        print(f"trace: {event}", file=sys.stderr, flush=True)


def _write_checked(parsed: Parsed, user: str | None) -> int | None:
    """Inside the caller's transaction: the stored-data checks, the writes, the budget rule.
    Raises ImportRejected (the caller rolls back); returns the new batch, or None if nothing is new."""
    cur = parsed.cursor
    for problem in check(parsed):
        parsed.add(problem)
    if parsed.problem_count and not parsed.dry_run:   # a dry run goes on with the good rows
        raise parsed.rejected()
    _subtotals(parsed)
    if parsed.kind == "plan":
        parsed.changes = db.dicts(db.execute(cur, "import/plan_changes"))
    if not parsed.new_rows:
        return None
    batch_id = db.value(cur, "import/add_batch", kind=parsed.kind, file=parsed.table.file_name,
                        sha=parsed.table.sha256, rows_in_file=parsed.rows_in_file, rows_loaded=parsed.new_rows,
                        rows_skipped=parsed.skipped, amount=str(parsed.file_total_yuan), sample=parsed.is_sample,
                        user=user)
    _write(cur, parsed, batch_id, user)
    if claim := RECORDS[parsed.kind].claim:
        db.execute(cur, claim, batch=batch_id)
    _check_budgets(parsed)
    if parsed.kind != "indicator_values":
        pace_cache.refresh_pace(cur, changed="import_new")
    if parsed.kind == "disbursements":
        _negative_spending(parsed)
    if user:
        audit.record(cur, user, "import", f"批次 {batch_id}", {
            "batch_id": batch_id, "kind": parsed.kind, "file_name": parsed.table.file_name,
            "sha256": parsed.table.sha256, "rows_loaded": parsed.new_rows, "rows_skipped": parsed.skipped,
            "amount_yuan": parsed.file_total_yuan})
        for change in parsed.changes:
            audit.record(cur, user, "plan_replaced", f"{change['fiscal_year']} {change['project_code']}",
                         _change_detail(change, batch_id))
    return batch_id


def _subtotals(parsed: Parsed) -> None:
    """The rows to write per project, in 元 to the fen (to check against the treasury system's report)."""
    cur = parsed.cursor
    db.execute(cur, required(RECORDS[parsed.kind].amounts))
    parsed.subtotals = db.dicts(db.execute(cur, "import/project_subtotals"))   # the amounts stay Decimal


def _negative_spending(parsed: Parsed) -> None:
    """After writing: the file's projects whose cumulative spending turns negative at a month end (the
    pages' query, a warning: a reversal without the payment it reverses)."""
    cur = parsed.cursor
    parsed.negative_spending = []
    touched = set(db.execute(cur, "import/new_projects").fetchall())
    for year in sorted({y for y, _ in touched}):
        found = db.dicts(db.execute(cur, "negative_spending", year=year, month=12, scope=None))
        parsed.negative_spending += [row for row in found if (year, row["project_code"]) in touched]


def _checkpoints_text(points) -> str:
    return "、".join(f"{p['month']}月 {p['pct']}%" for p in points or [])


def _change_detail(change: dict, batch_id: int) -> dict:
    keys = [("project_name", "name"), ("section", "section"), ("budget_wan", "budget_wan")]
    return {"batch_id": batch_id,
            "before": {**{k: change[f"{c}_before"] for k, c in keys}, "checkpoints": _checkpoints_text(change["checkpoints_before"])},
            "after": {**{k: change[f"{c}_after"] for k, c in keys}, "checkpoints": _checkpoints_text(change["checkpoints_after"])}}


def change_rows(changes: list[dict], lang: str = "zh") -> list[dict]:
    """The projects a plan changes, before and after, as table rows for people."""
    zh = lang != "en"
    rows = []
    for c in changes:
        rows.append({
            ("项目编码" if zh else "project code"): c["project_code"],
            ("项目名称（原）" if zh else "name before"): c["name_before"],
            ("项目名称（新）" if zh else "name after"): c["name_after"],
            ("科室（原 → 新）" if zh else "section before → after"): (
                c["section_before"] if c["section_before"] == c["section_after"]
                else f"{c['section_before']} → {c['section_after']}"),
            ("年初预算（原，万元）" if zh else "budget before (万元)"): f"{c['budget_wan_before']:,.2f}",
            ("年初预算（新，万元）" if zh else "budget after (万元)"): f"{c['budget_wan_after']:,.2f}",
            ("计划进度（原）" if zh else "checkpoints before"): _checkpoints_text(c["checkpoints_before"]),
            ("计划进度（新）" if zh else "checkpoints after"): _checkpoints_text(c["checkpoints_after"]),
        })
    return rows


def _write(cur, parsed: Parsed, batch_id: int, user: str | None) -> None:
    """The kind's writes (its record's load: a plan keeps the plan as it was, for undo, first), each given
    the values it names of the batch, the importer, sign 1 (added) and a plan file's optional columns."""
    values = {"batch": batch_id, "user": user, "sign": 1,
              **(plan_flags(parsed.mapping) if parsed.kind == "plan" else {})}
    for name in RECORDS[parsed.kind].load:
        named = set(_PARAMETER.findall(db.sql(name)))
        db.execute(cur, name, **{k: v for k, v in values.items() if k in named})


_PARAMETER = re.compile(r"\$(\w+)")


def _check_budgets(parsed: Parsed) -> None:
    """After writing: no adjusted budget below 0 at any date, else roll back naming the rows."""
    if parsed.kind not in ("plan", "adjustments"):
        return
    cur, excel = parsed.cursor, parsed.table.excel
    for year, code, day in db.execute(cur, "import/negative_budgets").fetchall():
        if parsed.kind == "plan":
            found = db.execute(cur, "import/negative_budget_plan_row", year=year, code=code).fetchone()
            column = "budget_wan"
        else:
            found = db.execute(cur, "import/negative_budget_adjustment_row", year=year, code=code, day=day).fetchone()
            column = "amount_wan"
        if found:
            parsed.add(Problem.of("negative_budget", found[0], column, found[1], excel, day=day))
    if parsed.problem_count:
        raise parsed.rejected()
