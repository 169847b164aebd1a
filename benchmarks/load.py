"""Under load (issue 18): many sessions on one real server while the command line imports.

    python benchmarks/load.py [--clients websocket|chromium] [--reconnect] [--sessions 30] [--seconds 60]
                              [--import-rows 10000] [--import-pause 1] [--baseline-rounds 5]
                              [--no-file-watcher] [--json benchmarks/out/load.json] [--keep]
    python benchmarks/load.py --verify      # one websocket visit of each page against a Chromium one

A session is (--clients websocket, the default) a Python asyncio client speaking Streamlit's own
protocol on ws://127.0.0.1:PORT/_stcore/stream, no browser (WsSession: 30 of them cost this script
about 2 CPU seconds a minute), or (--clients chromium) one context of one Debian Chromium through
Playwright (Session: on 2 cores, 30 of them measure the browsers, not the server).

In one run:
  (a) a database of its own in a temporary folder (`python -m spending --db DB init --demo`: the
      source document's 2021 plan, 7 projects, with the sample payments), and ONE real server on it
      (`streamlit run dashboard.py` on a free loopback port, local mode, no login; tests/browser.py);
  (b) the baseline: one session (one client, or one Chromium context) opens the three pages once
      to warm up (the "first view", reported apart), then --baseline-rounds times each, nothing
      else running;
  (c) one import of a generated payment file (--import-rows rows) with the server idle: the
      import's time on its own;
  (d) the load: --sessions sessions, each opening the three pages in turn (each
      starting at a different page) for --seconds, while a loop runs the command line
      `python -m spending --db DB import-disbursements FILE --wait 120` on a new generated file of
      --import-rows payments after another (--import-pause seconds between them). The dashboard
      lets go of its read-only connection when a writer waits (sharing.Shared, <database>.write-wanted);
      every import changes the data version, so the pages' cached queries run again.

A websocket client's visit is a BackMsg rerun_script for the page (its query string, page_name =
its path; on the session's one connection, or a new one with --reconnect) until the ForwardMsg
script_finished FINISHED_SUCCESSFULLY; its deltas must hold the page's h1 (st.title: 总览 · …,
进度监控 · 2021年11月, <the project> · 2021年11月) and its plotly_chart elements (2 on 总览, 1 on the
others). Errors: an exception delta, an alert of format ERROR (页面出错 among them), a script run
finished otherwise, a socket closed or not opened, no h1 or a wrong one, too few charts, no
script_finished within --page-timeout (see WsSession).

A Chromium visit is page.goto(address) until the page is drawn: Streamlit's script run finished (the
ForwardMsg script_finished read off the page's WebSocket, no run started after it), the page's h1
is there, its Plotly charts (.js-plotly-plot .main-svg) are drawn and no skeleton is left. Its time
is from the goto to that moment (what tests/browser.py's wait_rendered waits for, without its
fixed 0.8 s pause).

Chromium's errors (each one printed; any error makes the exit status 1): page exceptions (pageerror),
stException elements, error boxes (stAlertContentError, Streamlit's 页面出错), HTTP responses >= 400
and failed requests of a page not yet drawn, WebSocket errors or a WebSocket closed before its page
was drawn, a script run that did not finish successfully, a page not drawn within --page-timeout,
a failed import, a traceback in the server's log (both kinds of client). Console errors are printed
and counted apart.

Memory: VmRSS of the server process and its children (/proc/PID/status) at start (server up, no
page yet), after the baseline, sampled every second during the load (peak), and at the end.
The figures go to --json (default benchmarks/out/load.json); the server's log is copied to
benchmarks/out/load-server.log.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
OUT = Path(os.environ.get("BENCH_OUT", BENCH / "out"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, free_port, streamlit_server  # noqa: E402
from streamlit.proto.Alert_pb2 import Alert  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

YEAR, MONTH = 2021, 11
FINISHED_OK = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
POLL_MS = 100       # how often a page is looked at once its script run has finished
HEADER = ["凭证号", "项目编码", "支付日期", "金额(元)", "收款单位", "摘要"]


def _timezone() -> str:
    try:
        return os.environ.get("TZ") or Path("/etc/timezone").read_text().strip() or "UTC"
    except OSError:
        return "UTC"


# what the frontend puts in ClientState.context_info (Intl's time zone, Date.getTimezoneOffset())
TIMEZONE, TIMEZONE_OFFSET = _timezone(), -time.localtime().tm_gmtoff // 60

# The page is drawn (h1, charts, no skeleton), or shows an exception / error box: say which.
DRAWN_JS = """(charts) => {
  const main = document.querySelector("[data-testid='stMain']");
  if (!main) return false;
  if (document.querySelector("[data-testid='stException'], [data-testid='stAlertContentError']")) return "error";
  if (!main.querySelector("h1")) return false;
  if (document.querySelectorAll(".js-plotly-plot .main-svg").length < charts) return false;
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  return "drawn";
}"""
STATE_JS = """() => JSON.stringify({visibility: document.visibilityState, focus: document.hasFocus(),
  h1: !!document.querySelector("[data-testid='stMain'] h1"), plots: document.querySelectorAll(".js-plotly-plot").length,
  drawn: document.querySelectorAll(".js-plotly-plot .main-svg").length,
  skeletons: document.querySelectorAll("[data-testid='stSkeleton']").length,
  status: (document.querySelector("[data-testid='stStatusWidget']") || {}).innerText || ""})"""
ERRORS_JS = """() => {
  const texts = (sel) => Array.from(document.querySelectorAll(sel)).map(e => e.innerText.trim().slice(0, 300));
  const body = document.body ? document.body.innerText : "";
  return {exceptions: texts("[data-testid='stException']"), boxes: texts("[data-testid='stAlertContentError']"),
          page_failed: body.includes("页面出错"), h1: texts("[data-testid='stMain'] h1").join(" | ")};
}"""


def say(*parts) -> None:
    print(*parts, flush=True)


def percentile(values: list[float], q: float) -> float | None:
    """Nearest rank."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def summary(values: list[float]) -> dict:
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "max": max(values) if values else None,
            "mean": statistics.fmean(values) if values else None}


