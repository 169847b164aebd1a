"""Connection, schema creation and migration, and run(query_name, **params).

SQL lives in queries/: one statement per file, the file name is the query's name.
Parameters are bound by name ($name), never formatted into the SQL text.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb

from spending import QUERIES_DIR, ROOT, SpendingError

DEFAULT_DB = ROOT / "data" / "spending.duckdb"
MIGRATIONS_DIR = QUERIES_DIR / "migrations"


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db, else $SPENDING_DB, else data/spending.duckdb in the project folder."""
    chosen = explicit or os.environ.get("SPENDING_DB") or DEFAULT_DB
    return Path(chosen)


@cache
def sql(name: str) -> str:
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _bound(name: str, params: dict) -> dict:
    """The parameters of queries/<name>.sql. $scope, the sections a user may see, is NULL (every
    section) unless given: the CLI, the bulletin for the bureau and admins see everything."""
    if "scope" not in params and "$scope" in sql(name):
        return {**params, "scope": None}
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


def rows(con, name: str, **params) -> list[dict]:
    cur = run(con, name, **params)
    columns = [d[0] for d in cur.description]
    return [dict(zip(columns, row)) for row in cur.fetchall()]


def migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        found.append((int(path.name.split("_", 1)[0]), path))
    return found


SCHEMA_VERSION = migrations()[-1][0]


def _lock_message(error: Exception, path: Path) -> str:
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
    return (
        f"数据库 {path} 正被另一个进程{who}占用，请先关闭仪表板（或该进程）再执行；"
        f"database {path} is locked by another process{' (' + holder + ')' if holder else ''}: "
        "stop the dashboard (or that process) and run the command again"
    )


# DuckDB's memory for one process; beyond it, large imports spill to <database>.tmp/ on disk.
# Its default (80 % of RAM) let a 10-million-row import take 7 GB. SPENDING_MEMORY_LIMIT overrides.
MEMORY_LIMIT = "2GB"


def connect(path: str | os.PathLike | None = None, *, create: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database; migrate it to the current schema version.

    Without create=True a missing or uninitialised database is an error the user can act on.
    """
    path = db_path(path)
    if not create and not path.exists():
        raise SpendingError(
            f"数据库 {path} 不存在，请先运行 python -m spending init；"
            f"database {path} does not exist: run `python -m spending init` first"
        )
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), config={"memory_limit": os.environ.get("SPENDING_MEMORY_LIMIT", MEMORY_LIMIT)})
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise SpendingError(_lock_message(error, path)) from None
        raise SpendingError(f"无法打开数据库 {path}；cannot open database {path}: {error}") from None
    except duckdb.Error as error:
        raise SpendingError(f"无法打开数据库 {path}；cannot open database {path}: {error}") from None
    version = schema_version(con)
    if version == 0 and not create:
        con.close()
        raise SpendingError(
            f"数据库 {path} 尚未初始化，请先运行 python -m spending init；"
            f"database {path} is not initialised: run `python -m spending init` first"
        )
    migrate(con)
    return con


def schema_version(con) -> int:
    exists = con.execute(
        "select count(*) from information_schema.tables where table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("select coalesce(max(version), 0) from schema_version").fetchone()[0]


@contextmanager
def transaction(con):
    """BEGIN; COMMIT when the block ends, ROLLBACK (and re-raise) when it raises."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def migrate(con) -> None:
    """Apply pending migrations, each in its own transaction, then (re)create the macros."""
    current = schema_version(con)
    applied = False
    for version, path in migrations():
        if version <= current:
            continue
        with transaction(con):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("insert into schema_version (version) values ($v)", {"v": version})
        applied = True
    con.execute(sql("macros"))
    if applied:   # a new schema may hold derived data to fill
        refresh_pace(con)


def refresh_pace(con, years: list[int] | None = None, changed: str | None = None) -> None:
    """Recompute pace_cache for these fiscal years (all, when None), or only for the projects
    of the relation `changed` (a table or view with fiscal_year and project_code, such as the
    importer's import_new). Call it inside the transaction that changed the data."""
    if changed is not None:
        con.execute(f"insert into pace_refresh select distinct fiscal_year, project_code from {changed}")
        marked = con.execute("select fiscal_year, count(*) from pace_refresh group by all").fetchall()
        planned = dict(con.execute("select fiscal_year, count(*) from projects group by all").fetchall())
        some = [y for y, n in marked if 2 * n < planned.get(y, 0)]     # else recomputing all is faster
        if some:
            execute(con, "refresh_pace_clear_marked")
            for year in some:
                execute(con, "refresh_pace_fill", year=year, only_marked=True)
        con.execute("delete from pace_refresh")
        years = [y for y, _ in marked if y not in some]
        if not years:
            return
    if years is None:
        years = [y for (y,) in con.execute("select distinct fiscal_year from projects").fetchall()]
    years = sorted(set(years))
    execute(con, "refresh_pace_clear", years=years)
    for year in years:
        execute(con, "refresh_pace_fill", year=year, only_marked=False)


def data_version(con) -> tuple:
    """Changes whenever an import lands or is undone: part of every cache key."""
    return con.execute(
        "select count(*), max(batch_id), max(undone_at) from import_batches"
    ).fetchone()


def backup(con, target: str | os.PathLike) -> Path:
    """Copy the whole database (schema, data, sequences) into a new DuckDB file.

    Runs inside the process that holds the database, so it works while the dashboard is up.
    Restore: stop the dashboard, then put the backup file where the database belongs.
    """
    target = Path(target).resolve()
    if target.exists():
        raise SpendingError(f"备份文件 {target} 已存在 | backup file {target} already exists")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = con.execute("select current_database()").fetchone()[0]
    cur = con.cursor()
    try:
        cur.execute("attach $path as backup_target", {"path": str(target)})
        try:
            cur.execute(f'copy from database "{source}" to backup_target')
        finally:
            cur.execute("detach backup_target")
    finally:
        cur.close()
    return target


EXPORTS = ("projects", "disbursements", "adjustments")


def export_parquet(con, folder: str | os.PathLike) -> dict[str, int]:
    """Plans, payments and adjustments as Parquet under folder/<table>/fiscal_year=Y/section=S/,
    the hive layout Spark, Trino or DuckDB over object storage read as one table."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    cur = con.cursor()
    try:
        for name in EXPORTS:
            target = str(folder / name).replace("'", "''")    # COPY takes no parameters for its target
            cur.execute(f"copy ({sql('export/' + name)}) to '{target}'"
                        " (format parquet, partition_by (fiscal_year, section), overwrite_or_ignore)")
            counts[name] = cur.execute(f"select count(*) from ({sql('export/' + name)})").fetchone()[0]
    finally:
        cur.close()
    return counts
