"""Opening the database: where it is (db_path), waiting while another process holds its lock (and saying so in
<database>.write-wanted), and connect, which names a file that is no database and brings the schema up to date."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import duckdb

from spending import ROOT, SpendingError, processes
from spending.db.damage import damaged, is_damage, is_lock, sniff
from spending.db.disk_space import DiskFull, disk_full
from spending.db.schema import SCHEMA_VERSION, macros_sha, migrate, schema_version, stored_macros

DEFAULT_DB = ROOT / "data" / "spending.duckdb"


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db, else $SPENDING_DB, else data/spending.duckdb in the project folder."""
    chosen = explicit or os.environ.get("SPENDING_DB") or DEFAULT_DB
    return Path(chosen)


# DuckDB's memory for one process; beyond it, large imports spill to <database>.tmp/ on disk.
# Its default (80 % of RAM) let a 10-million-row import take 7 GB. 2.5 GB holds a 10-million-row
# import's staged rows and the sort of its write without spilling (2.7 GB peak for the whole
# process, 3 GB allowed; at 2 GB the write spilled and took 3 s more). SPENDING_MEMORY_LIMIT overrides.
MEMORY_LIMIT = "2.5GB"
WAIT_SECONDS = 120        # how long a write waits for another writer by default (--wait)


def config() -> dict:
    # The same for every connection of a process (DuckDB refuses two configurations of one file);
    # never download an extension (a SQLite or other file must not make DuckDB fetch a reader); a name
    # no table has is an error, never a Python variable of that name (DuckDB's replacement scans: a frame
    # is read only where it is registered).
    return {"memory_limit": os.environ.get("SPENDING_MEMORY_LIMIT", MEMORY_LIMIT),
            "autoinstall_known_extensions": False, "python_enable_replacements": False}


def _lock_message(error: Exception, path: Path, waited: float = 0, read_only: bool = False) -> str:
    text = str(error)
    pid = re.search(r"PID (\d+)", text)
    holder = ""
    if pid:
        try:
            cmd = Path(f"/proc/{pid.group(1)}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            cmd = ""
        holder = f"PID {pid.group(1)}" + (f": {cmd[:80]}" if cmd else "")
    who = f"（{holder}）" if holder else ""
    who_en = f" ({holder})" if holder else ""
    if read_only:          # a read verb never waits (SPEC 3.1): say so in one line
        return (f"数据库 {path} 正在被另一个进程{who}写入，查询不等待：请在其完成后再试；"
                f"database {path} is being written by another process{who_en}: reads do not wait, "
                "try again when it is done")
    after = f"，已等待 {waited:g} 秒" if waited else ""
    after_en = f" (waited {waited:g} s)" if waited else ""
    return (
        f"数据库 {path} 正被另一个进程{who}占用{after}，请稍后再试或用 --wait 等待更久；"
        f"database {path} is locked by another process{who_en}{after_en}: "
        "try again later or wait longer with --wait"
    )


def _open_error(error: Exception, path: Path, waited: float, read_only: bool = False) -> SpendingError:
    text = str(error)
    if is_lock(error):
        return SpendingError(_lock_message(error, path, waited, read_only))
    if disk_full(error):               # opening replays and checkpoints a WAL: that needs space too
        return DiskFull(path)
    if "read-only" in text.lower() or "permission denied" in text.lower():
        return SpendingError(f"无法写入数据库 {path}（只读）；database {path} cannot be written (read-only): "
                             f"{text.splitlines()[0]}")
    if is_damage(error) or isinstance(error, (duckdb.InternalException, duckdb.SerializationException)):
        return damaged(path)
    return SpendingError(f"无法打开数据库 {path}；cannot open database {path}: {text.splitlines()[0]}")


def intent_file(path: Path) -> Path:
    """<database>.write-wanted: a writer waiting for the file says so here, and a dashboard that
    holds the file read-only lets go of it at once (instead of after its idle time)."""
    return path.with_name(path.name + ".write-wanted")


def write_wanted(path: Path) -> bool:
    """Is a writer of another, living process waiting for this database?"""
    try:
        pid = int(intent_file(path).read_text().strip() or 0)
    except (OSError, ValueError):
        return False
    return pid != os.getpid() and processes.alive(pid)      # a writer that died: its note is stale


def _open(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, retrying while another process holds the file (up to wait seconds). A
    writer that has to wait says so in <database>.write-wanted while it waits."""
    began = time.monotonic()
    pause = 0.05
    intent = None
    try:
        while True:
            try:
                return duckdb.connect(str(path), read_only=read_only, config=config())
            except duckdb.Error as error:
                waited = time.monotonic() - began
                if is_lock(error) and waited + pause <= wait:
                    if not read_only and intent is None:
                        intent = intent_file(path)
                        try:
                            intent.write_text(str(os.getpid()))
                        except OSError:
                            intent = None
                    time.sleep(pause)
                    pause = min(pause * 2, 0.5)
                    continue
                raise _open_error(error, path, round(waited), read_only and wait == 0) from None
    finally:
        if intent is not None:
            try:
                if intent.read_text().strip() == str(os.getpid()):
                    intent.unlink()
            except OSError:
                pass


def writable(path: Path) -> bool:
    """Can this process write the database file and its folder (its WAL lives next to it)?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def connect(path: str | os.PathLike | None = None, *, create: bool = False, read_only: bool = False,
            wait: float = 0) -> duckdb.DuckDBPyConnection:
    """Open the database; migrate it to the current schema version.

    read_only=True never writes (a schema upgrade, if one is due, happens first on a write
    connection of its own); it also reads a database on read-only media. wait: seconds to wait
    for another process that holds the file. Without create=True a missing or uninitialised
    database is an error the user can act on; a file that is not a DuckDB database is named.
    """
    path = db_path(path)
    if not create and not path.exists():
        raise SpendingError(
            f"数据库 {path} 不存在，请先运行 python -m spending init；"
            f"database {path} does not exist: run `python -m spending init` first"
        )
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        sniff(path)
    con = _open(path, read_only, wait)
    try:
        version = schema_version(con)
        stale = version != SCHEMA_VERSION or stored_macros(con) != macros_sha()
    except duckdb.Error as error:
        con.close()
        raise _open_error(error, path, 0) from None
    if version == 0 and not create:
        con.close()
        raise SpendingError(
            f"数据库 {path} 尚未初始化，请先运行 python -m spending init；"
            f"database {path} is not initialised: run `python -m spending init` first"
        )
    if not stale:
        return con
    if not read_only:
        try:
            migrate(con)
        except duckdb.Error as error:
            con.close()
            raise _open_error(error, path, 0) from None
        return con
    if version > SCHEMA_VERSION:
        return con   # made by a newer version of this code: read as it is
    if not writable(path):
        if version == SCHEMA_VERSION:
            return con          # read-only media: the stored macros are those of an earlier release
        con.close()
        raise SpendingError(f"数据库 {path} 需要升级到第 {SCHEMA_VERSION} 版，但它是只读的 | "
                            f"database {path} needs an upgrade to schema {SCHEMA_VERSION} but is read-only")
    con.close()
    connect(path, wait=wait).close()          # upgrade once on a write connection, then read
    return _open(path, True, wait)