def fmt(stats: dict) -> str:
    if not stats["n"]:
        return "no pages"
    return f"p50 {stats['p50']:.2f} s, p95 {stats['p95']:.2f} s, max {stats['max']:.2f} s (n = {stats['n']})"


# ------------------------------------------------------------------ processes, memory, CPU

def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found.append(int(entry))
    return found


def tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo.extend(children_of(p))
    return pids


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rpartition(")")[2].split()
            total += int(fields[11]) + int(fields[12])      # utime, stime
        except OSError:
            pass
    return total / os.sysconf("SC_CLK_TCK")


def comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def server_pid(port: int) -> int:
    for pid in children_of(os.getpid()):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in cmd and str(port).encode() in cmd:
            return pid
    raise RuntimeError("the server process was not found")


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# ------------------------------------------------------------------ the database and the payment files

def make_database(folder: Path) -> Path:
    path = folder / "load.duckdb"
    subprocess.run([sys.executable, "-m", "spending", "--db", str(path), "init", "--demo"], cwd=ROOT, check=True,
                   capture_output=True)
    return path


def pick_codes(path: Path) -> tuple[list[str], str]:
    """Every 2021 project code, and the one with the most payments (the 项目 page's)."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        codes = [r[0] for r in con.execute("select project_code from projects where fiscal_year = $y order by 1",
                                           {"y": YEAR}).fetchall()]
        busiest = con.execute("select project_code from disbursements where fiscal_year = $y group by 1"
                              " order by count(*) desc, 1 limit 1", {"y": YEAR}).fetchone()[0]
    finally:
        con.close()
    return codes, busiest


def page_titles(path: Path, code: str) -> dict[str, str]:
    """What each page's h1 (st.title) starts with: 总览 · <its month>, 进度监控 · 2021年11月,
    <the project's name> · 2021年11月 (the websocket clients check it)."""
    import duckdb

    from spending import i18n

    con = duckdb.connect(str(path), read_only=True)
    try:
        name = con.execute("select project_name from projects where fiscal_year = $y and project_code = $c",
                           {"y": YEAR, "c": code}).fetchone()[0]
    finally:
        con.close()
    label = i18n.month_label(YEAR, MONTH)
    return {"总览": f"{i18n.t('page_overview')} · ", "进度监控": f"{i18n.t('page_pacing')} · {label}",
            "项目": f"{name} · {label}"}


def payment_file(folder: Path, n: int, rows: int, codes: list[str], rng: random.Random) -> Path:
    """A new payment file: unique voucher numbers LOAD-n-…, small amounts in 2021 up to November."""
    path = folder / f"load-payments-{n:04d}.csv"
    first = date(YEAR, 1, 1)
    days = (date(YEAR, MONTH, 30) - first).days + 1
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for i in range(rows):
            out.writerow([f"LOAD-{n:04d}-{i:07d}", rng.choice(codes), (first + timedelta(rng.randrange(days))).isoformat(),
                          f"{rng.randint(100, 5000) / 100:.2f}", "某某负载测试有限公司", "负载测试支付"])
    return path


@dataclass
class ImportRun:
    file: str
    rows: int
    seconds: float
    status: int
    output: str


async def run_import(db_path: Path, file: Path, rows: int) -> ImportRun:
    t0 = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "spending", "--db", str(db_path), "import-disbursements", str(file), "--wait", "120",
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await proc.communicate()
    return ImportRun(file.name, rows, time.perf_counter() - t0, proc.returncode, output.decode(errors="replace").strip())


# ------------------------------------------------------------------ one browser session

@dataclass
class Visit:
    name: str
    address: str
    session: int
    started: float = field(default_factory=time.perf_counter)
    seconds: float | None = None
    done: bool = False
    running: bool = False
    finished: int = 0
    runs: int = 0
    socket_s: float | None = None       # WebSocket opened, s after the goto
    finished_s: float | None = None     # the last successful script_finished, s after the goto
    event: asyncio.Event = field(default_factory=asyncio.Event)
    elements: dict = field(default_factory=dict)    # the last script run's new_element deltas, by kind
    h1: list = field(default_factory=list)          # its st.title texts (Heading tag h1)
    received: int = 0                               # ForwardMsg bytes received (websocket clients)
    errors: int = 0                                 # errors of this visit (websocket clients)
    refs: int = 0                                   # ForwardMsgs sent as a ref_hash (a cached message)

    def script_done(self) -> None:
        """A script run finished successfully: the visit's page is complete (for now)."""
        self.running = False
        self.finished += 1
        self.finished_s = time.perf_counter() - self.started
        self.event.set()


def count_delta(visit: Visit, msg) -> None:
    """A ForwardMsg delta into the visit's element counts (the same for both kinds of client)."""
    if msg.ref_hash:
        visit.refs += 1
        return
    if msg.delta.WhichOneof("type") != "new_element":
        return
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    visit.elements[kind] = visit.elements.get(kind, 0) + 1
    if kind == "heading" and element.heading.tag == "h1":
        visit.h1.append(element.heading.body)


