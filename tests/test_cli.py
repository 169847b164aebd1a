"""The command line of SPEC §3, run as a user runs it: its own process, real files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from conftest import ROOT, cli, fresh_db
from spending.pace import SECTION_COLUMNS, STATUS_COLUMNS


def test_acceptance_init_then_november_status(tmp_path):
    path = tmp_path / "a.duckdb"
    assert cli("init", db_path=path).returncode == 0
    out = cli("status", "--as-of", "2021-11", "--format", "csv", db_path=path)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert out.stdout.splitlines()[0] == ",".join(STATUS_COLUMNS)
    assert len(rows) == 7
    plans = {r["project_name"]: r["plan_pct"] for r in rows}
    assert plans.pop("代理记账中心运转费") == "85.00"
    assert set(plans.values()) == {"50.00"}
    assert {r["actual_wan"] for r in rows} == {"0.00"} and {r["as_of"] for r in rows} == {"2021-11"}
    assert not out.stdout.startswith("\ufeff")


def test_init_twice_changes_nothing_and_says_so(tmp_path):
    path = tmp_path / "a.duckdb"
    cli("init", "--demo", db_path=path)
    before = cli("status", "--as-of", "2021-11", "--format", "csv", db_path=path).stdout
    again = cli("init", db_path=path)
    assert again.returncode == 0 and "already initialised" in again.stdout
    assert cli("status", "--as-of", "2021-11", "--format", "csv", db_path=path).stdout == before


def test_spending_db_environment_variable(tmp_path):
    path = tmp_path / "env.duckdb"
    assert cli("init", env_extra={"SPENDING_DB": str(path)}).returncode == 0
    assert path.exists()
    out = cli("sections", "--as-of", "2021-06", "--format", "json", env_extra={"SPENDING_DB": str(path)})
    data = json.loads(out.stdout)
    assert [list(d) for d in data][0] == SECTION_COLUMNS and len(data) == 6   # 行政事业科 has no project


def test_formats_and_filters(demo_db):
    table = cli("status", "--as-of", "2021-11", db_path=demo_db)
    assert table.returncode == 0 and "严重滞后" in table.stdout
    first = table.stdout.splitlines()[2]
    assert "会计培训" in first or "业务委托费" in first          # most behind (or overspent) first
    one = cli("status", "--as-of", "2021-11", "--section", "预算国库科", "--format", "json", db_path=demo_db)
    assert {r["section"] for r in json.loads(one.stdout)} == {"预算国库科"}
    sections = cli("sections", "--as-of", "2021-11", "--format", "csv", db_path=demo_db)
    rows = list(csv.DictReader(io.StringIO(sections.stdout)))
    assert sections.stdout.splitlines()[0] == ",".join(SECTION_COLUMNS)
    assert sum(int(r["projects"]) for r in rows) == 7
    loose = cli("status", "--as-of", "2021-11", "--yellow", "30", "--red", "40", "--format", "json", db_path=demo_db)
    assert "severe" not in {r["status"] for r in json.loads(loose.stdout)}


def test_year_without_projects(demo_db):
    out = cli("status", "--as-of", "2030-01", "--format", "csv", db_path=demo_db)
    assert (out.returncode, out.stdout) == (0, ",".join(STATUS_COLUMNS) + "\n")
    out = cli("sections", "--as-of", "2030-01", "--format", "json", db_path=demo_db)
    assert (out.returncode, json.loads(out.stdout)) == (0, [])


@pytest.mark.parametrize("args", [
    ["status", "--as-of", "2021-13"],
    ["status", "--as-of", "2021-00"],
    ["status", "--as-of", "202111"],
    ["status"],
    ["status", "--as-of", "2021-11", "--format", "xml"],
    ["status", "--as-of", "2021-11", "--yellow", "abc"],
    ["status", "--as-of", "2021-11", "--yellow", "30", "--red", "20"],
    ["frobnicate"],
    ["status", "--as-of", "2021-11", "--bogus"],
    [],
])
def test_wrong_usage_exits_2(demo_db, args):
    out = cli(*args, db_path=demo_db)
    assert out.returncode == 2 and "Traceback" not in out.stderr


@pytest.mark.parametrize("args", [
    ["status", "--as-of", "2021-11"],
    ["import-disbursements", "data/sample-disbursements-2021.csv"],
])
def test_missing_database_exits_1_in_one_line(tmp_path, args):
    out = cli(*args, db_path=tmp_path / "none.duckdb")
    assert out.returncode == 1 and "init" in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_missing_import_file_exits_1(demo_db):
    out = cli("import-plan", "/no/such/file.csv", db_path=demo_db)
    assert out.returncode == 1 and "Traceback" not in out.stderr and "cannot read" in out.stderr


def test_not_a_database_exits_1(tmp_path):
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    out = cli("status", "--as-of", "2021-11", db_path=path)
    assert out.returncode == 1 and "Traceback" not in out.stderr


def test_locked_database_names_the_holder(tmp_path):
    path = tmp_path / "locked.duckdb"
    fresh_db(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('ready', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        # a write waits for the other writer up to --wait seconds (default 120), then names it
        out = cli("import-disbursements", str(ROOT / "data/sample-disbursements-2021.csv"), "--wait", "1",
                  db_path=path)
        assert out.returncode == 1
        assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
        assert f"PID {holder.pid}" in out.stderr and "locked" in out.stderr
    finally:
        holder.kill()
        holder.wait()
    assert cli("import-disbursements", str(ROOT / "data/sample-disbursements-2021.csv"), db_path=path).returncode == 0


def test_import_reports_rows_then_remove_sample(tmp_path):
    path = tmp_path / "s.duckdb"
    fresh_db(path, demo=True)
    again = cli("import-disbursements", "data/sample-disbursements-2021.csv", db_path=path)
    assert again.returncode == 0 and "nothing changed" in again.stdout
    removed = cli("remove-sample", db_path=path)
    assert removed.returncode == 0
    out = cli("sections", "--as-of", "2021-11", "--format", "json", db_path=path)
    assert {r["actual_wan"] for r in json.loads(out.stdout)} == {0.0}
    assert sum(r["budget_wan"] for r in json.loads(out.stdout)) == 289.0


def test_import_from_a_pipe_reads_every_row(tmp_path):
    """`import-disbursements /dev/stdin` fed by a pipe (or `<(…)`): the file can be read only once, so it
    is taken whole on the first read. It used to import 0 rows and exit 0."""
    path = tmp_path / "s.duckdb"
    fresh_db(path, demo=True)
    code = json.loads(cli("status", "--as-of", "2021-06", "--format", "json", db_path=path).stdout)[0]["project_code"]
    text = f"凭证号,项目编码,支付日期,金额(元),收款单位,摘要\nPIPE-1,{code},2021-03-15,100.00,某公司,网费\n"
    done = subprocess.run([sys.executable, "-m", "spending", "--db", str(path), "import-disbursements", "/dev/stdin"],
                          cwd=ROOT, input=text, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "imported 1 rows" in done.stdout
