"""Connection, schema creation and migration, and run(query_name, **params).

SQL lives in queries/: one statement per file, the file name is the query's name. Every query is
read once, when this module is imported (QUERIES); a name that is no file there raises UnknownQuery,
and tests/test_query_names.py checks every name the code uses. Parameters are bound by name ($name),
never formatted into the SQL text. A query that reads $scope (the sections a user may see) must be
given scope= by every caller (MissingScope otherwise; None: every section).
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import os
import re
import struct
import threading
import time
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb

from spending import QUERIES_DIR, ROOT, SpendingError, processes

DEFAULT_DB = ROOT / "data" / "spending.duckdb"
MIGRATIONS_DIR = QUERIES_DIR / "migrations"


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db, else $SPENDING_DB, else data/spending.duckdb in the project folder."""
    chosen = explicit or os.environ.get("SPENDING_DB") or DEFAULT_DB
    return Path(chosen)


def _read_queries() -> dict[str, str]:
    """queries/**/<name>.sql (migrations aside) by name, e.g. "import/new_rows"."""
    return {path.relative_to(QUERIES_DIR).with_suffix("").as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(QUERIES_DIR.rglob("*.sql")) if MIGRATIONS_DIR not in path.parents}


QUERIES = _read_queries()
SCOPED = frozenset(name for name, text in QUERIES.items() if "$scope" in text)   # section-bound queries


class UnknownQuery(LookupError):
    """A query name that is no file under queries/ (a programming error, caught by tests/test_query_names.py)."""


class MissingScope(TypeError):
    """A section-bound query ($scope) called without scope= (a programming error)."""


def sql(name: str) -> str:
    """The text of queries/<name>.sql."""
    try:
        return QUERIES[name]
    except KeyError:
        near = difflib.get_close_matches(name, QUERIES, n=3)
        raise UnknownQuery(f"no query queries/{name}.sql" + (f" (did you mean {', '.join(near)}?)" if near else "")) from None


_HOLE = re.compile(r"\{(\w+)\}")


def filled(name: str, **parts: str) -> str:
    """queries/<name>.sql with each {hole} replaced by parts[hole], for what SQL takes no $parameter
    for: another query's text (sql(...)) or an identifier (quoted(...)), never a user's value."""
    text = sql(name)
    holes = set(_HOLE.findall(text))
    if holes != set(parts):
        raise TypeError(f"queries/{name}.sql has the holes {sorted(holes)}, given {sorted(parts)}")
    return _HOLE.sub(lambda hole: parts[hole.group(1)], text)


def quoted(identifier: str) -> str:
    """An identifier (a database's name) as SQL text."""
    return '"' + identifier.replace('"', '""') + '"'


def select_list(columns: dict[str, str | None]) -> str:
    """The select list `"<source>" as "<name>", …` of columns whose names vary with the file imported
    (a column the file lacks, source None, is NULL text), for a query's {hole} (filled). SQL takes no
    parameter for a column's name: this is the one place where a statement's identifiers are composed."""
    return ", ".join(f"{quoted(source) if source else 'null::varchar'} as {quoted(name)}" for name, source in columns.items())


def _bound(name: str, params: dict) -> dict:
    """The parameters of queries/<name>.sql. A section-bound query needs scope= (None: every section,
    for the CLI, the bulletin for the bureau and admins), so that a caller cannot forget it."""
    if name in SCOPED and "scope" not in params:
        raise MissingScope(f"queries/{name}.sql is section-bound: pass scope= (the user's sections, or None for every section)")
    return params


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> duckdb.DuckDBPyConnection:
    """Execute queries/<name>.sql with named parameters on a cursor of its own (for readers
    on threads that share the process's connection)."""
    cur = con.cursor()
    return cur.execute(sql(name), _bound(name, params))


def execute(con: duckdb.DuckDBPyConnection, name: str, **params) -> duckdb.DuckDBPyConnection:
    """Execute queries/<name>.sql on this very connection (inside its transaction, with its
    temp tables)."""
    return con.execute(sql(name), _bound(name, params))


def dicts(result) -> list[dict]:
    """The rows of an executed query (run's or execute's result), each a dict by column name."""
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row)) for row in result.fetchall()]


