"""notices issue at scale (issue 19): N projects behind plan, the month's inquiries issued in one
set-based INSERT, against the old way (one INSERT per inquiry) measured in the same run on a copy of
the same database. Prints both and the ratio; a benchmark, not a test.

    .venv/bin/python benchmarks/notices_issue.py [--projects 20000] [--baseline-rows 2000]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from spending import auth, db, ingest, notices
from spending.db import opening
from spending.rules import Thresholds

# The old statement, one row a call: the baseline.
ONE_ROW = """
insert into inquiries (fiscal_year, month, project_code, section, level, status, budget_wan, actual_wan,
                       actual_pct, plan_pct, deviation_pp, gap_wan, due, issued_at, issued_by)
values ($year, $month, $code, $section, $level, $status, $budget_wan::decimal(24, 6), $actual_wan::decimal(24, 6),
        $actual_pct::decimal(18, 2), $plan_pct::decimal(18, 2), $deviation_pp::decimal(18, 2),
        $gap_wan::decimal(24, 6), $due::date, $issued_at::timestamp, $user)
on conflict do nothing
"""


def build(folder: Path, projects: int) -> Path:
    plan, paid = folder / "plan.csv", folder / "paid.csv"
    with open(plan, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["fiscal_year", "project_code", "project_name", "section", "budget_wan", "m06", "m12"])
        for i in range(projects):
            w.writerow([2021, f"P{i:06d}", f"项目{i}", f"科室{i % 50:02d}", 100, 50, 100])
    with open(paid, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["voucher_no", "project_code", "pay_date", "amount_yuan"])
        for i in range(projects):     # 1 % paid by November: every project severely behind
            w.writerow([f"V{i:06d}", f"P{i:06d}", "2021-11-20", "10000.00"])
    path = folder / "notices.duckdb"
    con = opening.connect(path, create=True)
    try:
        ingest.import_file(con, "plan", plan)
        ingest.import_file(con, "disbursements", paid)
    finally:
        con.close()
    return path


def one_by_one(path: Path, admin: auth.User, today: date, rows: int) -> tuple[float, int]:
    con = opening.connect(path)
    try:
        found = notices.warnings(con, 2021, 11, Thresholds())[:rows]
        began = time.perf_counter()
        with db.transaction(con):
            for w in found:
                con.execute(ONE_ROW, dict(year=2021, month=11, code=w["project_code"], section=w["section"],
                                          level=w["level"], status=w["status"], budget_wan=str(w["budget_wan"]),
                                          actual_wan=str(w["actual_wan"]), actual_pct=str(w["actual_pct"]),
                                          plan_pct=str(w["plan_pct"]), deviation_pp=str(w["deviation_pp"]),
                                          gap_wan=str(w["gap_wan"]), due=today.isoformat(),
                                          issued_at=str(today), user=admin.actor))
        return time.perf_counter() - began, len(found)
    finally:
        con.close()


def set_based(path: Path, admin: auth.User, today: date) -> tuple[float, int]:
    con = opening.connect(path)
    try:
        began = time.perf_counter()
        issued = notices.issue(con, admin, 2021, 11, Thresholds(), today=today)
        return time.perf_counter() - began, len(issued.added)
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--baseline-rows", type=int, default=2_000,
                        help="inquiries the one-by-one baseline inserts (it takes ~40 ms each here); scaled to all")
    args = parser.parse_args()
    admin, today = auth.User("bench@bureau.gov", "admin"), date(2021, 12, 1)
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        path = build(Path(folder), args.projects)
        print(f"database: {args.projects:,} projects behind plan, built in {time.perf_counter() - began:.1f} s")
        copy = Path(folder) / "baseline.duckdb"
        shutil.copy(path, copy)
        part, n_base = one_by_one(copy, admin, today, args.baseline_rows)
        base = part / n_base * args.projects
        print(f"baseline, one INSERT per inquiry: {n_base:,} inquiries in {part:.2f} s (the insert loop alone), "
              f"{part / n_base * 1000:.1f} ms each: {base:.0f} s for {args.projects:,}"
              + (" (scaled)" if n_base < args.projects else ""))
        new, n_new = set_based(path, admin, today)
        print(f"notices.issue, one set-based INSERT: {n_new:,} inquiries in {new:.2f} s (the whole issue: "
              f"warnings, checks, insert, audit)")
        print(f"speed-up: {base / new:.1f}x")


if __name__ == "__main__":
    main()
