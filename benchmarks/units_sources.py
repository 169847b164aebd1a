"""`units` and `sources` at scale (issue 34): a database of UNITS budget units, PROJECTS projects, QUOTAS adjustment
(指标) lines and PAYMENTS payment lines with sources (a tenth of them 直达资金), made directly in SQL; then each rollup
timed in this process (the connection open, the query warm), and as the CLI runs it: `python -m spending units` /
`sources` in a process of their own, beyond a bare start (`python -m spending --help`: the interpreter and the
imports) measured in the same run, interleaved (median of --cli-runs each); and pandas doing the same rollup in the
same run (the tables read into DataFrames, then grouped) as the baseline.

    .venv/bin/python benchmarks/units_sources.py [--projects 100000 --units 3000 --quotas 300000 --payments 10000000]
        [--db /tmp/units.duckdb]

The issue's scale is the default; a busy shared machine takes minutes to build it, so smaller figures are welcome.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spending import db, pace  # noqa: E402
from spending.db import opening, pace_cache  # noqa: E402

YEAR, MONTH = 2021, 11
SOURCES = ["本级安排资金", "上级转移支付", "中央直达资金", "省级专项资金"]


def build(path: Path, projects: int, units: int, quotas: int, payments: int) -> None:
    con = opening.connect(path, create=True)
    with db.transaction(con):
        con.execute("insert into import_batches (kind, file_name, sha256, rows_in_file, rows_loaded, rows_skipped)"
                    " values ('plan', 'bench', repeat('0', 64), 0, 0, 0)")
        con.execute("insert into fiscal_years values ($y)", {"y": YEAR})
        con.execute("insert into sections (fiscal_year, section, seq, batch_id)"
                    " select $y, '科' || i, i, 1 from range(200) t(i)", {"y": YEAR})
        con.execute("""insert into projects (fiscal_year, project_code, project_name, section, budget_yuan, batch_id,
                                             unit_code, unit_name, source, direct)
            select $y, 'P' || lpad(i::varchar, 7, '0'), '项目' || i, '科' || (i % 200),
                   (10000 + (i * 7919) % 990000)::decimal(18, 2), 1,
                   (100000 + i % $u)::varchar, '单位' || (i % $u),
                   case when i % 10 = 0 then '中央直达资金' end, case when i % 10 = 0 then true end
            from range($n) t(i)""", {"y": YEAR, "n": projects, "u": units})
        con.execute("""insert into plan_checkpoints (fiscal_year, project_code, month, plan_pct, batch_id)
            select $y, project_code, m, pct, 1
            from projects, (values (6, 40.00), (12, 100.00)) c(m, pct)""", {"y": YEAR})
        con.execute("""insert into adjustments (fiscal_year, doc_no, project_code, effective_date, amount_yuan, batch_id)
            select $y, 'Q' || i, 'P' || lpad(((i * 31) % $n)::varchar, 7, '0'), make_date($y, 1 + i % 11, 15),
                   (1000 + i % 5000)::decimal(18, 2), 1
            from range($q) t(i)""", {"y": YEAR, "n": projects, "q": quotas})
        con.execute("""insert into disbursements (fiscal_year, voucher_no, project_code, pay_date, amount_yuan, batch_id,
                                                  line_no, source, direct)
            select $y, 'V' || i, 'P' || lpad(((i * 7) % $n)::varchar, 7, '0'), make_date($y, 1 + i % 12, 1 + i % 28),
                   (1 + i % 300)::decimal(18, 2), 1, '',
                   case when i % 5 = 0 then $sources[1 + i % 4] end, case when i % 5 = 0 then i % 4 = 2 end
            from range($p) t(i)""", {"y": YEAR, "n": projects, "p": payments, "sources": SOURCES})
        con.execute("""insert into monthly_actuals select fiscal_year, project_code, month(pay_date), sum(amount_yuan)
            from disbursements group by all""")
        pace_cache.refresh_pace(con)
    con.close()


def timed(fn, runs: int = 5) -> tuple[float, list]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def ours(path: Path) -> dict:
    start = time.perf_counter()
    con = opening.connect(path, read_only=True)
    opened = time.perf_counter() - start
    units, unit_rows = timed(lambda: pace.unit_status(con, YEAR, MONTH))
    sources, source_rows = timed(lambda: pace.source_status(con, YEAR, MONTH))
    con.close()
    return {"open_s": opened, "units_s": units, "sources_s": sources, "units": len(unit_rows),
            "sources": source_rows}


def cli(path: Path, runs: int) -> dict:
    """Median wall time of each command in a process of its own, the bare start first in every round."""
    commands = {"start": ["--help"],
                "units": ["--db", str(path), "units", "--as-of", f"{YEAR}-{MONTH:02d}", "--format", "csv"],
                "sources": ["--db", str(path), "sources", "--as-of", f"{YEAR}-{MONTH:02d}", "--format", "csv"]}
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(runs):
        for name, args in commands.items():
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "spending", *args], cwd=ROOT, capture_output=True, text=True)
            times[name].append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(f"{name} failed: {done.stderr[-2000:]}")
    median = {k: statistics.median(v) for k, v in times.items()}
    return {**{f"{k}_s": v for k, v in median.items()},
            "units_beyond_start_s": median["units"] - median["start"],
            "sources_beyond_start_s": median["sources"] - median["start"]}


def with_pandas(path: Path) -> dict:
    import duckdb
    import pandas as pd

    start = time.perf_counter()
    con = duckdb.connect(str(path), read_only=True)
    projects = con.execute("select project_code, unit_code, budget_yuan::double as budget, "
                           "coalesce(source, '本级安排资金') as default_source, coalesce(direct, false) as default_direct "
                           "from projects").df()
    adjustments = con.execute("select project_code, effective_date, amount_yuan::double as amount from adjustments").df()
    payments = con.execute("select project_code, pay_date, amount_yuan::double as amount, source, direct "
                           "from disbursements").df()
    con.close()
    loaded = time.perf_counter() - start

    def rollup():
        cut = pd.Timestamp(YEAR, MONTH, 1) + pd.offsets.MonthEnd(0)
        paid = payments[payments["pay_date"] <= cut].merge(projects, on="project_code")
        paid["source"] = paid["source"].fillna(paid["default_source"])
        paid["direct"] = paid["direct"].fillna(paid["default_direct"]).astype(bool)
        adjusted = adjustments[adjustments["effective_date"] <= cut].merge(projects, on="project_code")
        budget = pd.concat([projects.rename(columns={"budget": "amount"})[["default_source", "default_direct", "amount"]],
                            adjusted[["default_source", "default_direct", "amount"]]])
        budget = budget.groupby(["default_source", "default_direct"])["amount"].sum()
        actual = paid.groupby(["source", "direct"])["amount"].sum()
        by_unit = paid.groupby("unit_code")["amount"].sum()
        return budget, actual, by_unit

    took, _ = timed(rollup, runs=3)
    return {"load_s": loaded, "rollup_s": took}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=3_000)
    parser.add_argument("--quotas", type=int, default=300_000)
    parser.add_argument("--payments", type=int, default=10_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/units-sources.duckdb"))
    parser.add_argument("--cli-runs", type=int, default=7, help="runs of each command (median)")
    args = parser.parse_args(argv)
    if not args.db.exists():
        start = time.perf_counter()
        build(args.db, args.projects, args.units, args.quotas, args.payments)
        print(f"built {args.db} in {time.perf_counter() - start:.1f} s")
    ours_ = ours(args.db)
    print(f"ours: open {ours_['open_s'] * 1000:.0f} ms; units {ours_['units_s'] * 1000:.0f} ms ({ours_['units']} units); "
          f"sources {ours_['sources_s'] * 1000:.0f} ms")
    for row in ours_["sources"]:
        print(f"   {row['source']} {row['direct']} budget {row['budget_wan']} actual {row['actual_wan']}")
    by_cli = cli(args.db, args.cli_runs)
    print(f"cli (median of {args.cli_runs}): bare start {by_cli['start_s'] * 1000:.0f} ms; units {by_cli['units_s'] * 1000:.0f} ms"
          f" = {by_cli['units_beyond_start_s'] * 1000:.0f} ms beyond start; sources {by_cli['sources_s'] * 1000:.0f} ms"
          f" = {by_cli['sources_beyond_start_s'] * 1000:.0f} ms beyond start")
    baseline = with_pandas(args.db)
    print(f"pandas: load {baseline['load_s']:.2f} s; the rollup {baseline['rollup_s'] * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
