"""A database made by the first schema (queries/migrations/001_initial.sql alone), with data,
is upgraded to the current one on first use: data intact, pace figures right, new batches fresh."""

from __future__ import annotations

import duckdb

from conftest import cli_in_process, fresh_db
from spending import db
from spending.db import opening, schema

V1_TABLES = ["import_batches", "fiscal_years", "sections", "projects", "plan_checkpoints", "indicators",
             "disbursements", "adjustments", "monthly_actuals"]


def forget_units(path) -> None:
    """A release before migration 019 (issue 34) knew no 预算单位: the database compared with holds none either."""
    con = duckdb.connect(str(path))
    con.execute("update projects set unit_code = null, unit_name = null")
    con.close()


def first_schema_copy(source, target) -> None:
    """target: schema version 1 only, holding every row of source (made by today's init --demo)."""
    con = duckdb.connect(str(target))
    con.execute((db.MIGRATIONS_DIR / "001_initial.sql").read_text(encoding="utf-8"))
    con.execute("insert into schema_version (version) values (1)")
    con.execute("attach $p as current_db (read_only true)", {"p": str(source)})
    for table in V1_TABLES:   # the first schema's columns only (later ones added more)
        columns = [c for (c,) in con.execute("select column_name from duckdb_columns() where database_name = current_database()"
                                             " and table_name = $t order by column_index", {"t": table}).fetchall()]
        con.execute(f"insert into {table} select {', '.join(columns)} from current_db.{table}")
    last = con.execute("select max(batch_id) from import_batches").fetchone()[0]
    con.execute("select nextval('batch_id_seq') from range($n)", {"n": last})   # as the first version left it
    con.execute("detach current_db")
    con.close()


def test_first_schema_with_data_upgrades_to_the_current_one(tmp_path):
    current = tmp_path / "current.duckdb"
    fresh_db(current, demo=True)
    forget_units(current)
    old = tmp_path / "v1.duckdb"
    first_schema_copy(current, old)
    con = duckdb.connect(str(old), read_only=True)
    assert con.execute("select max(version) from schema_version").fetchone()[0] == 1
    assert con.execute("select count(*) from information_schema.tables where table_name = 'pace_cache'").fetchone()[0] == 0
    con.close()

    expected = {verb: cli_in_process(verb, "--as-of", "2021-11", "--format", "csv", db_path=current).stdout
                for verb in ("status", "sections")}
    # a read verb upgrades it first (on a write connection of its own), then reads
    for verb in ("status", "sections"):
        out = cli_in_process(verb, "--as-of", "2021-11", "--format", "csv", db_path=old)
        assert out.returncode == 0, out.stderr
        assert out.stdout == expected[verb]                     # pace figures right

    con = opening.connect(old, read_only=True)
    assert schema.schema_version(con) == schema.SCHEMA_VERSION
    assert schema.stored_macros(con) == schema.macros_sha()
    for table in V1_TABLES:                                     # data intact
        query = f"select * from {table} order by all"
        assert con.execute(query).fetchall() == duckdb.connect(str(current), read_only=True).execute(query).fetchall(), table
    pace_rows = con.execute("select count(*) from pace_cache").fetchone()[0]
    assert pace_rows == 12 * con.execute("select count(*) from projects").fetchone()[0]
    con.close()

    # it keeps working: a new batch gets a fresh id, and can be undone
    out = cli_in_process("remove-sample", db_path=old)
    assert out.returncode == 0, out.stderr
    adjust = tmp_path / "adj.csv"
    adjust.write_text("doc_no,project_code,effective_date,amount_wan\nX1,106-0401-YBN-QS1Q,2021-06-01,1\n",
                      encoding="utf-8")
    out = cli_in_process("import-adjustments", str(adjust), db_path=old)
    assert out.returncode == 0, out.stderr
    last = duckdb.connect(str(current), read_only=True).execute("select max(batch_id) from import_batches").fetchone()[0]
    history = cli_in_process("history", "--format", "csv", db_path=old).stdout.splitlines()
    assert history[1].startswith(f"{last + 1},") and len(history) == last + 2   # the old batches came along
    assert cli_in_process("undo", str(last + 1), db_path=old).returncode == 0