def rows(con, name: str, **params) -> list[dict]:
    """queries/<name>.sql on a cursor of its own (run), its rows as dicts."""
    return dicts(run(con, name, **params))


def migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        found.append((int(path.name.split("_", 1)[0]), path))
    return found


SCHEMA_VERSION = migrations()[-1][0]


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


# DuckDB's memory for one process; beyond it, large imports spill to <database>.tmp/ on disk.
# Its default (80 % of RAM) let a 10-million-row import take 7 GB. 2.5 GB holds a 10-million-row
# import's staged rows and the sort of its write without spilling (2.7 GB peak for the whole
# process, 3 GB allowed; at 2 GB the write spilled and took 3 s more). SPENDING_MEMORY_LIMIT overrides.
MEMORY_LIMIT = "2.5GB"
WAIT_SECONDS = 120        # how long a write waits for another writer by default (--wait)
READ_WAIT_SECONDS = 120   # how long a page of the dashboard waits for a write in another process to end
                          # (the command line's read verbs never wait)
IDLE_SECONDS = 30         # a dashboard closes its read-only connection when unused this long (or at
                          # once when a writer of another process waits: <database>.write-wanted)
RESTORE_STEPS = "README.md「Backup and restore / 备份与恢复」"
DAMAGED = ("数据库文件已损坏：请从备份恢复（恢复步骤见 {steps}）：{path} | "
           "the database file is damaged: restore it from a backup (steps in {steps}): {path}")


def _config() -> dict:
    # The same for every connection of a process (DuckDB refuses two configurations of one file);
    # never download an extension (a SQLite or other file must not make DuckDB fetch a reader); a name
    # no table has is an error, never a Python variable of that name (DuckDB's replacement scans: a frame
    # is read only where it is registered).
    return {"memory_limit": os.environ.get("SPENDING_MEMORY_LIMIT", MEMORY_LIMIT),
            "autoinstall_known_extensions": False, "python_enable_replacements": False}


def damaged(path: Path) -> SpendingError:
    return SpendingError(DAMAGED.format(steps=RESTORE_STEPS, path=path))


