"""Backup while the data is in use, restore by putting the file in place (as the README says)."""

import shutil

from conftest import cli, fresh_db
from spending.db import backups, opening, schema


def test_backup_then_restore_gives_identical_status(tmp_path):
    live = tmp_path / "live.duckdb"
    fresh_db(live, demo=True)
    before = cli("status", "--as-of", "2021-11", "--format", "csv", db_path=live).stdout
    out = cli("backup", str(tmp_path / "backup.duckdb"), db_path=live)
    assert out.returncode == 0, out.stderr
    # the live database changes after the backup...
    assert cli("remove-sample", db_path=live).returncode == 0
    assert cli("status", "--as-of", "2021-11", "--format", "csv", db_path=live).stdout != before
    # ...and the README's restore brings the backed-up state back
    shutil.copy(tmp_path / "backup.duckdb", live)
    assert cli("status", "--as-of", "2021-11", "--format", "csv", db_path=live).stdout == before
    # new batches after a restore still get fresh ids (the sequence came along)
    assert cli("import-adjustments", "data/sample-adjustments-2021.csv", db_path=live).returncode == 0
    assert cli("import-disbursements", str(tmp_path / "none.csv"), db_path=live).returncode == 1


def test_backup_in_process_while_connection_open(tmp_path):
    path = tmp_path / "open.duckdb"
    con = opening.connect(path, create=True)
    target = backups.backup(con, tmp_path / "copy.duckdb")
    con.close()
    assert schema.schema_version(opening.connect(target)) == schema.SCHEMA_VERSION


def test_backup_refuses_to_overwrite(tmp_path):
    path = tmp_path / "a.duckdb"
    fresh_db(path)
    (tmp_path / "exists.duckdb").write_bytes(b"x")
    out = cli("backup", str(tmp_path / "exists.duckdb"), db_path=path)
    assert out.returncode == 1 and "already exists" in out.stderr


def test_export_parquet_partitions_by_year_and_section(tmp_path):
    import duckdb

    path = tmp_path / "p.duckdb"
    fresh_db(path, demo=True)
    out = cli("export-parquet", str(tmp_path / "warehouse"), db_path=path)
    assert out.returncode == 0, out.stderr
    assert len(list((tmp_path / "warehouse/disbursements/fiscal_year=2021").iterdir())) == 6   # one folder a section
    reader = duckdb.connect()
    paid = reader.execute(f"select count(*), sum(amount_yuan), count(distinct section) from read_parquet("
                          f"'{tmp_path}/warehouse/disbursements/fiscal_year=2021/**/*.parquet', hive_partitioning = true)").fetchone()
    sections = {s for (s,) in reader.execute(f"select distinct section from read_parquet("
                                            f"'{tmp_path}/warehouse/projects/fiscal_year=2021/**/*.parquet', hive_partitioning = true)").fetchall()}
    assert "集中支付中心" in sections and paid[0] == 54 and paid[2] == 6
    plans = reader.execute(f"select count(*), sum(budget_yuan), count(m10) from read_parquet("
                           f"'{tmp_path}/warehouse/projects/fiscal_year=2021/**/*.parquet', hive_partitioning = true)").fetchone()
    assert plans[0] == 7 and plans[1] == 2890000 and plans[2] == 7
    # the demo's SAMPLE previous year (issue 14) is its own partition
    last = reader.execute(f"select count(*) from read_parquet("
                          f"'{tmp_path}/warehouse/projects/fiscal_year=2020/**/*.parquet', hive_partitioning = true)").fetchone()
    assert last[0] == 8
    source = opening.connect(path)
    assert source.execute("select sum(amount_yuan) from disbursements where fiscal_year = 2021").fetchone()[0] == paid[1]