def test_voucher_numbers_stored_with_invisible_characters_are_cleaned_on_upgrade(tmp_path):
    """Issue 19: a voucher stored before the importer removed invisible characters from keys is matched by
    the same voucher imported again (skipped as identical, or named as a conflict), never paid twice."""
    path = tmp_path / "old.duckdb"
    fresh_db(path, demo=True)
    con = opening.connect(path)
    dressed = {"SAMPLE-2021-0001": "SAMPLE\u200b-2021-0001", "SAMPLE-2021-0002": "\u202eSAMPLE\u20102021-0002\u202c",
               "SAMPLE-2021-0003": "SAMPLE-2021-0003\u3000"}
    for clean, stored in dressed.items():
        con.execute("update disbursements set voucher_no = $s where voucher_no = $c", {"s": stored, "c": clean})
    # two stored numbers that clean to the same one both stay as they are
    con.execute("update disbursements set voucher_no = 'SAMPLE-2021-0004\u200b' where voucher_no = 'SAMPLE-2021-0004'")
    con.execute("update disbursements set voucher_no = 'SAMPLE-2021-0004\u200c' where voucher_no = 'SAMPLE-2021-0005'")
    con.execute("delete from schema_version where version >= 12")
    paid = con.execute("select voucher_no, project_code, pay_date, amount_yuan, payee, summary from disbursements"
                       " where voucher_no in (select unnest($v::varchar[])) order by pay_date",
                       {"v": list(dressed.values())}).fetchall()
    con.close()

    con = opening.connect(path)   # migrated on opening
    assert schema.schema_version(con) == schema.SCHEMA_VERSION
    stored = {v for (v,) in con.execute("select voucher_no from disbursements").fetchall()}
    assert set(dressed) <= stored and not set(dressed.values()) & stored
    assert {"SAMPLE-2021-0004\u200b", "SAMPLE-2021-0004\u200c"} <= stored
    total = con.execute("select sum(amount_yuan) from disbursements").fetchone()[0]
    con.close()

    again = tmp_path / "again.csv"
    with open(again, "w", encoding="utf-8") as f:
        f.write("凭证号,项目编码,支付日期,金额(元),收款单位,摘要\n")
        for voucher, *rest in paid:
            clean = next(c for c, s in dressed.items() if s == voucher)
            f.write(",".join([clean, rest[0], str(rest[1]), str(rest[2]), rest[3] or "", rest[4] or ""]) + "\n")
    out = cli_in_process("import-disbursements", str(again), db_path=path)
    assert out.returncode == 0, out.stderr
    con = opening.connect(path, read_only=True)
    assert con.execute("select sum(amount_yuan) from disbursements").fetchone()[0] == total   # nothing paid twice
    con.close()


def release_schema_copy(source, target, before: int) -> None:
    """target: the schema of every migration numbered below `before` (a database the release without it made),
    holding every row of source that schema has a column for; no stored macros (the release's are stale)."""
    con = duckdb.connect(str(target))
    versions = [(v, p) for v, p in schema.migrations() if v < before]
    for version, path in versions:
        con.execute(path.read_text(encoding="utf-8"))
        con.execute("insert into schema_version (version) values ($v)", {"v": version})
    con.execute("attach $p as current_db (read_only true)", {"p": str(source)})
    tables = [t for (t,) in con.execute("select table_name from duckdb_tables() where database_name = current_database()"
                                        " and table_name not in ('schema_version', 'macros_version')").fetchall()]
    for table in tables:
        columns = [c for (c,) in con.execute("select column_name from duckdb_columns() where database_name = current_database()"
                                             " and table_name = $t order by column_index", {"t": table}).fetchall()]
        quoted = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"insert into {table} select {quoted} from current_db.{table}")
    for sequence, table, column in (("batch_id_seq", "import_batches", "batch_id"), ("audit_id_seq", "audit_log", "audit_id")):
        last = con.execute(f"select coalesce(max({column}), 0) from {table}").fetchone()[0]
        con.execute(f"select nextval('{sequence}') from range($n)", {"n": last})
    con.execute("detach current_db")
    con.close()


