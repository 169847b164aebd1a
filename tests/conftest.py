"""Shared fixtures: real DuckDB files built through the real importers from real CSV files."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from runtime import RUNTIME_PYTHON  # noqa: E402
from spending import ingest, seed  # noqa: E402
from spending.db import opening  # noqa: E402


def _scan_installed_components_once() -> None:
    """Streamlit's AppTest scans every installed package's metadata for v2 components each time a test
    app first runs (about 0.17 s of CPU, hundreds of times a run). The installed packages do not change
    while the tests run, so one scan per test process answers for all of them."""
    import functools

    from streamlit.components.v2 import manifest_scanner

    scan = functools.cache(manifest_scanner.scan_component_manifests)
    manifest_scanner.scan_component_manifests = lambda *args, **kwargs: list(scan(*args, **kwargs))


_scan_installed_components_once()

PLAN_HEADER = ["fiscal_year", "project_code", "project_name", "section", "budget_wan"] + [f"m{m:02d}" for m in range(1, 13)]


def write_csv(path: Path, header: list[str], rows: list[list], encoding: str = "utf-8") -> Path:
    with open(path, "w", newline="", encoding=encoding) as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def plan_row(code: str, budget_wan, checkpoints: dict[int, object], year: int = 2021,
             section: str = "测试科", name: str | None = None) -> list:
    return [year, code, name or f"项目{code}", section, budget_wan] + [checkpoints.get(m, "") for m in range(1, 13)]


class Ledger:
    """A fresh database fed through the importers, one CSV file per call. like: a copy of that
    ledger's database (closed), going on where it stopped; else an empty one, what
    opening.connect(create=True) makes (a copy of the one made once per test process).
    same_plans (the `ledger` fixture, unless the test monkeypatches): a first plan that an earlier test of
    this process imported into an untouched empty ledger gives a copy of that database and that result
    (the file is written all the same); the plan importer runs for the first, and for every other plan."""

    def __init__(self, tmp_path: Path, like: Ledger | None = None, same_plans: bool = False):
        self.dir = tmp_path
        self.path = tmp_path / "ledger.duckdb"
        shutil.copyfile(like.path if like else _template(None), self.path)
        self.con = opening.connect(self.path)
        self.files = like.files if like else 0
        self._untouched = _untouched(self.path) if same_plans and not like else None

    def _file(self, header, rows, suffix=".csv"):
        self.files += 1
        return write_csv(self.dir / f"in{self.files}{suffix}", header, rows)

    def plan(self, *rows, year=None):
        untouched = self.files == 0 and self._untouched is not None and self._untouched == _untouched(self.path)
        path = self._file(PLAN_HEADER, list(rows))
        if not untouched:
            return ingest.import_file(self.con, "plan", path, year=year)
        key = (path.read_bytes(), year, os.environ.get("SPENDING_TODAY"))
        if key not in _FIRST_PLANS:
            result = ingest.import_file(self.con, "plan", path, year=year)
            self.con.execute("checkpoint")                     # the database whole in its file
            kept = Path(tempfile.mkdtemp(prefix="spending-plan-")) / "ledger.duckdb"
            shutil.copyfile(self.path, kept)
            _FIRST_PLANS[key] = (kept, result)
            return result
        kept, result = _FIRST_PLANS[key]
        self.con.close()
        shutil.copyfile(kept, self.path)
        self.con = opening.connect(self.path)
        return dataclasses.replace(result)

    def pay(self, code: str, *payments: tuple[str, object]):
        rows = [[f"V{self.files}-{i}", code, day, amount] for i, (day, amount) in enumerate(payments)]
        return ingest.import_file(self.con, "disbursements",
                                  self._file(["voucher_no", "project_code", "pay_date", "amount_yuan"], rows))

    def adjust(self, code: str, *adjustments: tuple[str, object]):
        rows = [[f"D{self.files}-{i}", code, day, amount] for i, (day, amount) in enumerate(adjustments)]
        return ingest.import_file(self.con, "adjustments",
                                  self._file(["doc_no", "project_code", "effective_date", "amount_wan"], rows))


_FIRST_PLANS: dict[tuple, tuple[Path, object]] = {}   # (plan file, year, SPENDING_TODAY) -> (database after it, result)


def _untouched(path: Path) -> tuple:
    """What tells a database file nobody has written to since: its size and time, and no write-ahead log."""
    made = path.stat()
    return made.st_size, made.st_mtime_ns, path.with_name(path.name + ".wal").exists()


@pytest.fixture
def ledger(tmp_path, request):
    ledger = Ledger(tmp_path, same_plans="monkeypatch" not in request.fixturenames)
    yield ledger
    ledger.con.close()


# Databases made by seed.initialise once per test process (the empty one and the demo), copied for each
# test that needs a new one: a copy of a closed DuckDB file is that database (only the audit log's
# `init` entry names the template's file). Tests about init itself still run it.
_TEMPLATES: dict[bool | None, Path] = {}


def _template(demo: bool | None) -> Path:
    """The template: None the schema alone (opening.connect(create=True)), False seed.initialise's, True the demo."""
    if demo not in _TEMPLATES:
        folder = Path(tempfile.mkdtemp(prefix="spending-template-"))
        template = folder / {None: "schema", False: "empty", True: "demo"}[demo]
        if demo is None:
            opening.connect(template, create=True).close()
        else:
            seed.initialise(template, demo=demo)
        assert not template.with_name(template.name + ".wal").exists()
        _TEMPLATES[demo] = template
    return _TEMPLATES[demo]


