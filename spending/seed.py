"""`init`: the schema, the source document's 2021 plan from data/, and (--demo) sample payments."""

from __future__ import annotations

import csv
import hashlib
from decimal import Decimal
from pathlib import Path

import duckdb

from spending import DATA_DIR, SpendingError, audit, auth, db, i18n, ingest
from spending.db import damage, opening, pace_cache, schema

PLAN_FILE = DATA_DIR / "plan-2021.csv"
SECTIONS_FILE = DATA_DIR / "sections-2021.csv"
INDICATORS_FILE = DATA_DIR / "indicators-2021.csv"
SAMPLE_FILES = [("disbursements", DATA_DIR / "sample-disbursements-2021.csv"),
                ("adjustments", DATA_DIR / "sample-adjustments-2021.csv"),
                # issue 14: a SAMPLE previous year, so that the demo compares this year with last year
                ("plan", DATA_DIR / "sample-plan-2020.csv"),
                ("disbursements", DATA_DIR / "sample-disbursements-2020.csv")]


def initialise(path, demo: bool = False, wait: float = 0, actor: str | None = None) -> i18n.Message:
    """Create and fill a new database. On an existing one, change nothing and say so, once every
    stored value has been read back (a damaged file is named as such, never 'initialised').
    The audit log's first entry is `init` by actor (default: cli:<os user>)."""
    target = opening.db_path(path)
    if target.exists():
        con = opening.connect(target, read_only=True, wait=wait)  # raises if locked, damaged or not a database
        try:
            schema.verify(con)
        except duckdb.Error as error:
            raise (damage.damaged(target) if damage.is_damage(error) else error) from None
        finally:
            con.close()
        return i18n.Message("init_already", path=target)
    con = opening.connect(target, create=True)
    try:
        _load_sections(con, SECTIONS_FILE)
        ingest.import_file(con, "plan", PLAN_FILE)
        _load_indicators(con, INDICATORS_FILE)
        if demo:
            for kind, path in SAMPLE_FILES:
                ingest.import_file(con, kind, path, is_sample=True)
        projects, budget = db.one(con, "init/plan_totals")   # a sample previous year not counted
        audit.record(con, actor or auth.cli_actor(), "init", str(target),
                     {"demo": demo, "projects": projects, "budget_yuan": budget})
    except BaseException:
        con.close()
        target.unlink(missing_ok=True)
        raise
    con.close()
    return i18n.Message("init_created", path=target, projects=projects, wan=budget / 10000,
                        sample=i18n.Message("init_sample") if demo else "")


def _rows(path: Path) -> tuple[str, list[dict]]:
    data = path.read_bytes()
    return hashlib.sha256(data).hexdigest(), list(csv.DictReader(data.decode("utf-8-sig").splitlines()))


def _batch(con, kind: str, path: Path, sha: str, n: int) -> int:
    return db.value(con, "import/add_batch", kind=kind, file=path.name, sha=sha, rows_in_file=n, rows_loaded=n,
                    rows_skipped=0, amount=None, sample=False, user=None)


def _load_sections(con, path: Path) -> None:
    sha, rows = _rows(path)
    batch = _batch(con, "sections", path, sha, len(rows))
    for r in rows:
        amount = r["年度预算数(万元)"].strip()
        db.execute(con, "document/load_section", year=int(r["年度"]), section=r["科室"], seq=int(r["序号"]),
                   duties=r["职责"] or None, amount_yuan=str(Decimal(amount) * 10000) if amount else None, batch=batch)
    db.execute(con, "init/fiscal_years")


def _load_indicators(con, path: Path) -> None:
    sha, rows = _rows(path)
    batch = _batch(con, "indicators", path, sha, len(rows))
    for r in rows:
        db.execute(con, "document/load_indicator", year=int(r["年度"]), code=r["项目编码"], seq=int(r["序号"]),
                   level_1=r["一级指标"], level_2=r["二级指标"] or None, level_3=r["三级指标"],
                   description=r["绩效指标描述"] or None, symbol=r["符号"] or None, target_value=r["指标值"] or None,
                   unit=r["单位"] or None, basis=r["指标值确定依据"] or None, batch=batch)


SAMPLE_PLAN_KINDS = ("plan", "sections", "indicators")


def remove_sample(con, user: str | None = None) -> int:
    """Undo every batch marked as sample data (payments and adjustments first, then the sample
    year's plan) in one transaction, with one audit entry when a user is given; returns how many
    rows were removed."""
    cur = con.cursor()
    try:
        with db.transaction(cur):
            batches = db.execute(cur, "sample/batches").fetchall()
            removed = 0
            for batch, kind in batches:
                if kind not in SAMPLE_PLAN_KINDS:
                    removed += ingest.undo_in(cur, batch).removed
            for batch, kind in batches:
                if kind in SAMPLE_PLAN_KINDS:
                    removed += _remove_sample_plan(cur, batch)
            if user and batches:
                audit.record(cur, user, "sample_removed", None,
                             {"batches": [b for b, _ in batches], "removed": removed})
    finally:
        cur.close()
    return removed


def _remove_sample_plan(cur, batch: int) -> int:
    """Remove what a sample plan batch wrote (checkpoints, indicators, projects, the sections it named, the
    fiscal year when nothing else remains), inside the caller's transaction."""
    if db.value(cur, "sample/plan_batch_in_use", batch=batch):
        raise SpendingError("sample_plan_in_use", batch=batch)
    years = [y for (y,) in db.execute(cur, "sample/plan_batch_years", batch=batch).fetchall()]
    db.execute(cur, "sample/remove_plan_checkpoints", batch=batch)
    db.execute(cur, "sample/remove_plan_indicators", batch=batch)
    removed = db.value(cur, "sample/remove_plan_projects", batch=batch)
    db.execute(cur, "sample/remove_plan_sections", batch=batch)
    for year in years:
        db.execute(cur, "sample/remove_empty_year", year=year)
    db.execute(cur, "import/mark_undone", batch=batch)
    if years:
        pace_cache.refresh_pace(cur, years)
    return removed


def require_plan_files() -> None:
    missing = [str(p) for p in (PLAN_FILE, SECTIONS_FILE, INDICATORS_FILE) if not p.exists()]
    if missing:
        raise SpendingError("plan_files_missing", files=", ".join(missing))
