"""Issue 38's house rules that are not behaviour: the dead names stay gone, the page registry has its own
module, `make test-fast` leaves out exactly the browser tests, `make test` runs ruff and mypy first, and every
test that starts the server or Chromium is marked as one."""

from __future__ import annotations

import ast
import configparser
import re

import pytest

from conftest import ROOT


@pytest.mark.parametrize("module,name", [("spending.export", "_safe_name"), ("spending.export", "DATE_FORMAT"),
                                         ("spending.export", "DATETIME_FORMAT"),
                                         ("spending.seed", "remove_sample_plan")])
def test_the_dead_names_are_gone(module, name):
    import importlib

    assert not hasattr(importlib.import_module(module), name)
    used = [p for p in (ROOT / "spending").rglob("*.py") if re.search(rf"\b{name}\b", p.read_text(encoding="utf-8"))]
    assert not used, f"{name} is named in {used}"


def test_the_page_registry_is_its_own_module():
    from spending import ui
    from spending.ui import address, registry

    assert ui.PAGES is registry.PAGES and ui.pages is registry.pages and ui.unknown_path is registry.unknown_path
    assert not {"PAGES", "pages", "unknown_path"} & set(vars(address))
    assert registry.unknown_path("http://localhost:8501/pacing") is None
    assert registry.unknown_path("http://localhost:8501/nowhere") == "nowhere"


def test_make_test_fast_runs_the_suite_without_the_browser_tests():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^test-fast:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe, "the Makefile has no test-fast target"
    assert re.search(r'-m pytest -m "not browser"\s*$', recipe.group(1).strip())
    ini = configparser.ConfigParser()
    ini.read(ROOT / "pytest.ini")
    assert re.search(r"^browser:", ini["pytest"]["markers"].strip(), re.M)
    assert "make test-fast" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_make_test_runs_ruff_and_mypy_first_as_pyproject_configures_them():
    """Issue 38.4: the gates are configured in pyproject.toml (a rule set kept there; mypy over the code with the
    bodies of unannotated functions checked), pinned in the test lock, and run by `make lint`, which `make test`
    and `make test-fast` run before pytest."""
    import tomllib

    tools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    rules = set(tools["ruff"]["lint"]["select"])
    assert {"F", "E9", "B", "RUF100"} <= rules and tools["ruff"]["line-length"] == 120
    assert not {"F821", "F601", "B023", "F", "B"} & set(tools["ruff"]["lint"].get("ignore", []))
    assert {"spending", "pages", "dashboard.py"} <= set(tools["mypy"]["files"])
    assert tools["mypy"]["check_untyped_defs"] is True and tools["mypy"]["warn_unused_ignores"] is True
    assert not tools["mypy"].get("ignore_missing_imports")      # only per untyped library, in an override
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert lint, "the Makefile has no lint target"
    assert [line.split()[0].rsplit("/", 1)[-1] for line in lint.group(1).strip().splitlines()] == ["ruff", "mypy"]
    assert "ruff check" in lint.group(1)
    for target in ("test", "test-fast"):
        prerequisites = re.search(rf"^{target}:(.*)$", makefile, re.M).group(1).split()
        assert "lint" in prerequisites, target
    lock = (ROOT / "requirements-test.lock").read_text(encoding="utf-8")
    assert re.search(r"^ruff==", lock, re.M) and re.search(r"^mypy==", lock, re.M)


def test_ruffs_rule_set_finds_the_bugs_it_is_kept_for(tmp_path):
    """The kept rule set catches what it is there for: an undefined name, a repeated dict key, a loop variable
    caught late by a closure, a blind except without its reason; and the code itself is clean under it."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    ruff = Path(sys.executable).with_name("ruff")
    ruff = str(ruff) if ruff.exists() else shutil.which("ruff")
    assert ruff, "ruff is not installed (requirements-test.txt has it: make install-test)"
    bad = tmp_path / "bad.py"
    bad.write_text("WORDS = {'a': 1, 'a': 2}\n"
                   "def f(xs):\n"
                   "    fs = [lambda: x for x in xs]\n"
                   "    try:\n"
                   "        return undefined_name, fs\n"
                   "    except Exception:\n"
                   "        return None\n", encoding="utf-8")
    found = subprocess.run([ruff, "check", "--config", str(ROOT / "pyproject.toml"), "--no-cache",
                            "--output-format", "concise", str(bad)], capture_output=True, text=True, cwd=tmp_path)
    for code in ("F601", "B023", "F821", "BLE001"):
        assert f" {code} " in found.stdout, (code, found.stdout, found.stderr)
    clean = subprocess.run([ruff, "check", "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert clean.returncode == 0, clean.stdout + clean.stderr


STARTERS = {"chromium", "streamlit_server", "login_server", "oidc_provider", "nginx_proxy"}   # tests/browser.py's


def _marked_browser(decorators) -> bool:
    return any("browser" in ast.unparse(d) for d in decorators)


def _calls(node) -> set[str]:
    return {n.func.id if isinstance(n.func, ast.Name) else n.func.attr for n in ast.walk(node)
            if isinstance(n, ast.Call) and isinstance(n.func, (ast.Name, ast.Attribute))}


@pytest.mark.parametrize("path", sorted((ROOT / "tests").glob("test_*.py")), ids=lambda p: p.name)
def test_every_test_that_starts_the_server_or_chromium_is_marked_browser(path):
    """A test (or the fixture it uses) calling tests/browser.py's chromium() or streamlit_server() is left out
    by `make test-fast` only if it carries the `browser` mark (on the test or as the module's pytestmark)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_marked = any(isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in n.targets)
                        and "browser" in ast.unparse(n.value) for n in tree.body)
    if module_marked:
        return
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    starting = {name for name, f in functions.items() if _calls(f) & STARTERS}
    for _ in range(3):      # a fixture using a fixture that starts one
        starting |= {name for name, f in functions.items()
                     if {a.arg for a in f.args.args} & starting or _calls(f) & starting}
    unmarked = [name for name in starting if name.startswith("test_")
                and not _marked_browser(functions[name].decorator_list)]
    assert not unmarked, f"{path.name}: {unmarked} start the server or Chromium without the browser mark"


