"""`init`: the schema, the source document's 2021 plan from data/, and (--demo) sample payments."""

from __future__ import annotations

import csv
import hashlib
from decimal import Decimal
from pathlib import Path

import duckdb

from spending import DATA_DIR, SpendingError, audit, auth, db, ingest

PLAN_FILE = DATA_DIR / "plan-2021.csv"
SECTIONS_FILE = DATA_DIR / "sections-2021.csv"
INDICATORS_FILE = DATA_DIR / "indicators-2021.csv"
SAMPLE_FILES = [("disbursements", DATA_DIR / "sample-disbursements-2021.csv"),
                ("adjustments", DATA_DIR / "sample-adjustments-2021.csv"),
                # issue 14: a SAMPLE previous year, so that the demo compares this year with last year
                ("plan", DATA_DIR / "sample-plan-2020.csv"),
                ("disbursements", DATA_DIR / "sample-disbursements-2020.csv")]


def initialise(path, demo: bool = False, wait: float = 0, actor: str | None = None) -> str:
    """Create and fill a new database. On an existing one, change nothing and say so, once every
    stored value has been read back (a damaged file is named as such, never 'initialised').
    The audit log's first entry is `init` by actor (default: cli:<os user>)."""
    target = db.db_path(path)
    if target.exists():
        con = db.connect(target, read_only=True, wait=wait)  # raises if locked, damaged or not a database
        try:
            db.verify(con)
        except duckdb.Error as error:
            raise (db.damaged(target) if db.is_damage(error) else error) from None
        finally:
            con.close()
        return (f"数据库 {target} 已初始化，未作改动 | database {target} is already initialised; nothing changed")
    con = db.connect(target, create=True)
    try:
        _load_sections(con, SECTIONS_FILE)
        ingest.import_file(con, "plan", PLAN_FILE)
        _load_indicators(con, INDICATORS_FILE)
        if demo:
            for kind, path in SAMPLE_FILES:
                ingest.import_file(con, kind, path, is_sample=True)
        projects, budget = con.execute(   # the document's plan; a sample previous year is not counted here
            "select count(*), sum(budget_yuan) from projects join import_batches using (batch_id)"
            " where not is_sample").fetchone()
        audit.record(con, actor or auth.cli_actor(), "init", str(target),
                     {"demo": demo, "projects": projects, "budget_yuan": budget})
    except BaseException:
        con.close()
        target.unlink(missing_ok=True)
        raise
    con.close()
    sample = "，含示例支付数据及示例上一年度（2020，仅供演示）" if demo else ""
    sample_en = ", with SAMPLE payments and a SAMPLE previous year 2020 (demo only)" if demo else ""
    return (f"已创建数据库 {target}：{projects} 个项目，年初预算 {budget / 10000:.2f} 万元{sample} | "
            f"created {target}: {projects} projects, {budget / 10000:.2f} 万元 initial budget{sample_en}")


def _rows(path: Path) -> tuple[str, list[dict]]:
    data = path.read_bytes()
    return hashlib.sha256(data).hexdigest(), list(csv.DictReader(data.decode("utf-8-sig").splitlines()))


def _batch(con, kind: str, path: Path, sha: str, n: int) -> int:
    return con.execute(
        "insert into import_batches (kind, file_name, sha256, rows_in_file, rows_loaded, rows_skipped) "
        "values ($kind, $file, $sha, $n, $n, 0) returning batch_id",
        {"kind": kind, "file": path.name, "sha": sha, "n": n}).fetchone()[0]


def _load_sections(con, path: Path) -> None:
    sha, rows = _rows(path)
    batch = _batch(con, "sections", path, sha, len(rows))
    for r in rows:
        amount = r["年度预算数(万元)"].strip()
        con.execute(
            "insert into sections values ($year, $section, $seq, $duties, $amount::decimal(18,2), $batch)",
            {"year": int(r["年度"]), "section": r["科室"], "seq": int(r["序号"]), "duties": r["职责"] or None,
             "amount": str(Decimal(amount) * 10000) if amount else None, "batch": batch})
    con.execute("insert into fiscal_years select distinct fiscal_year from sections on conflict do nothing")


def _load_indicators(con, path: Path) -> None:
    sha, rows = _rows(path)
    batch = _batch(con, "indicators", path, sha, len(rows))
    for r in rows:
        con.execute(
            "insert into indicators values ($y, $code, $seq, $l1, $l2, $l3, $desc, $sym, $val, $unit, $basis, $batch)",
            {"y": int(r["年度"]), "code": r["项目编码"], "seq": int(r["序号"]), "l1": r["一级指标"],
             "l2": r["二级指标"] or None, "l3": r["三级指标"], "desc": r["绩效指标描述"] or None,
             "sym": r["符号"] or None, "val": r["指标值"] or None, "unit": r["单位"] or None,
             "basis": r["指标值确定依据"] or None, "batch": batch})


SAMPLE_PLAN_KINDS = ("plan", "sections", "indicators")


def remove_sample(con, user: str | None = None) -> int:
    """Undo every batch marked as sample data (payments and adjustments first, then the sample
    year's plan) in one transaction, with one audit entry when a user is given; returns how many
    rows were removed."""
    cur = con.cursor()
    try:
        with db.transaction(cur):
            batches = cur.execute("select batch_id, kind from import_batches where is_sample and undone_at is null"
                                  " order by batch_id desc").fetchall()
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


def remove_sample_plan(con, batch: int) -> int:
    """Remove what a sample plan batch wrote (checkpoints, indicators, projects, the sections it
    named, the fiscal year when nothing else remains), in one transaction."""
    cur = con.cursor()
    try:
        with db.transaction(cur):
            return _remove_sample_plan(cur, batch)
    finally:
        cur.close()


def _remove_sample_plan(cur, batch: int) -> int:
    """remove_sample_plan inside the caller's transaction."""
    if db.execute(cur, "sample/plan_batch_in_use", batch=batch).fetchone()[0]:
        raise SpendingError(f"示例计划批次 {batch} 的项目已有真实支付或调整，未删除 | "
                            f"sample plan batch {batch} has real payments or adjustments: not removed")
    years = [y for (y,) in db.execute(cur, "sample/plan_batch_years", batch=batch).fetchall()]
    db.execute(cur, "sample/remove_plan_checkpoints", batch=batch)
    db.execute(cur, "sample/remove_plan_indicators", batch=batch)
    removed = db.execute(cur, "sample/remove_plan_projects", batch=batch).fetchone()[0]
    db.execute(cur, "sample/remove_plan_sections", batch=batch)
    for year in years:
        db.execute(cur, "sample/remove_empty_year", year=year)
    db.execute(cur, "sample/mark_undone", batch=batch)
    if years:
        db.refresh_pace(cur, years)
    return removed


def require_plan_files() -> None:
    missing = [str(p) for p in (PLAN_FILE, SECTIONS_FILE, INDICATORS_FILE) if not p.exists()]
    if missing:
        raise SpendingError(f"缺少计划文件：{', '.join(missing)} | missing plan files: {', '.join(missing)}")
