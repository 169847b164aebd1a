"""Issue 38's house rules that are not behaviour: the dead names stay gone, the page registry has its own
module, `make test-fast` leaves out exactly the browser tests, and every test that starts the server or
Chromium is marked as one."""

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
