"""The string literals of Python source, for the tests that read the code itself (test_labels_home,
test_sql_home): one way to walk them."""

from __future__ import annotations

import ast
from collections.abc import Iterator


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions (prose, not literals)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def literals(node: ast.AST, skip: set[int] = frozenset(), joiner: str = "…") -> Iterator[tuple[int, str]]:
    """(line, text) of every string literal below node but those in skip; an f-string as one text, its
    literal parts joined by joiner (where its values go)."""
    parts: set[int] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.JoinedStr):
            parts |= {id(v) for v in n.values}
            yield n.lineno, joiner.join(v.value for v in n.values if isinstance(v, ast.Constant))
        elif isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in parts | skip:
            yield n.lineno, n.value
