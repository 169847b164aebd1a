"""Hostile input at the sizes issue 19 names: time and memory of every refusal, against a good file
measured in the same run; and the reader's control-character scan against the ESC-only search it
replaced. A benchmark, not a test: it prints its figures and a PASS/FAIL line per bound.

    .venv-test/bin/python benchmarks/hostile.py [--rows 10000] [--scan-mb 1024] [--read-rows 2000000]
                                                [--time-bound 10] [--memory-bound-mb 600] [--hold-bound 1]

(a) scan: encodings.ControlScan over --scan-mb of payment rows fed 16 MB at a time (as the reader does), and
    the old search (b"\\x1b" in chunk) over the same bytes: MB/s of each and the seconds added per 10
    million rows; then ingest.parse of --read-rows rows with the scan and without it (the whole staging:
    the scan runs on the side while DuckDB reads the file).
(b) every file of tests/bad_files/ (payment, plan and adjustment files) and of tests/bad_documents/, and the
    issue's own worst cases made here (a 194 KB workbook with one 66-million-character shared string, a
    text with one line of 30,000 digits, a 100 MB text), each imported by the real command line in its own
    process on a copy of the demo database: wall time, peak RSS (of that process alone) and exit status; then again in this
    process, with the longest time the interpreter was held (what /_stcore/health would wait on a server).
    The baseline: a good payment file of --rows rows, imported the same ways in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bad_files"))
sys.path.insert(0, str(ROOT / "tests"))

import make_corpus  # noqa: E402
from test_bad_files import CASES  # noqa: E402 - each bad file with its verb and options

from spending import ingest, seed  # noqa: E402
from spending.db import opening  # noqa: E402
from spending.files import encodings  # noqa: E402

ROW = "2021-000123,106-0401-YBN-0001,2021-03-15,12345.67,某某有限公司“测试”,设备维护费—说明\n".encode()
PLAIN = "2021-000123,106-0401-YBN-0001,2021-03-15,12345.67,某某有限公司,设备维护费\n".encode()


def scan(megabytes: int) -> list[tuple[str, float, float]]:
    """(rows, MB/s of the old ESC search, MB/s of ControlScan) for payment rows with and without the
    punctuation (“” —) whose lead byte is that of the bidi characters."""
    figures = []
    for what, row in (("rows with “” and —", ROW), ("rows without", PLAIN)):
        chunk = row * (encodings.CHUNK // len(row))
        count = max(1, megabytes * (1 << 20) // len(chunk))
        start = time.perf_counter()
        for _ in range(count):
            _ = b"\x1b" in chunk
        old = time.perf_counter() - start
        control = encodings.ControlScan()
        start = time.perf_counter()
        for _ in range(count):
            control.feed(chunk)
        new = time.perf_counter() - start
        assert control.lines == [], control.lines[:5]
        size = count * len(chunk) / 1e6
        figures.append((what, size / old, size / new))
    return figures


def parse_time(folder: Path, rows: int) -> tuple[float, float]:
    """Seconds ingest.parse takes (the file read, hashed and scanned, DuckDB's read and the staging
    checks) on a UTF-8 payment CSV of rows rows: with ControlScan's test short-cut to False (the cost before
    the scan) and with the scan, in the same run, the better of two runs each."""
    path = folder / f"read-{rows}.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(make_corpus.D_ZH) + "\n")
        f.writelines(f"V{i:09d},106-0401-YBN-QS1Q,2021-03-15,12345.67,某某有限公司“测试”,设备维护费—说明\n"
                     for i in range(rows))
    con = opening.connect(folder / "parse.duckdb", create=True)
    times: dict[str, float] = {}
    holds = encodings.ControlScan.holds_control
    for label, test in (("without", staticmethod(lambda text: False)), ("with", staticmethod(holds))) * 2:
        encodings.ControlScan.holds_control = test
        try:
            start = time.perf_counter()
            parsed = ingest.parse(con, "disbursements", ingest.read_file(path))
            seconds = time.perf_counter() - start
            assert parsed.problem_count == 0, parsed.problems[:3]
            parsed.close()
        finally:
            encodings.ControlScan.holds_control = staticmethod(holds)
        times[label] = min(seconds, times.get(label, seconds))
    con.close()
    path.unlink()
    return times["without"], times["with"]


# A small process starts each command and reports its child's peak: a child forked from this process
# would count this process's memory at the fork in its own peak.
MEASURE = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL,"
           " stderr=subprocess.DEVNULL); print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run(database: Path, *args: str) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and the exit status of one CLI call in its own process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-S", "-c", MEASURE, sys.executable, "-m", "spending", "--db", str(database),
                           *args], cwd=ROOT, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    code, peak_kb = map(int, done.stdout.split())
    return seconds, peak_kb / 1024, code


def longest_hold(database: Path, *args: str) -> float:
    """The longest time, in seconds, the interpreter was held while the command ran in this process: how
    long the server's event loop (/_stcore/health) would not answer if a page did the same. A thread that
    sleeps 10 ms at a time measures the gaps."""
    from contextlib import redirect_stderr, redirect_stdout

    from spending.__main__ import main as cli_main

    gaps, done = [0.0], threading.Event()

    def tick():
        last = time.perf_counter()
        while not done.is_set():
            time.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last - 0.01)
            last = now

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        with open(os.devnull, "w") as null, redirect_stdout(null), redirect_stderr(null):
            cli_main(["--db", str(database), *args])
    except SystemExit:
        pass
    finally:
        done.set()
        ticker.join()
    return max(gaps)


def good_file(folder: Path, rows: int) -> Path:
    path = folder / f"good-{rows}.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(make_corpus.D_ZH) + "\n")
        for i in range(rows):
            f.write(f"G-{i:07d},106-0401-YBN-QS1Q,2021-03-15,1.00,某公司,网费\n")
    return path


def worst_cases(folder: Path) -> list[tuple[str, Path, str]]:
    xlsx = folder / "shared_string_66M.xlsx"
    xlsx.write_bytes(make_corpus.shared_strings_xlsx([make_corpus.D_ZH, make_corpus.d("V-1", summary="长" * 66_000_000)]))
    digits = folder / "digits_30000.txt"
    digits.write_text("部门预算绩效文本\n资金安排情况\n" + "1" * 30_000 + "\n", encoding="utf-8")
    big = folder / "text_100MB.txt"
    with open(big, "w", encoding="utf-8") as f:
        line = "说明文字，不是表格。" * 20 + "\n"
        for _ in range(100_000_000 // len(line.encode())):
            f.write(line)
    return [("import-disbursements", xlsx, "66-million-character shared string"),
            ("import-document", digits, "one line of 30,000 digits"),
            ("import-document", big, "100 MB text")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--scan-mb", type=int, default=1024)
    parser.add_argument("--read-rows", type=int, default=2_000_000)
    parser.add_argument("--time-bound", type=float, default=10.0, help="seconds a refusal may take")
    parser.add_argument("--memory-bound-mb", type=float, default=600.0, help="peak RSS a refusal may use")
    parser.add_argument("--hold-bound", type=float, default=1.0, help="seconds a refusal may hold the interpreter")
    args = parser.parse_args()

    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demo = folder / "demo.duckdb"
        seed.initialise(demo, demo=True)
        corpus = ROOT / "tests" / "bad_files"
        cases = [((case.verb, *case.args), corpus / case.file, case.file) for case in CASES]
        cases += [(("import-document",), f, f.name) for f in sorted((ROOT / "tests" / "bad_documents").glob("*.txt"))]
        cases += [((verb,), path, what) for verb, path, what in worst_cases(folder)]
        copy = folder / "copy.duckdb"
        shutil.copy(demo, copy)
        good = good_file(folder, args.rows)
        base_s, base_mb, base_exit = run(copy, "import-disbursements", str(good))
        shutil.copy(demo, copy)
        base_hold = longest_hold(copy, "import-disbursements", str(good))
        print(f"(b) baseline: a good payment file of {args.rows:,} rows ({good.stat().st_size / 1e6:.1f} MB):"
              f" {base_s:.2f} s, {base_mb:,.0f} MB peak, exit {base_exit}, interpreter held {base_hold:.3f} s at most")
        print(f"    {'file':58} {'MB':>7} {'s':>6} {'peak MB':>8} exit {'held s':>7}")
        worst_s = worst_mb = worst_hold = 0.0
        for verb, path, what in cases:
            shutil.copy(demo, copy)
            seconds, peak, code = run(copy, *verb, str(path))
            shutil.copy(demo, copy)
            hold = longest_hold(copy, *verb, str(path))
            worst_s, worst_mb, worst_hold = max(worst_s, seconds), max(worst_mb, peak), max(worst_hold, hold)
            bad = code != 1 or seconds > args.time_bound or peak > args.memory_bound_mb or hold > args.hold_bound
            failed += bad
            print(f"    {what[:58]:58} {path.stat().st_size / 1e6:7.2f} {seconds:6.2f} {peak:8,.0f} {code:>4}"
                  f" {hold:7.3f}{'  FAIL' if bad else ''}")
    for what, old, new in scan(args.scan_mb):
        per_10m = len(ROW) * 10_000_000 / 1e6 * (1 / new - 1 / old)
        print(f"(a) scan of {args.scan_mb:,} MB of {what}: ESC only {old:,.0f} MB/s, every control and bidi"
              f" character {new:,.0f} MB/s; {per_10m:.2f} s more per 10 million rows")
    with tempfile.TemporaryDirectory() as tmp:
        without, with_scan = parse_time(Path(tmp), args.read_rows)
    print(f"    ingest.parse of {args.read_rows:,} rows: {without:.2f} s without the scan, {with_scan:.2f} s with it"
          f" ({(with_scan / without - 1) * 100:+.1f} %)")
    print(f"{'PASS' if failed == 0 else 'FAIL'}: {len(cases)} hostile files refused (exit 1), the slowest {worst_s:.2f} s"
          f" (bound {args.time_bound:g} s; good file {base_s:.2f} s), the largest peak {worst_mb:,.0f} MB"
          f" (bound {args.memory_bound_mb:,.0f} MB; good file {base_mb:,.0f} MB), the interpreter held {worst_hold:.3f} s"
          f" at most (bound {args.hold_bound:g} s; good file {base_hold:.3f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