class Session:
    """One Chromium context and page, visiting pages one after another; collects its errors."""

    origin = ""        # the server's http://127.0.0.1:PORT (set once the server is up)
    notes: dict = {"other_hosts": {}, "base_path_probes": 0}

    def __init__(self, number: int, context, page, errors: list, console: list):
        self.number, self.context, self.page = number, context, page
        self.errors, self.console = errors, console
        self.visit: Visit | None = None
        self.requests: dict[int, Visit | None] = {}
        page.on("pageerror", self._page_error)
        page.on("console", self._console)
        page.on("websocket", self._websocket)
        page.on("request", self._request)
        page.on("requestfinished", lambda r: self.requests.pop(id(r), None))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    @classmethod
    async def open(cls, browser, number: int, errors: list, console: list) -> Session:
        context = await browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
        page = await context.new_page()
        return cls(number, context, page, errors, console)

    def error(self, kind: str, detail: str, visit: Visit | None = None) -> None:
        visit = visit or self.visit
        self.errors.append({"kind": kind, "detail": detail[:1500], "session": self.number,
                            "page": visit.address if visit else None,
                            "at_s": round(time.perf_counter() - visit.started, 2) if visit else None})

    def _page_error(self, exc) -> None:
        self.error("page exception", str(exc))

    def _console(self, msg) -> None:
        if msg.type == "error" and msg.text.startswith("Failed to load resource"):
            self.notes["console_failed_resource"] = self.notes.get("console_failed_resource", 0) + 1
        elif msg.type == "error":
            self.console.append({"session": self.number, "page": self.visit.address if self.visit else None,
                                 "text": msg.text[:500]})

    def _request(self, request) -> None:
        self.requests[id(request)] = self.visit

    def _request_failed(self, request) -> None:
        visit = self.requests.pop(id(request), None)
        failure = request.failure or ""
        if not request.url.startswith(self.origin + "/"):
            # the page icon (":material/…:") comes from fonts.gstatic.com: no network here but loopback
            key = f"{request.url.split('/')[2]}: {failure}"
            self.notes["other_hosts"][key] = self.notes["other_hosts"].get(key, 0) + 1
            return
        if visit is not None and visit.done and "ERR_ABORTED" in failure:
            return          # left behind by the next goto after its page was drawn
        self.error("HTTP request failed", f"{request.method} {request.url}: {failure}", visit)

    def _response(self, response) -> None:
        path = response.url[len(self.origin):].split("?")[0]
        if response.status == 404 and path.endswith(("/_stcore/health", "/_stcore/host-config")) \
                and not path.startswith("/_stcore/"):
            # Streamlit's frontend first looks for its server under the page's path (/pacing/_stcore/…),
            # then at the root: two 404s on every deep link, by design
            self.notes["base_path_probes"] += 1
            return
        if response.status >= 400:
            self.error("HTTP status", f"{response.status} {response.request.method} {response.url}")

    def _websocket(self, ws) -> None:
        if "/_stcore/stream" not in ws.url:
            return
        visit = self.visit
        if visit is None:
            return

        def frame(payload) -> None:
            if isinstance(payload, str):
                return
            msg = ForwardMsg()
            try:
                msg.ParseFromString(payload)
            except Exception as error:  # noqa: BLE001  (never seen: reported, not fatal)
                self.error("WebSocket frame", f"cannot read a ForwardMsg: {error}", visit)
                return
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                visit.running = True
                visit.runs += 1
                visit.elements, visit.h1 = {}, []
                visit.event.clear()
            elif kind == "delta" or msg.ref_hash:
                count_delta(visit, msg)
            elif kind == "script_finished":
                if msg.script_finished in FINISHED_OK:
                    visit.script_done()
                elif msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    self.error("script run", "FINISHED_WITH_COMPILE_ERROR", visit)

        def closed(_ws) -> None:
            if not visit.done:
                self.error("WebSocket closed", f"{ws.url} closed before the page was drawn", visit)

        visit.socket_s = visit.socket_s or time.perf_counter() - visit.started
        ws.on("framereceived", frame)
        ws.on("socketerror", lambda text: self.error("WebSocket error", f"{ws.url}: {text}", visit))
        ws.on("close", closed)

    async def view(self, name: str, address: str, charts: int, timeout: float) -> Visit:
        visit = self.visit = Visit(name, address, self.number)
        try:
            await asyncio.wait_for(self._drawn(visit, charts), timeout)
            visit.seconds = time.perf_counter() - visit.started
            found = await self.page.evaluate(ERRORS_JS)
            for text in found["exceptions"]:
                self.error("stException", text, visit)
            for text in found["boxes"]:
                self.error("error box", text, visit)
            if found["page_failed"] and not found["boxes"]:
                self.error("error box", "页面出错", visit)
            if not found["h1"]:
                self.error("no h1", "the page has no title", visit)
        except TimeoutError:
            try:
                state = await asyncio.wait_for(self.page.evaluate(STATE_JS), 10)
            except Exception as error:  # noqa: BLE001
                state = f"(page state not readable: {type(error).__name__})"
            self.error("timeout", f"not drawn within {timeout:g} s (script runs started {visit.runs}, "
                                  f"finished {visit.finished}, the last at {visit.finished_s or 0:.1f} s); "
                                  f"page: {state}", visit)
        except Exception as error:  # noqa: BLE001  (navigation errors and the like are errors of the run)
            self.error("navigation", f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}", visit)
        finally:
            visit.done = True
        return visit

    async def _drawn(self, visit: Visit, charts: int) -> None:
        await self.page.goto(visit.address, wait_until="commit")
        while True:
            await visit.event.wait()
            state = await self.page.wait_for_function(DRAWN_JS, arg=charts, timeout=0, polling=POLL_MS)
            if await state.json_value() == "error" or not visit.running:
                return

    async def close(self) -> None:
        await self.context.close()


# ------------------------------------------------------------------ one websocket session (no browser)

