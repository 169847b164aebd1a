"""The spending modules import one another without a cycle (issue 22).

The graph is read from the source (AST) of every spending/**/*.py, counting every import of a
`spending` module: at the top of a file and inside functions (a lazy import is an edge too),
`import spending.x`, `from spending import x` and `from spending.x import y`, relative imports
alike. A package counts as its modules: its __init__.py is the package's node, each of its files a
node of its own. `from spending import SpendingError` (a name, not a module) is an edge to the
package `spending` itself.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "spending"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(name: str, level: int, importer: str, is_package: bool) -> str:
    """The absolute module name of `from <level dots><name> import …` in module `importer`."""
    if not level:
        return name
    base = importer.split(".")
    base = base[:len(base) - level + (1 if is_package else 0)]
    return ".".join(base + ([name] if name else []))


def imports(importer: str, path: Path, known: set[str]) -> set[str]:
    """The spending modules `importer` imports, anywhere in its file."""
    found: set[str] = set()

    def target(name: str) -> str | None:
        """The module itself if it is one of ours, else the closest package above it that is."""
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    # an import for annotations only (`if TYPE_CHECKING:`, mypy's) never runs: it is no edge of the graph
    typing_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
                   for inner in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "spending" or alias.name.startswith("spending."):
                    found.add(target(alias.name))
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", node.level, importer, path.name == "__init__.py")
            if base != "spending" and not base.startswith("spending."):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else target(base))
    found.discard(None)
    found.discard(importer)
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path (first node repeated at the end), or None."""
    state: dict[str, int] = {}      # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_every_kind_of_import_is_an_edge(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("from spending import SpendingError, db\nimport spending.rules\n"
                      "from spending.i18n import t\nfrom . import auth\nfrom .ui.sidebar import x\n"
                      "def later():\n    from spending import notices\n", encoding="utf-8")
    known = {"spending", "spending.m", "spending.db", "spending.rules", "spending.i18n", "spending.auth",
             "spending.notices", "spending.ui", "spending.ui.sidebar"}
    assert imports("spending.m", source, known) == known - {"spending.m", "spending.ui"}
    assert {"spending", "spending.rules", "spending.audit"} <= set(graph())


def test_cycle_finds_a_lazy_import_back(tmp_path):
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycle_among_spending_modules():
    found = cycle(graph())
    assert found is None, "import cycle: " + " → ".join(found)


# ---------------------------------------------------------------- issue 38: rooms a newcomer can live in

DATABASE, FILE_READERS = "spending.db", "spending.files"
MAX_LINES = 600
LONG_ALLOWED = {
    "spending/i18n.py",          # the label catalogue: every zh/en word in one home
}


def in_family(module: str, family: str) -> bool:
    """module is the package `family` or one of its modules."""
    return module == family or module.startswith(family + ".")


def reached(edges: dict[str, set[str]], start: str) -> set[str]:
    """Every module start imports, directly or through others."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def family_imports(edges: dict[str, set[str]], importer: str, imported: str) -> list[str]:
    """'a → b' for each module a of family `importer` that reaches (directly or not) a module b of `imported`."""
    return sorted(f"{a} → {b}" for a in edges if in_family(a, importer)
                  for b in reached(edges, a) if in_family(b, imported))


@pytest.mark.parametrize("edges,found", [
    ({"spending.db": {"spending.processes"}, "spending.processes": set()}, []),
    ({"spending.db": {"spending.files"}}, ["spending.db → spending.files"]),
    ({"spending.db.opening": {"spending.x"}, "spending.x": {"spending.files.reading"}},
     ["spending.db.opening → spending.files.reading"]),
    ({"spending.dbx": {"spending.files"}, "spending.files": {"spending.db"}}, []),   # neither a db module
])
def test_family_imports_follows_the_edges(edges, found):
    assert family_imports(edges, DATABASE, FILE_READERS) == found


def test_the_database_side_never_imports_the_file_readers():
    """spending.db and its modules reach no module of spending.files, not even through another module."""
    edges = graph()
    assert any(in_family(m, DATABASE) for m in edges) and any(in_family(m, FILE_READERS) for m in edges)
    found = family_imports(edges, DATABASE, FILE_READERS)
    assert not found, "the database side imports the file readers: " + ", ".join(found)


def test_importing_the_database_side_loads_no_file_reader():
    """The same, as Python sees it: every module of spending.db imported in a fresh interpreter, and no
    module of spending.files among what got loaded."""
    names = sorted(m for m in modules() if in_family(m, DATABASE))
    probe = ("import importlib, sys\n"
             f"for name in {names!r}:\n    importlib.import_module(name)\n"
             f"print(sorted(m for m in sys.modules if m == {FILE_READERS!r} or m.startswith({FILE_READERS!r} + '.')))\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_no_module_over_600_lines():
    """No module of spending/ or pages/ over MAX_LINES lines, the label catalogue aside."""
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "pages").glob("*.py")]
    assert len(files) > 20
    long = sorted(f"{p.relative_to(ROOT).as_posix()}: {n}" for p in files
                  if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
                  and p.relative_to(ROOT).as_posix() not in LONG_ALLOWED)
    assert not long, f"modules over {MAX_LINES} lines: " + ", ".join(long)
