"""The benchmark still runs end to end (issue 5): a tiny generated data set through generate.py
and run.py (imports, the floor, every page query, every page in AppTest, the pandas baseline).
Only that it runs and reports is checked here; speed is measured by the benchmark, not by tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, fresh_db


def test_generate_and_run_a_tiny_benchmark(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "BENCH_OUT": str(tmp_path / "out")}
    done = subprocess.run([sys.executable, "benchmarks/generate.py", "--projects", "300", "--payments", "20000",
                           "--sections", "6", "--adjustments", "30", "--out", str(data)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    results = tmp_path / "results.json"
    done = subprocess.run([sys.executable, "benchmarks/run.py", "--size", "small", "--data", str(data),
                           "--skip-seed", "--page-runs", "1", "--json", str(results)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    report = json.loads(results.read_text(encoding="utf-8"))
    assert [i["kind"] for i in report["imports"]] == ["plan", "adjustments", "disbursements"]
    assert report["imports"][2]["loaded"] == 20000 and report["import_floor"]["rows"] == 20000
    assert report["counts"] == {"projects": 300, "payments": 20000, "adjustments": 30}
    assert {p["page"] for p in report["pages"]} >= {"overview", "pacing", "sections", "project", "data"}
    assert not [p for p in report["pages"] if p["errors"]]
    for month in ("3", "6", "11"):
        assert report["baseline"]["months"][month]["status_differences"] == 0
    assert report["downloads"]["rows"] == 300
    assert any(t["target"] == "query <= 100 ms median" for t in report["targets"])


@pytest.mark.parametrize("profile, tag", [(True, "seed"), (False, None)])
def test_the_seed_run_profiles_its_pages_over_target_when_asked(tmp_path, monkeypatch, profile, tag):
    """Issue 41: `run.py --size seed --profile` writes a cProfile of each seed page over its 0.5 s target, as the
    other sizes do (it profiled none): measure_seed hands the profile tag to measure_pages."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    monkeypatch.setattr(run, "OUT", tmp_path)
    asked: dict = {}
    monkeypatch.setattr(run, "measure_queries", lambda *args, **kwargs: [])
    monkeypatch.setattr(run, "measure_observed", lambda *args, **kwargs: [])
    monkeypatch.setattr(run, "measure_pages", lambda *args, **kwargs: asked.update(kwargs) or [])
    report: dict = {}
    run.measure_seed(5, 1, report, 60.0, profile)
    assert "error" not in report["seed"] and report["seed"]["year"] == 2021
    assert asked["profile_tag"] == tag


def test_generated_payments_carry_issue_33s_detail_lines(tmp_path, ledger):
    """generate.py's default layout is the treasury system's payment detail lines (issue 33): two lines per
    支付凭证号, 预算年度, 指标文号, 资金来源, 直达, 预算单位 (the plan names each project's unit); they import
    through ingest.import_file as every column says. --layout plain is the layout before, still reachable."""
    import csv

    from spending import ingest

    data, plain = tmp_path / "data", tmp_path / "plain"
    for layout, out in (("detail", data), ("plain", plain)):
        done = subprocess.run([sys.executable, "benchmarks/generate.py", "--projects", "100", "--payments", "2001",
                               "--sections", "4", "--adjustments", "10", "--layout", layout, "--out", str(out)],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
    with open(plain / "disbursements.csv", encoding="utf-8") as f:
        assert next(csv.reader(f)) == ["voucher_no", "project_code", "pay_date", "amount_yuan", "payee", "summary"]
    with open(data / "disbursements.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["voucher_no", "project_code", "pay_date", "amount_yuan", "payee", "summary", "line_no",
                             "budget_year", "quota_doc_no", "source", "direct", "unit_code", "unit_name"]
    assert [(r["voucher_no"], r["line_no"]) for r in rows[:3]] == [("2025-00000001", "1"), ("2025-00000001", "2"),
                                                                   ("2025-00000002", "1")]
    assert all(rows[i]["project_code"] == rows[i + 1]["project_code"] and rows[i]["pay_date"] == rows[i + 1]["pay_date"]
               for i in range(0, len(rows) - 1, 2))
    assert {r["direct"] for r in rows if r["source"] == "中央直达资金"} == {"是"}
    assert {r["direct"] for r in rows if r["source"] != "中央直达资金"} == {"否"}
    con = ledger.con
    for kind, name in (("plan", "plan.csv"), ("adjustments", "adjustments.csv"), ("disbursements", "disbursements.csv")):
        ingest.import_file(con, kind, data / name)
    assert con.execute("select count(*), count(distinct voucher_no), count(distinct unit_code) filter (where unit_code"
                       " is not null) from disbursements").fetchone() == (2001, 1001, 4)
    assert con.execute("select count(*) from projects where unit_code is null or unit_name is null").fetchone()[0] == 0
    assert con.execute("select count(*) from disbursements d join projects p using (fiscal_year, project_code)"
                       " where d.unit_code <> p.unit_code or d.quota_doc_no is null or d.source is null"
                       " or d.direct is null").fetchone()[0] == 0


def test_units_sources_benchmark_runs(tmp_path):
    """benchmarks/units_sources.py (issue 34) still builds its database on the current schema and times `units` and
    `sources` in this process, by the CLI beyond a bare start, and by pandas (a tiny size)."""
    done = subprocess.run([sys.executable, "benchmarks/units_sources.py", "--projects", "200", "--units", "7",
                           "--quotas", "300", "--payments", "5000", "--cli-runs", "1", "--db", str(tmp_path / "u.duckdb")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    assert "ours: open" in done.stdout and "(7 units)" in done.stdout
    assert "ms beyond start; sources" in done.stdout and "pandas: load" in done.stdout


@pytest.mark.browser
def test_overview_browser_benchmark_runs(tmp_path):
    """benchmarks/overview_browser.py (issue 34's browser figure) opens 总览 in Chromium on a real server, counts its
    elements by kind, draws a bare page with as many of each and times both warm (one run, the demo database)."""
    db_file = fresh_db(tmp_path / "demo.duckdb", demo=True)
    results = tmp_path / "overview.json"
    done = subprocess.run([sys.executable, "benchmarks/overview_browser.py", "--db", str(db_file),
                           "--path", "/?year=2021&month=11", "--runs", "1", "--json", str(results)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    report = json.loads(results.read_text(encoding="utf-8"))
    assert report["counts"] == report["bare_counts"] and report["counts"]["stPlotlyChart"] >= 1
    assert len(report["times_s"]["overview"]) == len(report["times_s"]["bare"]) == 1 and report["ratio"] > 0
    assert "warm, median of 1" in done.stdout
