"""A full disk during an import (issue 32), for real: the database on a 10 MB tmpfs mounted for the test (the
tests run as root, as CI does; the mount is removed even when a test fails), a payments file that cannot fit.
The import is refused with 磁盘空间不足 (中文 | English, never DuckDB's English), the database file is byte for
byte what it was (the blocks the failed write added at its end given back: before, a 6.3 MB database grew to
fill the disk and stayed so), status reads it, a later write on the still-full disk says 磁盘空间不足 again, and
works once space is freed. The same on the 数据 page (AppTest, the page's own connection)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from conftest import cli, fresh_db, open_page, stored
from runtime import RUNTIME_PYTHON
from spending import db, ui
from spending.db import disk_space

DISK_MB = 10


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def payments(path: Path, n: int, prefix: str) -> Path:
    """n payments of 0.01 元 to a project of the demo year, with payees and summaries long enough that 200,000
    of them do not fit in what the small disk has left."""
    with path.open("w", encoding="utf-8") as f:
        f.write("凭证号,项目编码,支付日期,金额(元),收款单位,摘要\n")
        for i in range(n):
            f.write(f"{prefix}-{i:08d},106-0401-YBN-A8GD,2021-{i % 12 + 1:02d}-{i % 28 + 1:02d},0.01,"
                    f"某某通信有限公司承德分公司{i},网络租赁费第{i}笔{'说明' * (i % 20)}\n")
    return path


@pytest.fixture
def small_disk(tmp_path):
    """A DISK_MB tmpfs at tmp_path/disk, unmounted at the end whatever happened."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    assert mounted.returncode == 0, f"this test mounts a small file system (as root): {mounted.stderr}"
    try:
        yield disk
    finally:
        if subprocess.run(["umount", str(disk)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def free(path: Path) -> int:
    return shutil.disk_usage(path).free


def status(database: Path) -> str:
    out = cli("status", "--as-of", "2021-11", "--format", "csv", db_path=database)
    assert out.returncode == 0, out.stderr
    return out.stdout


def said_disk_full(out: subprocess.CompletedProcess) -> None:
    err = out.stderr.strip().splitlines()
    assert out.returncode == 1, (out.stdout[-500:], out.stderr)
    assert err and err[-1].startswith("磁盘空间不足") and " | not enough disk space" in err[-1], out.stderr
    assert "Error" not in out.stderr and "数据库错误" not in out.stderr and "Traceback" not in out.stderr, out.stderr


def test_an_import_that_cannot_fit_is_refused_and_the_database_is_as_it_was(small_disk, tmp_path):
    database = small_disk / "spending.duckdb"
    shutil.copyfile(fresh_db(tmp_path / "demo.duckdb", demo=True), database)
    before, size, room, shown = sha(database), database.stat().st_size, free(small_disk), status(database)
    big = payments(tmp_path / "big.csv", 200_000, "FULL")

    said_disk_full(cli("import-disbursements", str(big), db_path=database))
    assert sha(database) == before and database.stat().st_size == size
    assert not Path(f"{database}.wal").exists() or Path(f"{database}.wal").stat().st_size == 0
    assert free(small_disk) == room                         # the failed write's blocks given back
    assert status(database) == shown

    # a later write on a disk that is full (of something else): the same words, nothing changed
    filler = fill(small_disk)
    small = payments(tmp_path / "small.csv", 100, "LATER")
    said_disk_full(cli("import-disbursements", str(small), db_path=database))
    assert sha(database) == before
    assert status(database) == shown

    # space freed: writes work again
    filler.unlink()
    out = cli("import-disbursements", str(small), db_path=database)
    assert out.returncode == 0, out.stderr
    assert "导入 100 行" in out.stdout
    assert stored(database, "select count(*) from disbursements where voucher_no like 'LATER-%'") == [(100,)]


def fill(disk: Path) -> Path:
    """Fill the disk with a file of zeros (removed to free the space again)."""
    filler = disk / "filler"
    with filler.open("wb") as f:
        try:
            while True:
                f.write(b"\0" * (1 << 16))
                f.flush()
        except OSError:
            pass
    return filler


def test_the_data_page_says_the_disk_is_full(small_disk, tmp_path, monkeypatch):
    """The 数据 page's dry run of a file that cannot fit, then the import of one that could until the disk
    filled up: 磁盘空间不足 in our words each time (before: 页面出错), the database as it was."""
    database = small_disk / "spending.duckdb"
    shutil.copyfile(fresh_db(tmp_path / "demo.duckdb", demo=True), database)
    before = sha(database)
    monkeypatch.setattr(ui.access, "_client_context", lambda: None)
    at = open_page(database, monkeypatch)
    try:
        at.radio[0].set_value("disbursements")
        at.file_uploader[0].upload("big.csv", payments(tmp_path / "big.csv", 200_000, "PAGE").read_bytes())
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        errors = " ".join(e.value for e in at.error)
        assert "磁盘空间不足" in errors and "页面出错" not in errors and "IO Error" not in errors, errors
        assert not [b for b in at.button if b.label == "导入"]
        assert sha(database) == before

        at.file_uploader[0].upload("small.csv", payments(tmp_path / "small.csv", 100, "PAGE").read_bytes())
        at.run()
        assert [b for b in at.button if b.label == "导入"], [e.value for e in at.error]
        filler = fill(small_disk)
        next(b for b in at.button if b.label == "导入").click()
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        errors = " ".join(e.value for e in at.error)
        assert "磁盘空间不足" in errors and "页面出错" not in errors and "Error" not in errors, errors
        assert sha(database) == before
        filler.unlink()
    finally:
        ui.clear_caches()
        ui.data._shared(str(database)).close()


def test_the_space_is_given_back_only_when_nothing_else_holds_the_file(tmp_path):
    """disk_space.give_back_space cuts a file back to the blocks its header counts: not while this process has it
    open (closing another descriptor would drop DuckDB's lock), nor another (it holds DuckDB's lock), nor
    while its WAL holds anything."""
    path = fresh_db(tmp_path / "tail.duckdb")
    before, size = sha(path), path.stat().st_size
    os.truncate(path, size + 5 * 262_144)                  # what a failed write leaves: blocks nobody refers to
    con = duckdb.connect(str(path))
    assert disk_space.give_back_space(path) == 0 and path.stat().st_size == size + 5 * 262_144
    con.close()
    holder = subprocess.Popen([str(RUNTIME_PYTHON), "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1], "
                               "read_only=True); print('open', flush=True); sys.stdin.read()", str(path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        assert disk_space.give_back_space(path) == 0                 # another process has it: its lock is kept
    finally:
        holder.communicate("", timeout=30)
    wal = Path(f"{path}.wal")
    wal.write_bytes(b"x")
    assert disk_space.give_back_space(path) == 0
    wal.unlink()
    assert disk_space.give_back_space(path) == 5 * 262_144
    assert sha(path) == before and disk_space.give_back_space(path) == 0


@pytest.mark.parametrize("error, ours", [
    (duckdb.IOException('IO Error: Could not write file "x.duckdb": No space left on device'), True),
    (duckdb.TransactionException('TransactionContext Error: Failed to commit: Could not write file '
                                 '"x.duckdb.wal": No space left on device'), True),
    (duckdb.IOException('IO Error: Could not write file "x.duckdb": File too large'), True),
    (duckdb.IOException("IO Error: Could not read enough bytes"), False),
    (duckdb.ConstraintException("Constraint Error: Duplicate key"), False),
])
def test_a_transaction_says_a_full_disk_in_our_words(tmp_path, error, ours):
    con = duckdb.connect(str(tmp_path / "t.duckdb"))
    with pytest.raises(disk_space.DiskFull if ours else type(error)) as raised:
        with db.transaction(con):
            raise error
    if ours:
        assert str(raised.value).startswith("磁盘空间不足") and "not enough disk space" in str(raised.value)
    con.close()