class WsSession:
    """One Streamlit session without a browser: an asyncio client (the `websockets` package, which
    Streamlit itself requires) speaking Streamlit 1.67's protocol on ws://127.0.0.1:PORT/_stcore/stream
    as its frontend does (static/js/index.*.js): the subprotocols "streamlit" and the XSRF token
    (PLACEHOLDER_AUTH_TOKEN when the page has no _streamlit_xsrf cookie), the page's Origin, then
    BackMsg rerun_script with a ClientState (query_string, page_name = the URL's path without its
    slash, page_script_hash "" — what a page load sends — and context_info: timezone, locale, url).
    The server answers with ForwardMsgs: session_status_changed, new_session, page_config_changed,
    navigation, delta …, script_finished.

    A visit is that rerun until script_finished with FINISHED_SUCCESSFULLY (FINISHED_EARLY_FOR_RERUN:
    a st.rerun, the next run is waited for); then its deltas must hold the page's h1 (st.title) and
    its Plotly charts (plotly_chart elements, 2 on 总览). Errors: an exception delta, an alert with
    format ERROR (Streamlit's st.error: 页面出错 among them), a script run finished otherwise, the
    socket closed (by the server, or not opened), a message sent by reference (ref_hash: none is
    expected, no cached message hashes are sent), no h1 / a wrong one / too few charts, a timeout.

    By default the session keeps its connection and each visit is a rerun on it (navigating inside
    the app); --reconnect opens a new connection (a new Streamlit session) for each visit, as a page
    load in a browser does, and the visit's time includes the handshake."""

    origin = ""          # http://127.0.0.1:PORT
    reconnect = False
    titles: dict = {}    # page name -> what its h1 starts with
    notes = Session.notes

    def __init__(self, number: int, errors: list):
        self.number, self.errors = number, errors
        self.ws = None
        self.reader: asyncio.Task | None = None
        self.visit: Visit | None = None
        self.closing = False

    def error(self, kind: str, detail: str, visit: Visit | None = None) -> None:
        Session.error(self, kind, detail, visit)
        visit = visit or self.visit
        if visit is not None:
            visit.errors += 1

    @classmethod
    async def open(cls, number: int, errors: list, timeout: float) -> WsSession:
        session = cls(number, errors)
        if not cls.reconnect:
            try:
                await session.connect(timeout)
            except Exception as error:  # noqa: BLE001  (tried again at the first visit)
                session.error("WebSocket open", f"{type(error).__name__}: {error}")
        return session

    async def connect(self, timeout: float | None) -> None:
        import websockets

        host = self.origin.split("//", 1)[1]
        self.closing = False
        self.ws = await websockets.connect(
            f"ws://{host}/_stcore/stream", origin=self.origin, subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"],
            max_size=None, ping_interval=None, open_timeout=timeout, proxy=None,
            user_agent_header="spending-load (websockets)")
        self.notes["ws_connections"] = self.notes.get("ws_connections", 0) + 1
        self.reader = asyncio.create_task(self._read(self.ws))

    async def _read(self, ws) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for payload in ws:
                visit = self.visit
                if isinstance(payload, str):
                    self.error("WebSocket frame", f"a text frame: {payload[:200]}", visit)
                    continue
                msg = ForwardMsg()
                try:
                    msg.ParseFromString(payload)
                except Exception as error:  # noqa: BLE001
                    self.error("WebSocket frame", f"cannot read a ForwardMsg: {error}", visit)
                    continue
                if visit is None or visit.done:
                    continue
                visit.received += len(payload)
                kind = msg.WhichOneof("type")
                if kind == "new_session":
                    visit.running = True
                    visit.runs += 1
                    visit.elements, visit.h1 = {}, []
                elif kind == "delta" or msg.ref_hash:
                    count_delta(visit, msg)
                    element = msg.delta.new_element
                    if msg.delta.WhichOneof("type") == "new_element":
                        which = element.WhichOneof("type")
                        if which == "exception":
                            self.error("exception", f"{element.exception.type}: {element.exception.message}", visit)
                        elif which == "alert" and (element.alert.format == Alert.ERROR or "页面出错" in element.alert.body):
                            self.error("error box", element.alert.body, visit)
                elif kind == "script_finished":
                    if msg.script_finished in FINISHED_OK:
                        visit.script_done()
                    elif msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        self.error("script run", ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished), visit)
                        visit.event.set()
        except ConnectionClosed as closed:
            if not self.closing:
                self.error("WebSocket closed", f"by the server: {closed}")
        except Exception as error:  # noqa: BLE001
            if not self.closing:
                self.error("WebSocket error", f"{type(error).__name__}: {error}")
        finally:
            if self.ws is ws:
                self.ws = None
            if self.visit is not None and not self.closing:
                self.visit.event.set()      # a visit waiting for its page ends now (an error)

    def rerun(self, address: str) -> bytes:
        url = urlsplit(address)
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = url.query
        state.page_script_hash = ""
        state.page_name = url.path.strip("/")
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = TIMEZONE, TIMEZONE_OFFSET, "zh-CN"
        info.url, info.is_embedded, info.color_scheme = address, False, "light"
        return msg.SerializeToString()

    async def view(self, name: str, address: str, charts: int, timeout: float) -> Visit:
        visit = self.visit = Visit(name, address, self.number)
        title = self.titles.get(name)
        try:
            await asyncio.wait_for(self._finished(visit), timeout)
            if visit.finished:
                visit.seconds = visit.finished_s
                if visit.refs:
                    self.error("ref_hash", f"{visit.refs} messages sent by reference (not read)", visit)
                if not visit.h1:
                    self.error("no h1", f"the page has no title; elements {visit.elements}", visit)
                elif title and not visit.h1[0].startswith(title):
                    self.error("wrong h1", f"{visit.h1[0]!r}, not {title!r}…", visit)
                if visit.elements.get("plotly_chart", 0) < charts:
                    self.error("charts", f"{visit.elements.get('plotly_chart', 0)} plotly_chart elements, "
                                         f"{charts} expected", visit)
            elif not visit.errors:
                self.error("WebSocket closed", "before the script run finished", visit)
        except TimeoutError:
            self.error("timeout", f"no script_finished within {timeout:g} s (script runs started {visit.runs}, "
                                  f"{sum(visit.elements.values())} elements received)", visit)
            await self.drop()       # the next visit starts on a new connection
        except Exception as error:  # noqa: BLE001
            self.error("WebSocket", f"{type(error).__name__}: {error}", visit)
            await self.drop()
        finally:
            visit.done = True
        return visit

    async def _finished(self, visit: Visit) -> None:
        if self.reconnect:
            await self.drop()
        if self.ws is None:
            await self.connect(None)        # the visit's own timeout bounds it
            visit.socket_s = time.perf_counter() - visit.started
        await self.ws.send(self.rerun(visit.address))
        await visit.event.wait()

    async def drop(self) -> None:
        ws, reader = self.ws, self.reader
        self.closing = True
        self.ws = self.reader = None
        if ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(ws.close(), 10)
        if reader is not None:
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(reader, 10)

    async def close(self) -> None:
        self.visit = None
        await self.drop()


