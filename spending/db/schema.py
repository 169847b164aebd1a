"""The schema: the migrations (queries/migrations/NNN_*.sql, each applied once, in its own transaction), the
stored macros (the pacing rules and the import's cell checks, made again when their files change)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import duckdb

from spending import db
from spending.db.pace_cache import refresh_pace

def migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted(db.MIGRATIONS_DIR.glob("*.sql")):
        found.append((int(path.name.split("_", 1)[0]), path))
    return found


SCHEMA_VERSION = migrations()[-1][0]


def schema_version(con) -> int:
    """The schema version of this database; 0 before the first migration (no schema_version table)."""
    return _read_if_made(con, "schema/version", 0)


MACROS = ("macros", "import/check_macros")     # the stored macros: the pacing rules, the import's cell checks


@cache
def macros_sha() -> str:
    return hashlib.sha256("".join(db.sql(name) for name in MACROS).encode("utf-8")).hexdigest()


def stored_macros(con) -> str | None:
    """The SHA-256 of the MACROS files the stored macros were made from (None before schema 8)."""
    return _read_if_made(con, "schema/stored_macros", None)


def _read_if_made(con, name: str, before):
    """The one value queries/<name>.sql reads from a schema table, or `before` when a migration has not made
    that table yet. Run outside a transaction (the connection's first queries): asking the table itself
    costs 1 ms where asking the catalog whether it exists (duckdb_tables()) costs 7 ms on every connection."""
    try:
        return db.value(con, name)
    except duckdb.CatalogException:
        return before


def verify(con) -> None:
    """Read every stored value once (a damaged file fails here): for `init` on an existing file."""
    tables = [t for (t,) in db.execute(con, "schema/base_tables").fetchall()]
    for table in tables:
        db.execute(con, "schema/read_table", table=table).fetchone()


def migrate(con) -> None:
    """Apply pending migrations, each in its own transaction, then (re)create the macros when
    one of the MACROS files changed."""
    current = schema_version(con)
    applied = False
    for version, path in migrations():
        if version <= current:
            continue
        with db.transaction(con):
            con.execute(path.read_text(encoding="utf-8"))
            db.execute(con, "schema/record_version", version=version)
        applied = True
    if stored_macros(con) != macros_sha():
        with db.transaction(con):
            for name in MACROS:
                con.execute(db.sql(name))
            db.execute(con, "schema/forget_macros")
            db.execute(con, "schema/record_macros", sha=macros_sha())
    if applied:   # a new schema may hold derived data to fill
        refresh_pace(con)
