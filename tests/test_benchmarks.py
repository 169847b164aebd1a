"""The benchmark still runs end to end (issue 5): a tiny generated data set through generate.py
and run.py (imports, the floor, every page query, every page in AppTest, the pandas baseline).
Only that it runs and reports is checked here; speed is measured by the benchmark, not by tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT


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