# ------------------------------------------------------------------ the run

def page_list(url: str, code: str) -> list[tuple[str, str, int]]:
    return [("总览", f"{url}/", 2),
            ("进度监控", f"{url}/pacing?year={YEAR}&month={MONTH}", 1),
            ("项目", f"{url}/project?year={YEAR}&month={MONTH}&code={code}", 1)]


async def baseline(open_session, pages, rounds: int, timeout: float) -> tuple[dict, list]:
    session = await open_session(0)
    first, visits = {}, []
    try:
        for name, address, charts in pages:
            visit = await session.view(name, address, charts, timeout)
            first[name] = visit.seconds
        for _ in range(rounds):
            for name, address, charts in pages:
                visits.append(await session.view(name, address, charts, timeout))
    finally:
        await session.close()
    return first, visits


ELEMENTS_JS = """() => ({containers: document.querySelectorAll("[data-testid='stElementContainer']").length,
  plots: document.querySelectorAll(".js-plotly-plot").length,
  h1: Array.from(document.querySelectorAll("[data-testid='stMain'] h1")).map(e => e.innerText.trim())})"""


async def verify(pages, args, errors: list, console: list) -> int:
    """--verify: each page once by a websocket client (one connection, a rerun per page) and once by
    Chromium (a fresh context per page); their new_element deltas by kind side by side (Chromium's
    read off its page's WebSocket), with the element containers, Plotly charts and h1 in its DOM.
    Exit 1 if the counts or the h1 differ, or on any error."""
    from playwright.async_api import async_playwright

    ws_visits, browser_visits, dom = {}, {}, {}
    session = await WsSession.open(1, errors, args.page_timeout)
    try:
        for name, address, charts in pages:
            ws_visits[name] = await session.view(name, address, charts, args.page_timeout)
    finally:
        await session.close()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, address, charts in pages:
                page_session = await Session.open(browser, 2, errors, console)
                try:
                    browser_visits[name] = await page_session.view(name, address, charts, args.page_timeout)
                    dom[name] = await page_session.page.evaluate(ELEMENTS_JS)
                finally:
                    await page_session.close()
        finally:
            await browser.close()
    differ = 0
    say("")
    say("=== verify: one visit of each page, websocket client against Chromium")
    for name, address, _ in pages:
        w, c, d = ws_visits[name], browser_visits[name], dom[name]
        kinds = sorted(set(w.elements) | set(c.elements))
        same = w.elements == c.elements and w.h1 == c.h1 == d["h1"]
        differ += not same
        say(f"{name} ({address[len(WsSession.origin):]}): {'the same' if same else 'DIFFERENT'}")
        say(f"  websocket client: {sum(w.elements.values())} elements (new_element deltas) in "
            f"{w.seconds or 0:.2f} s, {w.received / 1024:.0f} KiB of ForwardMsgs, h1 {w.h1}")
        say(f"  Chromium:         {sum(c.elements.values())} elements read off its WebSocket (the last of "
            f"{c.runs} script runs), drawn in {c.seconds or 0:.2f} s; its DOM: {d['containers']} "
            f"stElementContainer, {d['plots']} Plotly charts, h1 {d['h1']}")
        say("  by kind (websocket / Chromium): "
            + ", ".join(f"{k} {w.elements.get(k, 0)}/{c.elements.get(k, 0)}" for k in kinds))
    say(f"errors: {len(errors)}")
    for e in errors[:40]:
        say(f"  [{e['kind']}] session {e['session']} {e['page'] or ''} at {e['at_s']} s: {e['detail'][:600]}")
    return 1 if errors or differ else 0


def split(visits: list[Visit]) -> dict:
    """Where a drawn page's time went: till the WebSocket opened (HTML, scripts), till Streamlit's
    script run finished (the server), and from there till it was drawn (the browser)."""
    drawn = [v for v in visits if v.seconds is not None and v.finished_s is not None]
    return {"socket_open_s": summary([v.socket_s for v in drawn if v.socket_s is not None]),
            "script_finished_s": summary([v.finished_s for v in drawn]),
            "script_finished_s_every_visit": summary([v.finished_s for v in visits if v.finished_s is not None]),
            "drawn_after_finish_s": summary([v.seconds - v.finished_s for v in drawn])}


def fmt_split(parts: dict, clients: str = "chromium") -> str:
    p = {k: v["p50"] for k, v in parts.items()}
    if p["script_finished_s"] is None:
        return "—"
    if clients == "websocket":
        opened = parts["socket_open_s"]
        return (f"p50: script run finished at {p['script_finished_s']:.2f} s"
                + (f" (of that, WebSocket open at p50 {opened['p50']:.2f} s, {opened['n']} connections)"
                   if opened["n"] else ""))
    return (f"p50: WebSocket open at {p['socket_open_s']:.2f} s, script run finished at {p['script_finished_s']:.2f} s, "
            f"drawn {p['drawn_after_finish_s']:.2f} s after that")


