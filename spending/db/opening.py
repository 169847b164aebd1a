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


def _lock_message(error: Exception, path: Path, waited: float = 0, read_only: bool = False) -> SpendingError:
    text = str(error)
    pid = re.search(r"PID (\d+)", text)
    holder = ""
    if pid:
        try:
            cmd = Path(f"/proc/{pid.group(1)}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            cmd = ""
        holder = f"PID {pid.group(1)}" + (f": {cmd[:80]}" if cmd else "")
    who = (f"（{holder}）", f" ({holder})") if holder else ""
    if read_only:          # a read verb never waits (SPEC 3.1): say so in one line
        return SpendingError("database_being_written", path=path, who=who)
    after = (f"，已等待 {waited:g} 秒", f" (waited {waited:g} s)") if waited else ""
    return SpendingError("database_locked", path=path, who=who, after=after)


def _open_error(error: Exception, path: Path, waited: float, read_only: bool = False) -> SpendingError:
    text = str(error)
    if is_lock(error):
        return _lock_message(error, path, waited, read_only)
    if disk_full(error):               # opening replays and checkpoints a WAL: that needs space too
        return DiskFull(path)
    if "read-only" in text.lower() or "permission denied" in text.lower():
        return SpendingError("database_read_only", path=path, error=("", text.splitlines()[0]))
    if is_damage(error) or isinstance(error, (duckdb.InternalException, duckdb.SerializationException)):
        return damaged(path)
    return SpendingError("database_cannot_open", path=path, error=("", text.splitlines()[0]))


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
        raise SpendingError("database_missing", path=path)
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
        raise SpendingError("database_not_initialised", path=path)
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
        raise SpendingError("database_upgrade_read_only", path=path, version=SCHEMA_VERSION)
    con.close()
    connect(path, wait=wait).close()          # upgrade once on a write connection, then read
    return _open(path, True, wait)
