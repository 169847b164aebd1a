"""What the dashboard's connection model (sharing.Shared: a read-only connection closed when idle,
read-write only while writing) costs: opening the database read-only, and every page query
on a connection just opened (cold DuckDB buffers) against one kept open (warm).

    python benchmarks/connection_cost.py DATABASE [--runs 7] [--month 11]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.run import ON_CLICK, page_queries, pick_section_and_code, run_query
from spending.db import opening


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--month", type=int, default=11)
    args = parser.parse_args()
    path = Path(args.database)

    opens = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        con = opening.connect(path, read_only=True)
        opens.append(time.perf_counter() - t0)
        con.close()
    print(f"open read-only (connect + schema/macros check): median {statistics.median(opens) * 1000:.1f} ms, "
          f"max {max(opens) * 1000:.1f} ms")

    con = opening.connect(path, read_only=True)
    year = con.execute("select max(fiscal_year) from projects").fetchone()[0]
    projects = con.execute("select count(*) from projects where fiscal_year = $y", {"y": year}).fetchone()[0]
    section, code = pick_section_and_code(con, year)
    con.close()
    print(f"{projects:,} projects in {year}")
    worst_cold = worst_warm = 0.0
    for label, name, params, monthly in page_queries(year, section, code):
        if label.startswith(ON_CLICK):
            continue
        params = {**params, "month": args.month} if monthly else params
        cold = []
        for _ in range(args.runs):
            con = opening.connect(path, read_only=True)
            t0 = time.perf_counter()
            run_query(con, name, params)
            cold.append(time.perf_counter() - t0)
            con.close()
        con = opening.connect(path, read_only=True)
        run_query(con, name, params)
        warm = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            run_query(con, name, params)
            warm.append(time.perf_counter() - t0)
        con.close()
        c, w = statistics.median(cold) * 1000, statistics.median(warm) * 1000
        worst_cold, worst_warm = max(worst_cold, c), max(worst_warm, w)
        print(f"  {label:48s} first on a new connection {c:7.1f} ms   warm {w:7.1f} ms")
    print(f"slowest page query: first on a new connection {worst_cold:.1f} ms, warm {worst_warm:.1f} ms "
          "(target 100 ms)")


if __name__ == "__main__":
    main()
