"""The query registry: run(query_name, **params) and its kin (execute, rows, one, value), and transaction(con).

SQL lives in queries/: one statement per file, the file name is the query's name. Every query is
read once, when this module is imported (QUERIES); a name that is no file there raises UnknownQuery,
and tests/test_query_names.py checks every name the code uses. Parameters are bound by name ($name),
never formatted into the SQL text. A query that reads $scope (the sections a user may see) must be
given scope= by every caller (MissingScope otherwise; None: every section).

The rest of the database side, one module each (spending.db.X), all below this one:
    opening     where the database is (db_path), connect: the lock waited for, the schema brought up to date
    schema      the migrations (SCHEMA_VERSION, migrate) and the stored macros
    pace_cache  refresh_pace: pace_cache, source_cache and unit_cache recomputed where the data changed
    damage      a file that is no DuckDB database, or a damaged one, named before or when DuckDB reads it
    disk_space  a write that failed on a full disk (DiskFull) and the space it took given back
    backups     backup: the whole database copied into one new file
    sharing     Shared: one database file shared by the threads of the dashboard (readers-writer)
    parquet     export_parquet: plans, payments and adjustments as hive-partitioned Parquet
None of them imports spending.files (tests/test_import_graph.py).
"""

from __future__ import annotations

import difflib
import re
from contextlib import contextmanager

import duckdb

from spending import QUERIES_DIR
from spending.db.disk_space import DiskFull, disk_full

MIGRATIONS_DIR = QUERIES_DIR / "migrations"


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


class NoRow(LookupError):
    """A query that gives one row gave none (one, value): said with the query's name, never as
    "'NoneType' object is not subscriptable"."""


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


def rows_of(con, name: str, columns: list[str], **params) -> list[dict]:
    """As rows, only these columns of queries/<name>.sql (queries/columns_of.sql around it), in its order."""
    text = filled("columns_of", columns=", ".join(quoted(c) for c in columns), query=sql(name))
    return dicts(con.cursor().execute(text, _bound(name, params)))


def one(con: duckdb.DuckDBPyConnection, name: str, **params) -> tuple:
    """The first row of queries/<name>.sql, executed on this very connection (as execute: inside its
    transaction, with its temp tables); NoRow when it gives none."""
    row = execute(con, name, **params).fetchone()
    if row is None:
        raise NoRow(f"queries/{name}.sql gave no row, one was expected")
    return row


def value(con: duckdb.DuckDBPyConnection, name: str, **params):
    """The first column of one(con, name, **params): a count, an id, a flag."""
    return one(con, name, **params)[0]


@contextmanager
def transaction(con):
    """BEGIN; COMMIT when the block ends, ROLLBACK (and re-raise) when it raises (DuckDB's own
    transaction calls: control, not queries)."""
    con.begin()
    try:
        yield con
    except BaseException as error:
        con.rollback()
        if isinstance(error, duckdb.Error) and disk_full(error):
            raise DiskFull() from None
        raise
    try:
        con.commit()
    except duckdb.Error as error:     # the WAL cannot be written: DuckDB rolls back ("Failed to commit")
        if disk_full(error):
            raise DiskFull() from None
        raise


def data_version(con) -> tuple:
    """Changes whenever an import lands or is undone: part of every cache key."""
    return one(con, "data_version")
