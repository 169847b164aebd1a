"""A database made by the first schema (queries/migrations/001_initial.sql alone), with data,
is upgraded to the current one on first use: data intact, pace figures right, new batches fresh."""

from __future__ import annotations

import duckdb

from conftest import cli
from spending import db, seed

V1_TABLES = ["import_batches", "fiscal_years", "sections", "projects", "plan_checkpoints", "indicators",
             "disbursements", "adjustments", "monthly_actuals"]


def first_schema_copy(source, target) -> None:
    """target: schema version 1 only, holding every row of source (made by today's init --demo)."""
    con = duckdb.connect(str(target))
    con.execute((db.MIGRATIONS_DIR / "001_initial.sql").read_text(encoding="utf-8"))
    con.execute("insert into schema_version (version) values (1)")
    con.execute("attach $p as current_db (read_only true)", {"p": str(source)})
    for table in V1_TABLES:
        con.execute(f"insert into {table} select * from current_db.{table}")
    last = con.execute("select max(batch_id) from import_batches").fetchone()[0]
    con.execute("select nextval('batch_id_seq') from range($n)", {"n": last})   # as the first version left it
    con.execute("detach current_db")
    con.close()


def test_first_schema_with_data_upgrades_to_the_current_one(tmp_path):
    current = tmp_path / "current.duckdb"
    seed.initialise(current, demo=True)
    old = tmp_path / "v1.duckdb"
    first_schema_copy(current, old)
    con = duckdb.connect(str(old), read_only=True)
    assert con.execute("select max(version) from schema_version").fetchone()[0] == 1
    assert con.execute("select count(*) from information_schema.tables where table_name = 'pace_cache'").fetchone()[0] == 0
    con.close()

    expected = {verb: cli(verb, "--as-of", "2021-11", "--format", "csv", db_path=current).stdout
                for verb in ("status", "sections")}
    # a read verb upgrades it first (on a write connection of its own), then reads
    for verb in ("status", "sections"):
        out = cli(verb, "--as-of", "2021-11", "--format", "csv", db_path=old)
        assert out.returncode == 0, out.stderr
        assert out.stdout == expected[verb]                     # pace figures right

    con = db.connect(old, read_only=True)
    assert db.schema_version(con) == db.SCHEMA_VERSION
    assert db.stored_macros(con) == db.macros_sha()
    for table in V1_TABLES:                                     # data intact
        query = f"select * from {table} order by all"
        assert con.execute(query).fetchall() == duckdb.connect(str(current), read_only=True).execute(query).fetchall(), table
    pace_rows = con.execute("select count(*) from pace_cache").fetchone()[0]
    assert pace_rows == 12 * con.execute("select count(*) from projects").fetchone()[0]
    con.close()

    # it keeps working: a new batch gets a fresh id, and can be undone
    out = cli("remove-sample", db_path=old)
    assert out.returncode == 0, out.stderr
    adjust = tmp_path / "adj.csv"
    adjust.write_text("doc_no,project_code,effective_date,amount_wan\nX1,106-0401-YBN-QS1Q,2021-06-01,1\n",
                      encoding="utf-8")
    out = cli("import-adjustments", str(adjust), db_path=old)
    assert out.returncode == 0, out.stderr
    last = duckdb.connect(str(current), read_only=True).execute("select max(batch_id) from import_batches").fetchone()[0]
    history = cli("history", "--format", "csv", db_path=old).stdout.splitlines()
    assert history[1].startswith(f"{last + 1},") and len(history) == last + 2   # the old batches came along
    assert cli("undo", str(last + 1), db_path=old).returncode == 0