async def load(open_session, pages, args, db_path: Path, folder: Path, codes: list[str], server: int,
               errors: list) -> dict:
    t0 = time.perf_counter()
    sessions = await asyncio.gather(*(open_session(n + 1) for n in range(args.sessions)))
    opened = time.perf_counter() - t0
    what = "contexts" if args.clients == "chromium" else \
        ("clients (a connection per visit)" if args.reconnect else "connections")
    say(f"  {len(sessions)} {what} opened in {opened:.1f} s")
    visits: list[Visit] = []
    imports: list[ImportRun] = []
    rss_samples: list[float] = []
    rng = random.Random(18)
    started = time.perf_counter()
    deadline = started + args.seconds
    stop = asyncio.Event()

    async def browse(session: Session) -> None:
        n = session.number
        while time.perf_counter() < deadline:
            name, address, charts = pages[n % len(pages)]
            visits.append(await session.view(name, address, charts, args.page_timeout))
            n += 1

    async def import_loop() -> None:
        n = 1          # file 0 was the import on its own
        while time.perf_counter() < deadline:
            file = await asyncio.to_thread(payment_file, folder, n, args.import_rows, codes, rng)
            run = await run_import(db_path, file, args.import_rows)
            imports.append(run)
            file.unlink(missing_ok=True)
            if run.status != 0:
                errors.append({"kind": "import failed", "detail": run.output[-1500:], "session": None,
                               "page": run.file, "at_s": round(run.seconds, 2)})
            n += 1
            await asyncio.sleep(args.import_pause)

    async def sample() -> None:
        while not stop.is_set():
            rss_samples.append(rss_mb(tree(server)))
            try:
                await asyncio.wait_for(stop.wait(), 1)
            except TimeoutError:
                pass

    own = os.getpid()
    others = [p for p in tree(own) if p != own and p not in tree(server)]
    browser_cpu0, server_cpu0 = cpu_seconds(others), cpu_seconds(tree(server))
    chromium0 = cpu_seconds([p for p in others if comm(p).startswith("chrom")])
    own0 = cpu_seconds([own])
    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    sampler = asyncio.create_task(sample())
    tasks = [asyncio.create_task(browse(s)) for s in sessions]
    if not args.no_import:
        tasks.append(asyncio.create_task(import_loop()))
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - started
    stop.set()
    await sampler
    others = [p for p in tree(own) if p != own and p not in tree(server)]
    browser_cpu = cpu_seconds(others) - browser_cpu0
    chromium_cpu = cpu_seconds([p for p in others if comm(p).startswith("chrom")]) - chromium0
    own_cpu = cpu_seconds([own]) - own0
    server_cpu = cpu_seconds(tree(server)) - server_cpu0
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    import_cpu = (children.ru_utime + children.ru_stime) - (children0.ru_utime + children0.ru_stime)
    processes = sorted({comm(p) for p in others})
    await asyncio.gather(*(s.close() for s in sessions))
    return {"visits": visits, "imports": imports, "wall": wall, "contexts_opened_s": opened,
            "rss_peak": max(rss_samples) if rss_samples else None,
            "cpu": {"server_s": round(server_cpu, 1), "browser_s": round(browser_cpu, 1),
                    "chromium_s": round(chromium_cpu, 1), "playwright_driver_s": round(browser_cpu - chromium_cpu, 1),
                    "this_script_s": round(own_cpu, 1),
                    "imports_s": round(import_cpu, 1), "wall_s": round(wall, 1), "cores": os.cpu_count(),
                    "browser_processes": processes}}


def server_log_errors(log: Path) -> list[dict]:
    """Tracebacks and error lines in the server's log."""
    found = []
    if not log.exists():
        return found
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("Inotify"):
            Session.notes["inotify_lines"] = Session.notes.get("inotify_lines", 0) + 1
        if line.startswith("Traceback") or re.match(r"\d{4}-\d\d-\d\d [\d:.]+ .*(error|exception|failed)", line, re.I):
            block = [line]
            j = i + 1
            while j < len(lines) and (lines[j].startswith((" ", "\t")) or lines[j].startswith("Traceback")
                                      or (block[-1].startswith(" ") and lines[j] and not lines[j][0].isdigit())):
                block.append(lines[j])
                j += 1
            found.append({"kind": "server log", "detail": "\n".join(block)[-3000:], "session": None, "page": None,
                          "at_s": None})
            i = j
        else:
            i += 1
    return found


