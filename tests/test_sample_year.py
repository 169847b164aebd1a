"""The demo's SAMPLE previous year (2020): loaded by `init --demo`, marked as sample in every batch,
compared by `compare`, and removed whole by `remove-sample` (plan, sections, fiscal year)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import duckdb

from conftest import ROOT, cli_in_process, fresh_db

COUNTS = "select (select count(*) from projects where fiscal_year = 2020), " \
         "(select count(*) from plan_checkpoints where fiscal_year = 2020), " \
         "(select count(*) from sections where fiscal_year = 2020), " \
         "(select count(*) from disbursements where fiscal_year = 2020), " \
         "(select count(*) from fiscal_years where fiscal_year = 2020), " \
         "(select count(*) from pace_cache where fiscal_year = 2020)"


def query(path, sql):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_generator_reproduces_the_sample_files(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "data" / "make_sample.py"), str(tmp_path)], check=True,
                   capture_output=True)
    for name in ("sample-plan-2020.csv", "sample-disbursements-2020.csv", "sample-disbursements-2021.csv",
                 "sample-adjustments-2021.csv"):
        assert (tmp_path / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name


def test_sample_year_files_are_marked():
    plan = list(csv.DictReader(io.StringIO((ROOT / "data/sample-plan-2020.csv").read_text(encoding="utf-8"))))
    codes_2021 = {r["项目编码"] for r in csv.DictReader(io.StringIO((ROOT / "data/plan-2021.csv").read_text(encoding="utf-8")))}
    codes_2020 = {r["项目编码"] for r in plan}
    assert len(codes_2020 & codes_2021) == 6 and len(codes_2020 - codes_2021) == 2
    assert all("示例" in r["项目名称"] for r in plan if r["项目编码"] not in codes_2021)
    assert all("示例" in r["资金用途"] for r in plan)
    pays = list(csv.DictReader(io.StringIO((ROOT / "data/sample-disbursements-2020.csv").read_text(encoding="utf-8"))))
    assert pays and all(r["凭证号"].startswith("SAMPLE-2020-") and r["支付日期"].startswith("2020-") for r in pays)
    assert all(r["项目编码"] in codes_2020 for r in pays)


def test_demo_loads_the_sample_year_and_remove_sample_removes_it(tmp_path):
    path = tmp_path / "demo.duckdb"
    made = cli_in_process("init", "--demo", db_path=path)
    assert made.returncode == 0 and "7 个项目，年初预算 289.00 万元" in made.stdout and "2020" in made.stdout
    assert query(path, COUNTS)[0][:5] == (8, 28, 5, 31, 1)
    # every 2020 row came in a batch marked as sample
    assert query(path, "select bool_and(b.is_sample) from projects p join import_batches b using (batch_id)"
                       " where p.fiscal_year = 2020")[0][0]
    assert query(path, "select bool_and(b.is_sample) from disbursements d join import_batches b using (batch_id)"
                       " where d.fiscal_year = 2020")[0][0]
    compare = list(csv.DictReader(io.StringIO(cli_in_process("compare", "--as-of", "2021-11", "--format", "csv", db_path=path).stdout)))
    assert {r["section"] for r in compare if r["last_actual_pct"]} == {"预算国库科", "综合科", "经济建设科", "非税综合科", "农业农村科"}
    status_2021 = cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=path).stdout

    removed = cli_in_process("remove-sample", db_path=path)
    assert removed.returncode == 0, removed.stderr
    assert query(path, COUNTS)[0] == (0, 0, 0, 0, 0, 0)
    assert query(path, "select count(*) from projects where fiscal_year = 2021")[0][0] == 7
    assert query(path, "select count(*) from sections where fiscal_year = 2021")[0][0] == 7
    assert query(path, "select count(*) from import_batches where is_sample and undone_at is null")[0][0] == 0
    compare = list(csv.DictReader(io.StringIO(cli_in_process("compare", "--as-of", "2021-11", "--format", "csv", db_path=path).stdout)))
    assert compare and all(r["last_actual_pct"] == "" for r in compare)
    assert cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=path).stdout != status_2021   # payments gone
    assert cli_in_process("remove-sample", db_path=path).returncode == 0                                          # twice: no-op


def test_a_sample_plan_with_real_payments_stays(tmp_path):
    path = tmp_path / "demo.duckdb"
    fresh_db(path, demo=True)
    real = tmp_path / "real-2020.csv"
    real.write_text("凭证号,项目编码,支付日期,金额(元)\nREAL-1,106-0401-YBN-S20A,2020-12-01,100.00\n", encoding="utf-8")
    assert cli_in_process("import-disbursements", str(real), db_path=path).returncode == 0
    result = cli_in_process("remove-sample", db_path=path)
    assert result.returncode == 1 and "真实支付" in result.stderr
    assert query(path, "select count(*) from projects where fiscal_year = 2020")[0][0] == 8
