"""Labels have one home, spending/i18n.py (issue 22).

The people-facing words of the pages, the CLI's tables and the files live in i18n. Outside it:
- the pages (pages/, dashboard.py) write no Chinese at all: they show i18n's words;
- no module keeps a table of Chinese labels (a module-level dict, list, tuple or string constant);
- no Chinese text is written in two modules: a label said twice drifts apart.
What reads or writes a fixed format is data, not a label, and is named below with its reason.
Bilingual messages ("中文 | English", raised or kept where they happen) are sentences, not labels:
each is written once, which the last rule checks."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from source_strings import docstrings, literals

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u4e00-\u9fff]")
PAGES = sorted((ROOT / "pages").glob("*.py")) + [ROOT / "dashboard.py"]
SPENDING = sorted(p for p in (ROOT / "spending").rglob("*.py") if p.name != "i18n.py")

# Module-level constants that are data: the words of a fixed format, not labels.
DATA = {
    "spending/ingest/columns": {"Column", "COLUMNS", "_CODE_NOTE", "_PAY_CODE_NOTE", "_DATE_NOTE", "_CODE_ALIASES",
                        "_CHECKPOINT_NOTE", "_UNITS", "_QUARTERS", "_PLAN_AMOUNT_NOTE"},   # the import formats of SPEC §2, §5: headers, aliases, notes
    "spending/document": None,   # reads the 绩效文本: its headings and table words are the document's
    "spending/document_layout": None,
    "spending/seed": None,       # the sample payments' texts
    "spending/export": {"DEFAULT_ISSUER"},   # the source document's bureau: a setting's default, not a word
    # Stored values: the grades' marks (shown via i18n.grade), the choices of the 绩效运行监控表 and of
    # a December answer, kept in the database as the form writes them.
    "spending/rules": {"GRADES", "OVERSPENT_GRADE", "GRADE_MARKS", "DEVIATION_CAUSES", "LIKELIHOODS"},
    "spending/notice_rules": {"UNSPENT_HANDLING"},
}


def _term(text: str) -> bool:
    """English text naming a Chinese term (…saved 导入方案…): the term is the thing's name, not a label."""
    return len(HAN.findall(text)) * 3 < len(re.findall(r"[A-Za-z]", text))


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("").as_posix()
    return rel.removesuffix("/__init__")


def _data_module(path: Path) -> bool:
    name = _module(path)
    return any((name == m or name.startswith(m + "/")) and names is None for m, names in DATA.items())


def _han_strings(node: ast.AST, skip: set[int]):
    """(line, text) of every string literal with Chinese below node; an f-string as its literal parts."""
    return ((line, text) for line, text in literals(node, skip) if HAN.search(text))


def test_pages_write_no_chinese():
    found = []
    for path in PAGES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{_module(path)}:{line} {text!r}" for line, text in _han_strings(tree, docstrings(tree))]
    assert not found, "Chinese in page code (say it through i18n):\n" + "\n".join(found)


def test_no_label_table_outside_i18n():
    found = []
    for path in SPENDING:
        if _data_module(path):
            continue
        allowed = DATA.get(_module(path), set())
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            if not names or names <= allowed or isinstance(node.value, ast.Call):
                continue   # an object built (a pattern, a message) is not a table of labels
            found += [f"{_module(path)}:{line} {'/'.join(sorted(names))} = …{text!r}"
                      for line, text in _han_strings(node, set()) if " | " not in text and not _term(text)]
    assert not found, "label tables outside i18n:\n" + "\n".join(found)


def test_no_chinese_text_written_in_two_modules():
    where = defaultdict(set)
    for path in SPENDING + PAGES:
        if _data_module(path):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, text in _han_strings(tree, docstrings(tree)):
            for piece in re.split(r"…| \| ", text):
                if len(HAN.findall(piece)) >= 5:   # a phrase; a word such as 月底 may recur
                    where[piece.strip()].add(f"{_module(path)}:{line}")
    twice = {text: sorted(places) for text, places in where.items()
             if len({p.split(":")[0] for p in places}) > 1}
    assert not twice, "Chinese written in two modules (one home in i18n):\n" + "\n".join(
        f"{text!r}: {', '.join(places)}" for text, places in sorted(twice.items()))


def test_the_scan_finds_what_it_looks_for():
    """The scan itself: a label table, an f-string's words and a docstring (which is not a label)."""
    tree = ast.parse('"""文档说明"""\nLABELS = {"a": ("甲乙", "A")}\ndef f(x):\n    """说明"""\n    return f"共{x}项"\n')
    texts = [text for _, text in _han_strings(tree, docstrings(tree))]
    assert sorted(texts) == sorted(["甲乙", "共…项"])