async def main_async(args) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="spending-load-"))
    report: dict = {"date": datetime.now().isoformat(timespec="seconds"), "machine": {
        "cores": os.cpu_count(), "load_average_start": load_average()},
        "settings": {k: v for k, v in vars(args).items() if k != "json"}}
    errors: list[dict] = []
    console: list[dict] = []
    try:
        t0 = time.perf_counter()
        db_path = make_database(folder)
        codes, code = pick_codes(db_path)
        say(f"database: {db_path} (python -m spending init --demo: {len(codes)} projects in {YEAR}, "
            f"made in {time.perf_counter() - t0:.1f} s); 项目 page: {code}")
        report["database"] = {"made_by": "python -m spending init --demo", "projects_2021": len(codes), "code": code}
        port = free_port()
        extra = ("--server.fileWatcherType", "none") if args.no_file_watcher else ()
        with streamlit_server(db_path, port=port, extra=extra) as url:
            server = server_pid(port)
            rss_start = rss_mb(tree(server))
            say(f"server: {url} (PID {server}), RSS at start {rss_start:.0f} MB; load average "
                f"{report['machine']['load_average_start']}")
            pages = page_list(url, code)
            Session.origin = WsSession.origin = url
            WsSession.reconnect = args.reconnect
            WsSession.titles = page_titles(db_path, code)
            if args.verify:
                return await verify(pages, args, errors, console)
            async with contextlib.AsyncExitStack() as stack:
                if args.clients == "chromium":
                    from playwright.async_api import async_playwright

                    p = await stack.enter_async_context(async_playwright())
                    browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                    stack.push_async_callback(browser.close)

                    async def open_session(n: int):
                        return await Session.open(browser, n, errors, console)
                else:
                    async def open_session(n: int):
                        return await WsSession.open(n, errors, args.page_timeout)

                say(f"baseline: 1 session, {args.baseline_rounds} rounds of the 3 pages, no import …")
                first, base_visits = await baseline(open_session, pages, args.baseline_rounds, args.page_timeout)
                rss_baseline = rss_mb(tree(server))
                times = {name: [v.seconds for v in base_visits if v.name == name and v.seconds is not None]
                         for name, _, _ in pages}
                base_all = [t for ts in times.values() for t in ts]
                say("  first view: " + ", ".join(f"{k} {v:.2f} s" if v else f"{k} —" for k, v in first.items()))
                for name, ts in times.items():
                    say(f"  {name}: {fmt(summary(ts))}")
                say(f"  all pages: {fmt(summary(base_all))}; RSS after it {rss_baseline:.0f} MB")

                solo = None
                if not args.no_import:
                    file = payment_file(folder, 0, args.import_rows, codes, random.Random(0))
                    solo = await run_import(db_path, file, args.import_rows)
                    file.unlink(missing_ok=True)
                    say(f"import on its own (server idle): {solo.rows} rows in {solo.seconds:.2f} s, "
                        f"exit {solo.status}: {solo.output.splitlines()[-1] if solo.output else ''}")
                    if solo.status != 0:
                        errors.append({"kind": "import failed", "detail": solo.output[-1500:], "session": None,
                                       "page": solo.file, "at_s": round(solo.seconds, 2)})

                say(f"load: {args.sessions} sessions for {args.seconds:g} s"
                    + ("" if args.no_import else f", imports of {args.import_rows} rows in a loop "
                       f"({args.import_pause:g} s between them) …"))
                la_before = load_average()
                result = await load(open_session, pages, args, db_path, folder, codes, server, errors)
            rss_end = rss_mb(tree(server))
            # the server is stopped here; its log sits next to the database
        log = db_path.with_suffix(".server.log")
        errors.extend(server_log_errors(log))
        if log.exists() and "nanobind: leaked" in log.read_text(encoding="utf-8", errors="replace"):
            # DuckDB's Python bindings (nanobind) list "leaked" objects when the server exits on SIGTERM
            Session.notes["nanobind_leak_report_at_exit"] = True
        if log.exists():
            shutil.copy(log, OUT / "load-server.log")

        visits = result["visits"]
        drawn = [v for v in visits if v.seconds is not None]
        load_all = [v.seconds for v in drawn]
        first_of = {}
        for v in visits:
            first_of.setdefault(v.session, v)
        first_per_session = {s: v.seconds for s, v in first_of.items() if v.seconds is not None}
        later = [v.seconds for v in drawn if first_of[v.session] is not v]
        imports = result["imports"]
        ok_imports = [r for r in imports if r.status == 0]
        base = summary(base_all)
        under = summary(load_all)
        report.update({
            "baseline": {"first_view_s": first, "per_page": {k: summary(v) for k, v in times.items()},
                         "split": split(base_visits),
                         "all": base},
            "load": {"clients": args.clients, "reconnect": args.reconnect,
                     "sessions": args.sessions, "seconds": args.seconds, "wall_s": round(result["wall"], 1),
                     "contexts_opened_s": round(result["contexts_opened_s"], 1),
                     "pages_started": len(visits), "pages_served": len(drawn),
                     "pages_per_s": round(len(drawn) / result["wall"], 2),
                     "per_page": {name: summary([v.seconds for v in drawn if v.name == name]) for name, _, _ in pages},
                     "all": under,
                     "first_page_of_each_session": summary(list(first_per_session.values())),
                     "later_pages": summary(later),
                     "split": split(visits),
                     "ratio_p50": round(under["p50"] / base["p50"], 1) if under["n"] and base["n"] else None,
                     "ratio_p95": round(under["p95"] / base["p95"], 1) if under["n"] and base["n"] else None,
                     "script_runs_per_page_max": max((v.runs for v in visits), default=0),
                     "received_kib": summary([v.received / 1024 for v in drawn]),
                     "elements_per_page": {name: percentile([sum(v.elements.values()) for v in drawn if v.name == name],
                                                            50) for name, _, _ in pages},
                     "cpu": result["cpu"]},
            "imports": {"on_its_own": None if solo is None else {"rows": solo.rows, "seconds": round(solo.seconds, 2),
                                                                 "status": solo.status},
                        "during_load": {"count": len(imports), "succeeded": len(ok_imports),
                                        "rows": sum(r.rows for r in ok_imports),
                                        "rows_each": args.import_rows,
                                        "seconds_total": round(sum(r.seconds for r in imports), 2),
                                        "seconds": summary([r.seconds for r in imports]),
                                        "last_output": imports[-1].output.splitlines()[-1] if imports and imports[-1].output else None}},
            "memory_mb": {"server_start": round(rss_start, 1), "after_baseline": round(rss_baseline, 1),
                          "load_peak": round(result["rss_peak"], 1) if result["rss_peak"] else None,
                          "end": round(rss_end, 1)},
            "errors": errors, "error_count": len(errors),
            "console_errors": console[:50], "console_error_count": len(console),
            "not_counted": Session.notes,
        })
        report["imports"]["during_load"]["share_of_load_s"] = round(
            report["imports"]["during_load"]["seconds_total"] / result["wall"], 2)
        report["machine"]["load_average_before_load"] = la_before
        report["machine"]["load_average_end"] = load_average()

        ws = args.clients == "websocket"
        clients = ("websocket clients (Streamlit's protocol, no browser; "
                   + ("a new connection per visit)" if args.reconnect else "one connection each, a rerun per visit)")
                   if ws else "Chromium contexts")
        drawn_is = "time to a page (its script_finished, every delta received)" if ws else "time to a drawn page"
        say("")
        say(f"=== load: {args.sessions} {clients} × {args.seconds:g} s on one server ({os.cpu_count()} cores, "
            f"load average {report['machine']['load_average_start']} at start, {la_before} before the load, "
            f"{report['machine']['load_average_end']} at the end)")
        say(f"database: python -m spending init --demo ({len(codes)} projects in {YEAR}); 项目 page code {code}")
        say(f"pages served under load: {len(drawn)} of {len(visits)} started in {result['wall']:.1f} s "
            f"({report['load']['pages_per_s']} pages/s); {args.sessions} "
            f"{('clients' if args.reconnect else 'connections') if ws else 'contexts'} opened in "
            f"{result['contexts_opened_s']:.1f} s")
        say(f"{drawn_is}, {'baseline (1 session, no import):':33s} {fmt(base)}")
        say(f"{drawn_is}, {'under load:':33s} {fmt(under)}")
        if under["n"] and base["n"]:
            say(f"  under load / baseline: p50 {report['load']['ratio_p50']}×, p95 {report['load']['ratio_p95']}×")
        say(f"  baseline {fmt_split(report['baseline']['split'], args.clients)}")
        say(f"  load     {fmt_split(report['load']['split'], args.clients)}")
        every = report["load"]["split"]["script_finished_s_every_visit"]
        if every["n"] and not ws:
            say(f"  under load, Streamlit's script run finished (every visit, drawn or not): {fmt(every)}")
        for name, _, _ in pages:
            say(f"  {name:5s} baseline {fmt(summary(times[name]))}")
            say(f"  {name:5s} load     {fmt(report['load']['per_page'][name])}")
        say(f"  each session's first page ({'its first script run' if ws else 'cold context'}): "
            f"{fmt(report['load']['first_page_of_each_session'])}; "
            f"the later pages: {fmt(report['load']['later_pages'])}")
        cpu = result["cpu"]
        say(f"CPU during the load ({cpu['wall_s']} s × {cpu['cores']} cores = {cpu['wall_s'] * cpu['cores']:.0f} "
            f"core-s): server {cpu['server_s']} s, "
            + (f"the {args.sessions} websocket clients (this script) {cpu['this_script_s']} s" if ws else
               f"Chromium {cpu['chromium_s']} s, Playwright's driver {cpu['playwright_driver_s']} s, this script "
               f"{cpu['this_script_s']} s")
            + f", imports {cpu['imports_s']} s")
        if ws:
            received = report["load"]["received_kib"]
            say(f"ForwardMsgs received per page under load: p50 {received['p50'] or 0:.0f} KiB, max "
                f"{received['max'] or 0:.0f} KiB; elements per page (new_element deltas): "
                + ", ".join(f"{k} {v}" for k, v in report["load"]["elements_per_page"].items()))
        mem = report["memory_mb"]
        say(f"server RSS (with its children): start {mem['server_start']:.0f} MB, after the baseline "
            f"{mem['after_baseline']:.0f} MB, peak under load {mem['load_peak'] or 0:.0f} MB, end {mem['end']:.0f} MB")
        if solo is not None:
            during = report["imports"]["during_load"]
            say(f"import on its own: {solo.rows} rows in {solo.seconds:.2f} s")
            say(f"imports during the load: {during['succeeded']} of {during['count']} succeeded, {during['rows']:,} rows, "
                f"{during['seconds_total']} s in all; each {fmt(during['seconds'])}")
            if during["last_output"]:
                say(f"  last: {during['last_output']}")
            say(f"  an import process was running (starting, waiting for the database, writing) {100 * during['share_of_load_s']:.0f} % of the load's time")
        notes = Session.notes
        if ws:
            say("not counted: "
                + ("the server's exit (SIGTERM) printed nanobind's 'leaked instances' list (DuckDB's bindings)"
                   if notes.get("nanobind_leak_report_at_exit") else "nothing")
                + (f"; {notes['inotify_lines']} lines 'Inotify queue overflowed' in the server's log"
                   if notes.get("inotify_lines") else "")
                + f"; {notes.get('ws_connections', 0)} WebSocket connections opened in all")
        else:
            say(f"not counted: {notes['base_path_probes']} 404s of Streamlit's base-path probe (<page>/_stcore/health, "
                f"host-config); requests to other hosts (no network here): "
                + (", ".join(f"{k} ×{v}" for k, v in notes["other_hosts"].items()) or "none")
                + f"; {notes.get('console_failed_resource', 0)} console lines 'Failed to load resource' for those"
                + ("; the server's exit (SIGTERM) printed nanobind's 'leaked instances' list (DuckDB's bindings)"
                   if notes.get("nanobind_leak_report_at_exit") else "")
                + (f"; {notes['inotify_lines']} lines 'Inotify queue overflowed' in the server's log (Streamlit's file "
                   "watcher on the project folder)" if notes.get("inotify_lines") else ""))
            say(f"other console errors (not counted): {len(console)}")
        for c in console[:10]:
            say(f"  [session {c['session']}] {c['page']}: {c['text'][:200]}")
        say(f"errors: {len(errors)}")
        for e in errors[:40]:
            say(f"  [{e['kind']}] session {e['session']} {e['page'] or ''} at {e['at_s']} s: {e['detail'][:600]}")
        if len(errors) > 40:
            say(f"  … and {len(errors) - 40} more (all in {args.json})")
    finally:
        if args.keep:
            say(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
        if "errors" in report:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
            say(f"written: {args.json}")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", choices=("websocket", "chromium"), default="websocket",
                        help="websocket (default): each session a Python client speaking Streamlit's protocol on "
                             "/_stcore/stream, no browser; chromium: a Chromium context each (Playwright)")
    parser.add_argument("--reconnect", action="store_true",
                        help="websocket clients: a new connection (a new Streamlit session) for every visit, as a "
                             "page load does; default: one connection per session, a rerun per visit")
    parser.add_argument("--verify", action="store_true",
                        help="only compare one websocket visit of each page with a Chromium one (element counts), "
                             "then stop")
    parser.add_argument("--sessions", type=int, default=30, help="sessions at once (default 30)")
    parser.add_argument("--seconds", type=float, default=60, help="how long the load lasts (default 60)")
    parser.add_argument("--baseline-rounds", type=int, default=5, help="rounds of the 3 pages in the baseline")
    parser.add_argument("--import-rows", type=int, default=10_000, help="payments in each generated file")
    parser.add_argument("--import-pause", type=float, default=1.0, help="seconds between two imports")
    parser.add_argument("--no-import", action="store_true", help="the load without the import loop")
    parser.add_argument("--no-file-watcher", action="store_true",
                        help="start the server with --server.fileWatcherType none (Streamlit watches the project "
                             "folder for changes by default)")
    parser.add_argument("--page-timeout", type=float, default=180, help="seconds a page may take to be drawn")
    parser.add_argument("--json", type=Path, default=OUT / "load.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, server log)")
    args = parser.parse_args(argv)
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
