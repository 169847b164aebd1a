"""The SPEC §1 status table computed the obvious way with pandas, from the raw CSV files.

It is the baseline the project's DuckDB computation is compared with (benchmarks/run.py), and
a cross-check of its results: one row per project with budget (initial + adjustments up to the
cut-off), actual, actual_pct, plan_pct (piecewise-linear through (0, 0) and the checkpoints,
flat after the last one), deviation_pp and status (overspent / severe / lagging / on_track,
thresholds 10 / 20). Binary floats throughout, so a project exactly on a threshold can come
out on the other side of it than the project's exact arithmetic: run.py counts such cases.

    python benchmarks/pandas_baseline.py --data benchmarks/out/small --year 2025 --months 3,6,11 \
        [--runs 3] [--out-dir DIR] [--json FILE]

Prints (and with --json writes) the read time, the median compute time per month and the
process's peak memory; with --out-dir writes status-MM.csv (project_code, status, deviation_pp).
Only the files of SPEC §2 with English headers are read (what benchmarks/generate.py writes).
"""

from __future__ import annotations

import argparse
import calendar
import json
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

MONTH_COLUMNS = [f"m{m:02d}" for m in range(1, 13)]


def load(folder: Path) -> dict[str, pd.DataFrame]:
    """The three CSV files as DataFrames (only the columns the status needs)."""
    plan = pd.read_csv(folder / "plan.csv", dtype={"project_code": str, "project_name": str, "section": str},
                       usecols=["fiscal_year", "project_code", "project_name", "section", "budget_wan",
                                *MONTH_COLUMNS])
    adjustments = pd.read_csv(folder / "adjustments.csv", usecols=["project_code", "effective_date", "amount_wan"],
                              dtype={"project_code": str}, parse_dates=["effective_date"])
    payments = pd.read_csv(folder / "disbursements.csv", usecols=["project_code", "pay_date", "amount_yuan"],
                           dtype={"project_code": str}, parse_dates=["pay_date"])
    checkpoints = (plan.melt(id_vars=["fiscal_year", "project_code"], value_vars=MONTH_COLUMNS,
                             var_name="month", value_name="plan_pct")
                   .dropna(subset=["plan_pct"]))
    checkpoints["month"] = checkpoints["month"].str[1:].astype(int)
    checkpoints = checkpoints.sort_values(["project_code", "month"])
    return {"plan": plan, "checkpoints": checkpoints, "adjustments": adjustments, "payments": payments}


def status_table(frames: dict[str, pd.DataFrame], year: int, month: int,
                 yellow: float = 10.0, red: float = 20.0) -> pd.DataFrame:
    plan = frames["plan"]
    plan = plan[plan["fiscal_year"] == year]
    start = pd.Timestamp(year, 1, 1)
    cutoff = pd.Timestamp(year, month, calendar.monthrange(year, month)[1])

    adj = frames["adjustments"]
    adj = adj[(adj["effective_date"] >= start) & (adj["effective_date"] <= cutoff)]
    adjusted = adj.groupby("project_code")["amount_wan"].sum()
    pay = frames["payments"]
    pay = pay[(pay["pay_date"] >= start) & (pay["pay_date"] <= cutoff)]
    actual = pay.groupby("project_code")["amount_yuan"].sum()

    cp = frames["checkpoints"]
    cp = cp[cp["fiscal_year"] == year]
    before = cp[cp["month"] <= month].groupby("project_code")[["month", "plan_pct"]].last()
    after = cp[cp["month"] > month].groupby("project_code")[["month", "plan_pct"]].first()

    out = plan[["fiscal_year", "section", "project_code", "project_name", "budget_wan"]].set_index("project_code")
    out["budget_yuan"] = (out["budget_wan"] + adjusted.reindex(out.index).fillna(0)) * 10000
    out["actual_yuan"] = actual.reindex(out.index).fillna(0)
    prev_m = before["month"].reindex(out.index).fillna(0)
    prev_p = before["plan_pct"].reindex(out.index).fillna(0)
    next_m = after["month"].reindex(out.index)
    next_p = after["plan_pct"].reindex(out.index)
    out["plan_pct"] = np.where(next_m.isna(), prev_p,
                               prev_p + (next_p - prev_p) * (month - prev_m) / (next_m - prev_m))
    budget = out["budget_yuan"]
    out["actual_pct"] = (out["actual_yuan"] / budget.where(budget != 0)) * 100
    out["deviation_pp"] = out["actual_pct"] - out["plan_pct"]
    out["time_pct"] = month / 12 * 100
    out["status"] = np.select(
        [out["actual_yuan"] > budget, out["deviation_pp"] < -red, out["deviation_pp"] < -yellow],
        ["overspent", "severe", "lagging"], default="on_track")
    out["budget_wan"] = budget / 10000
    out["actual_wan"] = out["actual_yuan"] / 10000
    out["gap_wan"] = out["budget_wan"] * out["plan_pct"] / 100 - out["actual_wan"]
    out["as_of_month"] = month
    out = out.reset_index().sort_values(     # most behind first, as the product lists them
        ["status", "deviation_pp", "gap_wan", "project_code"], ascending=[True, True, False, True],
        key=lambda c: c.ne("overspent") if c.name == "status" else c, na_position="last")
    return out[["fiscal_year", "as_of_month", "section", "project_code", "project_name", "budget_wan",
                              "actual_wan", "actual_pct", "plan_pct", "time_pct", "deviation_pp", "gap_wan",
                              "status"]]


def peak_mb() -> float:
    """This process's own peak RSS (VmHWM; ru_maxrss would include the parent's RSS at fork)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="pandas baseline of the SPEC §1 status table")
    parser.add_argument("--data", type=Path, required=True, help="folder with plan.csv, adjustments.csv, disbursements.csv")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--months", default="3,6,11")
    parser.add_argument("--runs", type=int, default=3, help="compute runs per month (median reported)")
    parser.add_argument("--yellow", type=float, default=10.0)
    parser.add_argument("--red", type=float, default=20.0)
    parser.add_argument("--out-dir", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    months = [int(m) for m in args.months.split(",")]

    started = time.perf_counter()
    frames = load(args.data)
    read_s = time.perf_counter() - started
    result = {"data": str(args.data), "year": args.year, "read_s": read_s,
              "rows": {k: len(v) for k, v in frames.items()}, "months": {}}
    if args.out_dir:
        args.out_dir.mkdir(parents=True, exist_ok=True)
    for month in months:
        times = []
        for _ in range(max(1, args.runs)):
            t0 = time.perf_counter()
            table = status_table(frames, args.year, month, args.yellow, args.red)
            times.append(time.perf_counter() - t0)
        counts = table["status"].value_counts().to_dict()
        result["months"][str(month)] = {"compute_s": statistics.median(times), "compute_runs_s": times,
                                        "projects": len(table), "counts": {k: int(v) for k, v in counts.items()}}
        if args.out_dir:
            table[["project_code", "status", "deviation_pp", "actual_wan", "budget_wan", "plan_pct"]].to_csv(
                args.out_dir / f"status-{month:02d}.csv", index=False)
    result["total_s"] = time.perf_counter() - started
    result["peak_rss_mb"] = peak_mb()
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