def fresh_db(path: Path, demo: bool = False) -> Path:
    """A new database at path, what seed.initialise(path, demo=demo) makes: a copy of the template."""
    path = Path(path)
    assert not path.exists(), path
    shutil.copyfile(_template(demo), path)
    return path


def pytest_collection_modifyitems(items):
    """The modules with browser tests first (their order kept): with `--dist loadfile` each module
    runs on one worker, and the long ones started last would end the run on one worker alone
    (pytest.ini's --no-loadscope-reorder keeps this order; xdist's own puts the modules with the
    fewest tests last, and those are the longest browser tests)."""
    in_browser = {item.path for item in items if item.get_closest_marker("browser")}
    items.sort(key=lambda item: item.path not in in_browser)


def pytest_sessionfinish(session):
    if "browser" in sys.modules:             # tests/browser.py's Chromium, one per test process
        sys.modules["browser"].close_browser()
    for template in [*_TEMPLATES.values(), *(kept for kept, _ in _FIRST_PLANS.values())]:
        shutil.rmtree(template.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A database made by `init --demo`, shared read-only by tests that only look."""
    return fresh_db(tmp_path_factory.mktemp("demo") / "demo.duckdb", demo=True)


def cli(*args: str, db_path: Path | None = None, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m spending` as a user would, in its own process (with what users install)."""
    env = {k: v for k, v in os.environ.items() if k != "SPENDING_DB"}
    env.update(env_extra or {})
    prefix = ["--db", str(db_path)] if db_path else []
    return subprocess.run([str(RUNTIME_PYTHON), "-m", "spending", *prefix, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def cli_in_process(*args: str, db_path: Path | None = None, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """The command line's main() in this process, for set-up where the test is not about the command
    line (no Python start and imports): what cli() returns, from the same code."""
    from spending.__main__ import main as cli_main

    prefix = ["--db", str(db_path)] if db_path else []
    out, err = io.StringIO(), io.StringIO()
    saved = {k: os.environ.get(k) for k in (env_extra or {})}
    os.environ.update(env_extra or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli_main([*prefix, *args])
            except SystemExit as exit_:          # argparse's wrong usage
                code = exit_.code
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return subprocess.CompletedProcess(["spending", *prefix, *args], code, out.getvalue(), err.getvalue())


# A login provider configured for AppTest (st.login's settings; AppTest's at.user is the signed-in person).
AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-secret",
                 "client_id": "spending", "client_secret": "secret",
                 "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"}}


def open_page(db_path: Path, monkeypatch, page: str | None = "pages/data.py", year: str = "2021", month: str = "11",
              login: str | None = None, **params):
    """A page of the dashboard in AppTest on this database, as a person opens it: the address (year, month
    and params) on 总览 first, then the page (pages/*.py; None: 总览 itself), which must run without an
    exception. login: signed in as this e-mail (a verified one) through AUTH; else local mode (no
    provider: the administrator)."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("SPENDING_DB", str(db_path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    if login:
        at.secrets.update(AUTH)
        at.user = {"is_logged_in": True, "email": login, "sub": login, "email_verified": True}
    address = {"year": str(year), "month": str(month), **{k: str(v) for k, v in params.items()}}
    at.query_params.update(address)
    at.run()
    if page:
        at.switch_page(page)
        at.query_params.update(address)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def stored(path: Path, query: str) -> list[tuple]:
    """The rows of a query on the database file, read as another process would (read-only)."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()
