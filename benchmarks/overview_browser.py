"""Warm 总览 in Chromium against a bare Streamlit page with the same elements (issue 34's browser figure).

    .venv-test/bin/python benchmarks/overview_browser.py --db benchmarks/out/bench-large.duckdb \
        [--path "/?year=2025&month=11"] [--runs 5]

Two real servers (`streamlit run`, file watcher off, as a production server runs): the dashboard on DB, and a bare
script. 总览 is opened once in Debian's Chromium (the cold view: caches filled) and its elements counted by kind
(the `stElementContainer`s' data-testid inside: metrics, tables, charts, headings …); the bare script draws as many
of each kind from constants (a 12-point Plotly line per chart, a 10-row table per table), no database, no query. Then
each page is re-opened --runs times in the same browser context (warm: the server's caches and the browser's
assets), alternating, each timed from `page.goto` until it is drawn (tests/browser.wait_rendered: the script run
finished, h1, every chart's SVG, no skeleton, every visible table's cells). Printed: the medians, the ratio
(target: 总览 within 2× the bare page), the element counts of both.
Needs the test environment (Playwright); the servers run in the runtime environment (.venv).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, close_browser, free_port, stop, wait_rendered  # noqa: E402
from runtime import RUNTIME_PYTHON  # noqa: E402

# The kinds a page's element containers hold, by the data-testid of their first child
COUNT_JS = """() => {
  const known = ['stPlotlyChart', 'stDataFrame', 'stMetric', 'stSelectbox', 'stNumberInput', 'stDownloadButton',
                 'stPageLink', 'stAlert', 'stHeading', 'stHtml', 'stMarkdown'];
  const kinds = {};
  for (const c of document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]')) {
    let kind = known.find(k => c.querySelector(`[data-testid="${k}"]`) || c.querySelector(`.${k}`));
    if (!kind && c.querySelector('.js-plotly-plot')) kind = 'stPlotlyChart';
    if (!kind) { const inner = c.querySelector('[data-testid]'); kind = inner ? inner.getAttribute('data-testid') : 'other'; }
    kinds[kind] = (kinds[kind] || 0) + 1;
  }
  return kinds;
}"""

BARE = '''
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

COUNTS = {counts!r}
st.set_page_config(page_title="bare", layout="wide")
st.title("总览 · bare")
table = pd.DataFrame({{"项目": [f"P{{i}}" for i in range(10)], "金额": [i * 1.5 for i in range(10)]}})
figure = go.Figure(go.Scatter(x=list(range(1, 13)), y=[i * 8 for i in range(12)]))
for kind, n in COUNTS.items():
    for i in range(n - (kind == "stHeading")):     # the title is one of the headings
        if kind == "stMetric":
            st.metric(f"指标 {{i}}", f"{{i}}.00 万元", "1.0")
        elif kind == "stDataFrame":
            st.dataframe(table)
        elif kind == "stPlotlyChart":
            st.plotly_chart(figure, key=f"chart{{i}}")
        elif kind == "stHeading":
            st.subheader(f"标题 {{i}}")
        elif kind == "stSelectbox":
            st.selectbox(f"选择 {{i}}", ["a", "b"], key=f"select{{i}}")
        elif kind == "stNumberInput":
            st.number_input(f"数字 {{i}}", value=10, key=f"number{{i}}")
        elif kind == "stDownloadButton":
            st.download_button(f"下载 {{i}}", b"x", key=f"download{{i}}")
        elif kind == "stAlert":
            st.info(f"提示 {{i}}")
        elif kind == "stPageLink":
            st.page_link("bare.py", label=f"链接 {{i}}")
        elif kind == "stHtml":
            st.html(f"<p>html {{i}}</p>")
        else:
            st.markdown(f"文字 {{i}}")
'''


def server(script: Path, cwd: Path, env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([str(RUNTIME_PYTHON), "-m", "streamlit", "run", str(script), "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true",
                             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                            cwd=cwd, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while True:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return proc, f"http://127.0.0.1:{port}"
        except OSError:
            pass
        if time.time() > deadline or proc.poll() is not None:
            stop(proc)
            raise SystemExit(f"streamlit did not start: {log.read_text()[-2000:]}")
        time.sleep(0.3)


def drawn(page, url: str, charts: int, timeout: float) -> float:
    start = time.perf_counter()
    page.goto(url)
    wait_rendered(page, charts=charts, timeout=timeout)
    return time.perf_counter() - start - 0.1      # wait_rendered's own closing pause


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--path", default="/?year=2025&month=11", help="总览's address on that database")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600, help="seconds a page may take to be drawn")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    timeout = args.timeout * 1000
    folder = Path(tempfile.mkdtemp(prefix="overview-browser-"))
    procs = []
    try:
        dash, dash_url = server(ROOT / "dashboard.py", ROOT, {**os.environ, "SPENDING_DB": str(args.db.resolve())},
                                folder / "dashboard.log")
        procs.append(dash)
        with chromium() as page:
            cold = drawn(page, dash_url + args.path, 1, timeout)
            page.wait_for_timeout(2000)          # every chart drawn (the first one was waited for)
            counts = page.evaluate(COUNT_JS)
            charts = counts.get("stPlotlyChart", 0)
            print(f"总览 cold (first view, caches filled): {cold:.2f} s; elements {sum(counts.values())}: "
                  + json.dumps(counts, ensure_ascii=False), flush=True)
            (folder / "bare.py").write_text(BARE.format(counts=counts), encoding="utf-8")
            bare, bare_url = server(folder / "bare.py", folder, dict(os.environ), folder / "bare.log")
            procs.append(bare)
            drawn(page, bare_url, charts, timeout)
            bare_counts = page.evaluate(COUNT_JS)
            times: dict[str, list[float]] = {"overview": [], "bare": []}
            for _ in range(args.runs):
                times["overview"].append(drawn(page, dash_url + args.path, charts, timeout))
                times["bare"].append(drawn(page, bare_url, charts, timeout))
        median = {k: statistics.median(v) for k, v in times.items()}
        ratio = median["overview"] / median["bare"]
        print(f"bare page elements {sum(bare_counts.values())}: " + json.dumps(bare_counts, ensure_ascii=False))
        print(f"warm, median of {args.runs}: 总览 {median['overview']:.2f} s, bare page {median['bare']:.2f} s:"
              f" {ratio:.2f}x ({'PASS' if ratio <= 2 else 'FAIL'}: target <= 2x); load average {os.getloadavg()[0]:.1f}")
        if args.json:
            args.json.write_text(json.dumps({"cold_s": cold, "counts": counts, "bare_counts": bare_counts,
                                             "times_s": times, "median_s": median, "ratio": ratio}, ensure_ascii=False,
                                            indent=2), encoding="utf-8")
    finally:
        close_browser()
        for proc in procs:
            stop(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
