"""Nothing is ever half-imported: readers during a 200,000-row import, and an importer killed
with SIGKILL in the middle of one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal


from conftest import ROOT, fresh_db
from spending import db, ingest, pace
from spending.db import opening

ROWS = 200_000
CODES = ["106-0401-YBN-QS1Q", "106-0401-YBN-DAES", "106-0401-YBN-A8GD", "106-0601-YBN-RQRQ",
         "106-0201-YBN-V7G1", "106-0501-YBN-476T"]


def big_payments(path, prefix: str, rows: int = ROWS) -> Decimal:
    """A valid payment file; returns its total in yuan."""
    total = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write("voucher_no,project_code,pay_date,amount_yuan,payee,summary\n")
        for i in range(rows):
            cents = 50 + (i * 7919) % 100_000
            total += cents
            out.write(f"{prefix}-{i:07d},{CODES[i % len(CODES)]},2021-{1 + i % 12:02d}-{1 + i % 28:02d},"
                      f"{cents // 100}.{cents % 100:02d},某某公司{i % 97},压力测试\n")
    return Decimal(total) / 100


def paid_total(cur) -> Decimal:
    """What a page shows: the bureau's actual at December, and the same from the raw rows."""
    curve = db.rows(cur, "bureau_curve", year=2021, yellow="10", red="20", scope=None)
    return curve[-1]["actual_wan"]


def test_eight_readers_see_before_or_after_never_half(tmp_path):
    path = tmp_path / "busy.duckdb"
    fresh_db(path, demo=True)
    total = big_payments(tmp_path / "big.csv", "BUSY")
    con = opening.connect(path)           # one connection per process, a cursor per query: as the dashboard
    before = paid_total(con.cursor())
    after = (before * 10000 + total) / 10000
    seen: list[Decimal] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def reader():
        try:
            while True:
                finished = done.is_set()
                cur = con.cursor()
                seen.append(paid_total(cur))
                pace.project_status(cur, 2021, 11)
                cur.close()
                if finished:
                    return
        except BaseException as error:   # noqa: BLE001 - reported below
            errors.append(error)

    readers = [threading.Thread(target=reader) for _ in range(8)]
    for t in readers:
        t.start()
    result = ingest.import_file(con, "disbursements", tmp_path / "big.csv")
    done.set()
    for t in readers:
        t.join(timeout=120)
    assert not errors, errors
    assert result.loaded == ROWS
    values = set(seen)
    assert values <= {before, after.quantize(Decimal("0.01"))}, values - {before, after}
    assert len(seen) > 8 and after.quantize(Decimal("0.01")) in values
    print(f"readers: {len(seen)} reads, {sum(v == before for v in seen)} before, "
          f"{sum(v != before for v in seen)} after, import {result.loaded} rows")


def cpu_seconds(pid: int) -> float:
    """The CPU time (user and system, every thread) a running process has used: /proc/<pid>/stat."""
    fields = open(f"/proc/{pid}/stat", encoding="ascii").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")     # utime, stime (fields 14, 15)


def test_sigkill_during_import_leaves_no_partial_batch(tmp_path):
    path = tmp_path / "killed.duckdb"
    fresh_db(path)
    source = tmp_path / "kill.csv"
    big_payments(source, "KILL", rows=100_000)
    env = {k: v for k, v in os.environ.items() if k != "SPENDING_DB"}
    env["SPENDING_TRACE"] = "1"        # the importer says when its transaction begins and commits
    command = [sys.executable, "-m", "spending", "--db", str(path), "import-disbursements", str(source)]

    def reached(proc, event: bytes) -> float:
        """Wait for the importer's 'transaction <event>' line; the CPU time it has used by then."""
        for line in proc.stderr:
            if b"transaction " + event in line:
                return cpu_seconds(proc.pid)        # (a process that has ended is not reaped until waited for)
        raise AssertionError(f"the import never said: transaction {event.decode()}")

    def began(proc) -> float:
        return reached(proc, b"began")

    # Where to kill is sampled in the importer's own CPU time, not the clock's: the work inside its transaction
    # takes the same CPU time on an idle machine and on one shared by other tests, where a clock-timed sleep
    # (measured on a probe run under other load) landed after the commit.
    probe = tmp_path / "probe.duckdb"      # how much CPU time the transaction takes (on a copy)
    fresh_db(probe)
    proc = subprocess.Popen(command[:4] + [str(probe)] + command[5:], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    start = began(proc)
    writing = reached(proc, b"committing") - start
    rest = proc.stderr.read()
    assert proc.wait() == 0 and b"transaction committed" in rest
    assert writing > 0.05, writing         # enough work inside the transaction to land a kill in

    rng = random.Random(7)
    outcomes = []
    inside = 0
    for _attempt in range(20):
        if inside == 10:
            break
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        target = began(proc) + rng.uniform(0, writing * 0.8)     # somewhere inside the transaction
        while proc.poll() is None and cpu_seconds(proc.pid) < target:
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        said = proc.stderr.read()
        # where the kill landed: after 'began' and before 'committing' is inside the transaction
        landed = ("after commit" if b"transaction committed" in said
                  else "in commit" if b"transaction committing" in said else "inside")
        con = opening.connect(path)          # opens every time
        batches = con.execute("select batch_id, rows_loaded from import_batches where kind = 'disbursements'"
                              " and undone_at is null").fetchall()
        for batch_id, rows in batches:
            assert con.execute("select count(*) from disbursements where batch_id = $b",
                               {"b": batch_id}).fetchone()[0] == rows
        stored = con.execute("select count(*) from disbursements").fetchone()[0]
        assert stored in (0, 100_000)
        if landed == "inside":          # killed inside the transaction: nothing of it is stored
            inside += 1
            assert stored == 0 and not batches
        if landed == "after commit":
            assert stored == 100_000
        rollup = con.execute("select coalesce(sum(amount_yuan), 0) from monthly_actuals").fetchone()[0]
        detail = con.execute("select coalesce(sum(amount_yuan), 0) from disbursements").fetchone()[0]
        assert rollup == detail
        outcomes.append(f"{landed}:{'committed' if stored else 'nothing'}")
        if stored:                       # start the next attempt from an empty ledger again
            ingest.undo_batch(con, batches[0][0])
        con.close()
    print(f"SIGKILL outcomes (transaction {writing:.2f} s of CPU time):", outcomes)
    assert inside == 10, outcomes        # ten kills landed inside the transaction
