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
from pathlib import Path

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

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
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