def _sniff(path: Path) -> None:
    """Name a file that is not a DuckDB database before DuckDB opens it (a DuckDB file has
    'DUCK' at byte 8)."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except IsADirectoryError:
        raise SpendingError(f"{path} 是文件夹，不是数据库文件 | {path} is a folder, not a database file") from None
    except OSError as error:
        raise SpendingError(f"无法读取数据库 {path}：{error.strerror} | cannot read database {path}: {error.strerror}") from None
    if head[8:12] == b"DUCK":
        if path.stat().st_size < _expected_size(path):
            raise damaged(path)
        return
    if head.startswith(b"SQLite format 3\0"):
        raise SpendingError(f"{path} 是 SQLite 数据库，不是本系统的 DuckDB 数据库 | "
                            f"{path} is a SQLite database, not a DuckDB database of this system")
    if head.startswith(b"PK\x03\x04"):
        raise SpendingError(f"{path} 是 Excel/ZIP 文件，不是数据库；导入请用 import-* 命令 | "
                            f"{path} is an Excel/ZIP file, not a database: use the import-* verbs to import it")
    if len(head) < 12:      # nothing, or less than a header: a database cut short
        raise damaged(path)
    text = b"\0" not in head
    if text:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            text = error.start > len(head) - 4 or _gb18030(head)   # a character cut at the boundary
    if text:
        raise SpendingError(f"{path} 是 CSV/文本文件，不是数据库；导入数据请用 import-* 命令 | "
                            f"{path} is a CSV/text file, not a database: use the import-* verbs to import data")
    raise SpendingError(f"{path} 不是 DuckDB 数据库文件 | {path} is not a DuckDB database file")


def _expected_size(path: Path) -> int:
    """The least size the active database header promises: 3 header blocks of 4 KiB and the
    blocks up to the one holding the catalog's metadata (0 when the header is not one this code
    knows). block_count is no bound: DuckDB truncates free blocks at the end of the file."""
    with open(path, "rb") as f:
        f.seek(4096)
        header = _active_header(f.read(8192))
    return 3 * 4096 + (header[1] + 1) * header[3] if header else 0


def _active_header(headers: bytes) -> tuple[int, int, int, int] | None:
    """(iteration, the metadata's block, block_count, block size) of the active one of the two database
    headers (a DuckDB file's bytes 4096 to 12288), or None when neither is one this code knows."""
    best = None
    for offset in (0, 4096):
        if len(headers) < offset + 64:
            continue
        _, iteration, meta_block, _, blocks, alloc, vector, _ = struct.unpack_from("<8Q", headers, offset)
        meta = meta_block & ((1 << 56) - 1)       # the block id; the top byte is the index within it
        plausible = 4096 <= alloc <= 1 << 24 and alloc & (alloc - 1) == 0 and vector in (1024, 2048, 4096) \
            and meta < blocks < 1 << 40
        if plausible and (best is None or iteration > best[0]):
            best = (iteration, meta, blocks, alloc)
    return best


def _gb18030(head: bytes) -> bool:
    try:
        head[:-4].decode("gb18030")
        return True
    except UnicodeDecodeError:
        return False


def is_damage(error: Exception) -> bool:
    """A DuckDB error that means the file is damaged (cut short, or bytes changed)."""
    text = str(error).lower()
    return (isinstance(error, (duckdb.IOException, duckdb.SerializationException, duckdb.InternalException))
            and not _is_lock(error)
            and any(w in text for w in ("could not read enough bytes", "corrupt", "checksum", "not a valid duckdb",
                                         "serializ", "failed to read", "invalid block")))


def _is_lock(error: Exception) -> bool:
    text = str(error).lower()
    return "could not set lock" in text or "conflicting lock" in text or "different configuration" in text


def _open_error(error: Exception, path: Path, waited: float, read_only: bool = False) -> SpendingError:
    text = str(error)
    if _is_lock(error):
        return SpendingError(_lock_message(error, path, waited, read_only))
    if _disk_full(error):               # opening replays and checkpoints a WAL: that needs space too
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
                return duckdb.connect(str(path), read_only=read_only, config=_config())
            except duckdb.Error as error:
                waited = time.monotonic() - began
                if _is_lock(error) and waited + pause <= wait:
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
        _sniff(path)
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


def schema_version(con) -> int:
    """The schema version of this database; 0 before the first migration (no schema_version table)."""
    return _read_if_made(con, "schema/version", 0)


MACROS = ("macros", "import/check_macros")     # the stored macros: the pacing rules, the import's cell checks


@cache
def macros_sha() -> str:
    return hashlib.sha256("".join(sql(name) for name in MACROS).encode("utf-8")).hexdigest()


def stored_macros(con) -> str | None:
    """The SHA-256 of the MACROS files the stored macros were made from (None before schema 8)."""
    return _read_if_made(con, "schema/stored_macros", None)


def _read_if_made(con, name: str, before):
    """The one value queries/<name>.sql reads from a schema table, or `before` when a migration has not made
    that table yet. Run outside a transaction (the connection's first queries): asking the table itself
    costs 1 ms where asking the catalog whether it exists (duckdb_tables()) costs 7 ms on every connection."""
    try:
        return execute(con, name).fetchone()[0]
    except duckdb.CatalogException:
        return before


def verify(con) -> None:
    """Read every stored value once (a damaged file fails here): for `init` on an existing file."""
    tables = [t for (t,) in execute(con, "schema/base_tables").fetchall()]
    for table in tables:
        execute(con, "schema/read_table", table=table).fetchone()


@contextmanager
def transaction(con):
    """BEGIN; COMMIT when the block ends, ROLLBACK (and re-raise) when it raises (DuckDB's own
    transaction calls: control, not queries)."""
    con.begin()
    try:
        yield con
    except BaseException as error:
        con.rollback()
        if isinstance(error, duckdb.Error) and _disk_full(error):
            raise DiskFull() from None
        raise
    try:
        con.commit()
    except duckdb.Error as error:     # the WAL cannot be written: DuckDB rolls back ("Failed to commit")
        if _disk_full(error):
            raise DiskFull() from None
        raise


def migrate(con) -> None:
    """Apply pending migrations, each in its own transaction, then (re)create the macros when
    one of the MACROS files changed."""
    current = schema_version(con)
    applied = False
    for version, path in migrations():
        if version <= current:
            continue
        with transaction(con):
            con.execute(path.read_text(encoding="utf-8"))
            execute(con, "schema/record_version", version=version)
        applied = True
    if stored_macros(con) != macros_sha():
        with transaction(con):
            for name in MACROS:
                con.execute(sql(name))
            execute(con, "schema/forget_macros")
            execute(con, "schema/record_macros", sha=macros_sha())
    if applied:   # a new schema may hold derived data to fill
        refresh_pace(con)


def refresh_pace(con, years: list[int] | None = None, changed: str | None = None) -> None:
    """Recompute pace_cache (and source_cache beside it) for these fiscal years (all, when None), or only for the projects
    of the relation `changed` (a table or view with fiscal_year and project_code, such as the
    importer's import_new). Call it inside the transaction that changed the data."""
    if changed is not None:
        execute(con, "refresh_pace_mark", changed=changed)
        marked = execute(con, "refresh_pace_marked").fetchall()
        planned = dict(execute(con, "refresh_pace_planned").fetchall())
        some = [y for y, n in marked if 2 * n < planned.get(y, 0)]     # else recomputing all is faster
        if some:
            execute(con, "refresh_pace_clear_marked")
            execute(con, "refresh_sources_clear_marked")     # the money by source beside it (issue 34)
            for year in some:
                execute(con, "refresh_pace_fill", year=year, only_marked=True)
                execute(con, "refresh_sources_fill", year=year, only_marked=True)
        execute(con, "refresh_pace_unmark")
        years = [y for y, _ in marked if y not in some]
        if not years:
            return
    if years is None:
        years = [y for (y,) in execute(con, "refresh_pace_years").fetchall()]
    years = sorted(set(years))
    execute(con, "refresh_pace_clear", years=years)
    execute(con, "refresh_sources_clear", years=years)
    for year in years:
        execute(con, "refresh_pace_fill", year=year, only_marked=False)
        execute(con, "refresh_sources_fill", year=year, only_marked=False)


def data_version(con) -> tuple:
    """Changes whenever an import lands or is undone: part of every cache key."""
    return execute(con, "data_version").fetchone()


DISK_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


def _disk_full(error: BaseException) -> bool:
    if isinstance(error, OSError) and error.errno in DISK_FULL:
        return True
    text = str(error).lower()
    return "no space left" in text or "file too large" in text or "disk quota" in text


class DiskFull(SpendingError):
    """A write that failed for want of disk space (DuckDB's "No space left on device", "Failed to commit"):
    rolled back, nothing written. Said in our words wherever a write fails so (transaction, Shared.writing,
    the command line), never in DuckDB's."""

    def __init__(self, path: str | os.PathLike | None = None):
        where_zh, where_en = (f"：{path}", f": {path}") if path else ("", "")
        self.path = path
        super().__init__(f"磁盘空间不足，写入未完成，数据库未改变{where_zh}；请腾出磁盘空间后重试 | "
                         f"not enough disk space: the write did not complete and the database is unchanged"
                         f"{where_en}; free some space and try again")


def disk_full(error: BaseException) -> bool:
    """Did this error (DuckDB's or the system's) come from a full disk or a file size limit?"""
    return _disk_full(error)


def give_back_space(path: str | os.PathLike) -> int:
    """After a write that failed on a full disk, once no connection of this process has the file open: cut
    the database file back to the blocks its active header counts, and return the bytes given back.

    DuckDB writes a large transaction's rows into new blocks at the end of the file as it goes; rolled
    back, they are referred to by nothing, but the file keeps their size until a later checkpoint (a
    successful write) truncates them, so a full disk would stay full of them (an import that did not fit
    on a 20 MB disk grew a 6.3 MB database to the whole 20 MB). Cutting them is what DuckDB's own
    checkpoint does to free blocks at the end (3 header blocks of 4 KiB, then block_count blocks): the file
    is then byte for byte what it was before the write. Done only while holding the file's write lock (the
    lock DuckDB takes: no other process has it open meanwhile), with no WAL holding anything (its entries
    could refer to those blocks), and never while this process still has the file open (closing another
    descriptor of it would drop DuckDB's lock)."""
    import fcntl

    path = Path(path).resolve()
    wal = Path(f"{path}.wal")
    try:
        if wal.exists() and wal.stat().st_size:
            return 0
        if _open_here(path):
            return 0
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return 0
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return 0                                  # another process has it: its next checkpoint trims it
        header = _active_header(os.pread(fd, 8192, 4096))   # never another descriptor: closing it drops the lock
        size = os.fstat(fd).st_size
        if header is None or (wal.exists() and wal.stat().st_size):
            return 0
        keep = 3 * 4096 + header[2] * header[3]
        if size <= keep:
            return 0
        os.ftruncate(fd, keep)
        return size - keep
    except OSError:
        return 0
    finally:
        os.close(fd)


def _open_here(path: Path) -> bool:
    """Does this process have the file open (a DuckDB connection or cursor still alive)? True where it
    cannot tell (no /proc)."""
    try:
        descriptors = os.listdir("/proc/self/fd")
    except OSError:
        return True
    for fd in descriptors:
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == str(path):
                return True
        except OSError:
            continue
    return False


_PARTIAL = re.compile(r"^\..+\.(\d+)\.partial(\.wal)?$")


def _clean_partials(folder: Path) -> None:
    """Remove what a backup killed before it could clean up left in folder (.<name>.<pid>.partial and
    its .wal), when that process is gone; a backup still running keeps its own."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _PARTIAL.match(name)
        if match and not processes.alive(int(match.group(1))):
            try:
                (folder / name).unlink()
            except OSError:
                pass


def backup(con, target: str | os.PathLike) -> Path:
    """Copy the whole database (schema, data, sequences) into ONE new DuckDB file.

    Works on a read-only connection, so it runs while the dashboard is up. The copy is written
    under a temporary name in the target's folder and renamed when complete: a failed backup
    (a full disk) leaves nothing behind; what a killed backup left there, the next one removes.
    Restore: stop the dashboard, then put the backup file where the database belongs (README,
    Backup and restore).
    """
    target = Path(target).resolve()
    if target.exists():
        raise SpendingError(f"备份文件 {target} 已存在 | backup file {target} already exists")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SpendingError(f"无法创建文件夹 {target.parent}：{error.strerror} | "
                            f"cannot create the folder {target.parent}: {error.strerror}") from None
    _clean_partials(target.parent)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    leftovers = [partial, Path(f"{partial}.wal")]
    source = execute(con, "backup/source").fetchone()[0]
    cur = con.cursor()
    try:
        execute(cur, "backup/attach", path=str(partial))
        try:
            cur.execute(filled("backup/copy", source=quoted(source)))
            execute(cur, "backup/checkpoint")
        finally:
            execute(cur, "backup/detach")
        if Path(f"{partial}.wal").exists():      # never a file and its WAL: fold the WAL in
            folded = duckdb.connect(str(partial), config=_config())
            execute(folded, "backup/fold_wal")
            folded.close()
        os.link(partial, target)                 # no overwrite: fails if the target appeared meanwhile
        partial.unlink()
    except BaseException as error:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        if _disk_full(error):
            raise SpendingError(f"磁盘空间不足，备份未完成，未留下任何文件：{target} | "
                                f"not enough disk space: the backup did not complete and left no file: {target}") from None
        if isinstance(error, FileExistsError):
            raise SpendingError(f"备份文件 {target} 已存在 | backup file {target} already exists") from None
        if isinstance(error, (OSError, duckdb.IOException)):
            raise SpendingError(f"无法写入备份 {target}：{str(error).splitlines()[0]} | "
                                f"cannot write the backup {target}") from None
        raise
    finally:
        cur.close()
    return target


class Shared:
    """One database file shared by the threads of a long-running process (the dashboard).

    Readers share one read-only connection, opened on first use and closed again when no reader
    has used it for idle seconds; a writer waits for the readers of this process, closes it, opens
    the file read-write for the write alone and closes it after. So another process (the command
    line, a night import) can read whenever nothing writes, and write whenever the dashboard is
    idle: DuckDB lets many processes read a file, or one write it. Within one process DuckDB
    refuses two configurations of one file at once, hence the readers-writer lock.
    """

    def __init__(self, path: str | os.PathLike, idle: float | None = None):
        self.path = Path(path)
        self.idle = float(os.environ.get("SPENDING_IDLE_SECONDS", IDLE_SECONDS)) if idle is None else idle
        self._state = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0
        self._con: duckdb.DuckDBPyConnection | None = None
        self._last_used = 0.0
        self._closer: threading.Timer | None = None
        self.opened = 0              # read-only opens so far (for tests and measurements)

    @contextmanager
    def reading(self, wait: float = READ_WAIT_SECONDS):
        """The shared read-only connection (use a cursor of your own per query)."""
        with self._state:
            while self._writing or self._writers_waiting:
                self._state.wait()
            self._readers += 1
        try:
            with self._state:
                if self._con is None:
                    self._yield_to_writer(wait)
                    self._con = connect(self.path, read_only=True, wait=wait)
                    self.opened += 1
                con = self._con
            try:
                yield con
            except duckdb.Error as error:   # a block the file lost shows only when a query reads it
                if is_damage(error):
                    raise damaged(self.path) from None
                raise
        finally:
            with self._state:
                self._readers -= 1
                self._last_used = time.monotonic()
                if not self._readers:
                    self._state.notify_all()
                    if write_wanted(self.path):
                        self._close_reader()      # another process waits to write: let go now
                    else:
                        self._schedule_close()

    def _yield_to_writer(self, wait: float) -> None:
        """Before opening: while another process waits to write, let it go first (up to wait s)."""
        deadline = time.monotonic() + wait
        while write_wanted(self.path) and time.monotonic() < deadline:
            time.sleep(0.05)

    @contextmanager
    def writing(self, wait: float = WAIT_SECONDS):
        """A read-write connection of its own for one write; no reader of this process meanwhile."""
        with self._state:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._state.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
            self._close_reader()
        con = None
        full = False
        try:
            con = connect(self.path, wait=wait)
            yield con
        except duckdb.Error as error:
            if not _disk_full(error):
                raise
            full = True
            raise DiskFull(self.path) from None
        except DiskFull:
            full = True
            raise
        finally:
            if con is not None:
                con.close()
            if full:
                give_back_space(self.path)     # before another writer of this process may open it
            with self._state:
                self._writing = False
                self._state.notify_all()

    POLL = 0.5    # seconds between looks for a waiting writer while the connection is open and unused

    def _schedule_close(self) -> None:
        if self._closer is not None:
            return
        self._closer = threading.Timer(min(self.idle, self.POLL), self._close_if_idle)
        self._closer.daemon = True
        self._closer.start()

    def _close_if_idle(self) -> None:
        """Close the unused read-only connection after idle seconds, or at once for a waiting writer."""
        with self._state:
            self._closer = None
            if self._readers or self._con is None:
                return
            if time.monotonic() - self._last_used >= self.idle or write_wanted(self.path):
                self._close_reader()
            else:
                self._schedule_close()

    def _close_reader(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def close(self) -> None:
        with self._state:
            while self._readers or self._writing:
                self._state.wait()
            self._close_reader()

    @property
    def is_open(self) -> bool:
        return self._con is not None


EXPORTS = ("projects", "disbursements", "adjustments")


def export_parquet(con, folder: str | os.PathLike) -> dict[str, int]:
    """Plans, payments and adjustments as Parquet under folder/<table>/fiscal_year=Y/section=S/,
    the hive layout Spark, Trino or DuckDB over object storage read as one table.

    S is the section (URL-encoded by DuckDB, so 综合/科 is one folder); a section longer than 80 UTF-8
    bytes is cut to 18 characters, "~" and 8 hex digits of its MD5 (no folder name past 255 bytes).
    Every file holds the full name as section_name."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    cur = con.cursor()
    try:
        for name in EXPORTS:
            written = cur.execute(filled("export/parquet", rows=sql(f"export/{name}")), {"target": str(folder / name)})
            counts[name] = written.fetchone()[0]
    finally:
        cur.close()
    return counts