def _a_page_that_writes():
    import streamlit as st

    from spending import SpendingError, ui

    st.caption(f"kept: {st.session_state.get('kept')}")       # the flash, shown on the run after the write
    st.session_state["runs"] = st.session_state.get("runs", 0) + 1

    def refuse(con):
        raise SpendingError("test_not_written")      # a message of the catalogue (the test adds it)

    if st.button("refused"):
        ui.write(refuse, lambda _: "never", "kept", "en")
        st.caption("the page goes on")
    if st.button("written"):
        ui.write(lambda con: con.execute("select 41 + 1").fetchone()[0], lambda n: f"saved {n}", "kept", "en",
                 lambda: st.session_state.update(after=True))
        st.caption("never reached")


def test_a_pages_write_says_a_refusal_else_clears_the_caches_keeps_its_flash_and_reruns(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from conftest import fresh_db
    from spending.ui import writes

    monkeypatch.setenv("SPENDING_DB", str(fresh_db(tmp_path / "w.duckdb")))
    from spending import i18n
    monkeypatch.setitem(i18n.MESSAGES, "test_not_written", ("不写", "not written"))
    cleared = []
    monkeypatch.setattr(writes, "clear_caches", lambda: cleared.append(True))
    at = AppTest.from_function(_a_page_that_writes, default_timeout=60).run()
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["not written"]
    assert "the page goes on" in [c.value for c in at.caption]
    assert "kept" not in at.session_state and not cleared and at.session_state["runs"] == 2
    at.button[1].click().run()
    assert not at.error and "never reached" not in [c.value for c in at.caption]
    assert "kept: saved 42" in [c.value for c in at.caption]       # shown by the run st.rerun made
    assert at.session_state["after"] and cleared == [True] and at.session_state["runs"] == 4


def test_every_page_write_goes_through_ui_write():
    """pages/ call ui.write (or ui.after_write: the import, which collects a message per file): none clears the
    caches by hand. The 数据 page's other ui.writing() is the preview, which writes and rolls back."""
    for path in sorted((ROOT / "pages").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "clear_caches" not in text, path.name
        assert len(re.findall(r"ui\.writing\(\)", text)) == (2 if path.name == "data.py" else 0), path.name
    assert (ROOT / "pages" / "data.py").read_text(encoding="utf-8").count("ui.write(") == 5


CLOCKS = ("perf_counter", "monotonic", "time.time")
DEADLINES = {   # asserts on the clock where time itself is the subject: a deadline while waiting for something
    ("test_damaged.py", "time.monotonic() < deadline"), ("test_deploy.py", "time.time() < deadline"),
    ("test_many_hands.py", "time.monotonic() < deadline"), ("test_logout.py", "<= time.time()"),
}


@pytest.mark.parametrize("path", sorted((ROOT / "tests").glob("test_*.py")), ids=lambda p: p.name)
def test_speed_is_asserted_in_cpu_time_not_on_the_clock(path):
    """A bound on work (a guard against quadratic blow-up, a refusal before reading) is asserted in the process's
    CPU time (time.process_time), which a loaded machine does not stretch; the clock only where time is the
    subject (a deadline, a timestamp)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    on_the_clock = [ast.unparse(n.test) for n in ast.walk(tree) if isinstance(n, ast.Assert)
                    and any(c in ast.unparse(n.test) for c in CLOCKS)]
    unexplained = [a for a in on_the_clock if not any(f == path.name and d in a for f, d in DEADLINES)]
    assert not unexplained, unexplained