def test_a_database_of_the_release_before_payment_lines_upgrades_in_place(tmp_path):
    """Issue 33 (task F): a database made before migration 014 (payments without detail lines, a CHECK that tied
    the fiscal year to pay_date's) upgrades on first use, every payment and batch kept; then takes a file of
    detail lines and a carry-over payment, and its undo."""
    current = tmp_path / "current.duckdb"
    fresh_db(current, demo=True)
    forget_units(current)
    old = tmp_path / "release.duckdb"
    release_schema_copy(current, old, before=14)
    con = duckdb.connect(str(old), read_only=True)
    assert con.execute("select max(version) from schema_version").fetchone()[0] < 14
    assert "line_no" not in {c for (c,) in con.execute("select column_name from duckdb_columns()"
                                                         " where table_name = 'disbursements'").fetchall()}
    kept = {t: con.execute(f"select * from {t} order by all").fetchall() for t in ("import_batches", "monthly_actuals")}
    payments = con.execute("select * from disbursements order by all").fetchall()
    con.close()
    expected = cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=current).stdout

    out = cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=old)   # upgrades, then reads
    assert out.returncode == 0, out.stderr
    assert out.stdout == expected
    con = opening.connect(old, read_only=True)
    assert schema.schema_version(con) == schema.SCHEMA_VERSION >= 14
    for table, rows in kept.items():
        assert con.execute(f"select * from {table} order by all").fetchall() == rows, table
    # every payment kept, as it was, with no detail line ('') and nothing the file did not say
    assert con.execute("select fiscal_year, voucher_no, project_code, pay_date, amount_yuan, payee, summary, batch_id"
                       " from disbursements order by all").fetchall() == payments
    assert con.execute("select count(*) from disbursements where line_no <> '' or coalesce(quota_doc_no, source, unit_code,"
                       " unit_name) is not null or direct is not null or procurement is not null").fetchone()[0] == 0
    con.close()

    pay = tmp_path / "lines.csv"
    pay.write_text("支付凭证号,指标文号,项目编码,付款日期,金额,预算年度\n"
                   "SAMPLE-2021-0001,文1,106-0401-YBN-QS1Q,2021-12-01,100,2021\n"     # a stored voucher given lines
                   "ZF-1,文1,106-0401-YBN-QS1Q,2021-12-01,100,2021\n", encoding="utf-8")
    out = cli_in_process("import-disbursements", str(pay), db_path=old)
    assert out.returncode == 1 and "已存储的同一键内容不同" in out.stderr     # never a second payment of it
    pay.write_text("支付凭证号,指标文号,项目编码,付款日期,金额,预算年度\n"
                   "ZF-1,文1,106-0401-YBN-QS1Q,2021-12-01,100,2021\n"
                   "ZF-1,文2,106-0401-YBN-QS1Q,2021-12-01,200,2021\n"
                   "ZF-2,文1,106-0401-YBN-QS1Q,2022-01-05,300,2021\n", encoding="utf-8")
    out = cli_in_process("import-disbursements", str(pay), db_path=old)
    assert out.returncode == 0, out.stderr
    assert "导入 3 行" in out.stdout
    batch = max(b for (b, *_) in kept["import_batches"]) + 1
    assert f"（批次 {batch}）" in out.stdout
    assert cli_in_process("undo", str(batch), db_path=old).returncode == 0
    con = duckdb.connect(str(old), read_only=True)
    assert con.execute("select * exclude (line_no, quota_doc_no, source, direct, procurement, unit_code, unit_name)"
                       " from disbursements order by all").fetchall() == payments
    assert con.execute("select * from monthly_actuals where amount_yuan <> 0 order by all").fetchall() == \
        [r for r in kept["monthly_actuals"] if r[3] != 0]
    con.close()
