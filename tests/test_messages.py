"""Issue 38: a message of spending/ is a key of i18n.MESSAGES and its values; the catalogue holds the words.

The page shows a message in one language, the command line in both ("中文 | English" line by line)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from spending import i18n, NoProjects, SpendingError
from spending.ui.text import said

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

# Files whose messages are still written inline as "中文 | English", with how many such literals each
# still holds: a file may only go down, and one not named here holds none. (Being converted: issue 38.)
STILL_INLINE = {
}


def inline_messages(path: Path) -> set[int]:
    """Lines of string literals (f-strings too) reading "中文… | …" outside docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        else:
            continue
        zh, bar, _ = text.partition(" | ")
        if bar and CJK.search(zh):
            lines.add(node.lineno)
    for node in ast.walk(tree):         # the two halves as a call's arguments: problem(name, "中文", "English")
        if isinstance(node, ast.Call):
            texts = [_literal(arg) for arg in node.args]
            if any(zh and en and CJK.search(zh) and not CJK.search(en) and re.search("[A-Za-z]", en)
                   for zh, en in zip(texts, texts[1:])):
                lines.add(node.lineno)
    return lines


def _literal(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def test_messages_are_keys_not_inline_words():
    found = {}
    for path in sorted((ROOT / "spending").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name == "spending/i18n.py":
            continue
        lines = inline_messages(path)
        if lines or name in STILL_INLINE:
            found[name] = lines
    grown = {name: sorted(lines) for name, lines in found.items() if len(lines) > STILL_INLINE.get(name, 0)}
    assert not grown, f"messages written inline (give them a key in i18n.MESSAGES): {grown}"
    converted = [name for name, lines in found.items() if len(lines) < STILL_INLINE.get(name, 0)]
    assert not converted, f"lower STILL_INLINE for {converted} to what is left (0: remove the entry)"


def test_every_message_has_both_languages_with_the_same_values():
    for key, (zh, en) in i18n.MESSAGES.items():
        assert zh.strip() and en.strip(), key
        fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}   # noqa: E731
        assert fields(zh) == fields(en), key


@pytest.mark.parametrize("value, zh, en", [
    (2021, "2021 年度没有预算项目", "no projects in 2021"),
    ("2021", "2021 年度没有预算项目", "no projects in 2021"),
])
def test_an_error_carries_its_key_and_values(value, zh, en):
    error = NoProjects(value)
    assert (error.message.key, error.message.values) == ("no_projects", {"year": value})
    assert (error.text("zh"), error.text("en"), str(error)) == (zh, en, f"{zh} | {en}")
    assert said(error, "en") == en
    assert SpendingError("no_projects", year=value).message == error.message


def test_values_in_the_language_and_lines_side_by_side(monkeypatch):
    monkeypatch.setitem(i18n.MESSAGES, "test_pair", ("{what}不对\n第二行", "{what} is wrong\nsecond line"))
    message = i18n.Message("test_pair", what=("日期", "the day"))
    assert message.text("en") == "the day is wrong\nsecond line"
    assert str(message) == "日期不对 | the day is wrong\n第二行 | second line"
    nested = i18n.Message("test_pair", what=i18n.Message("no_projects", year=1))
    assert nested.text("zh").startswith("1 年度没有预算项目不对")
    assert i18n.bilingual("同\n", "同\n") == "同\n"


def test_an_unknown_key_is_a_programming_error_not_a_message():
    with pytest.raises(KeyError):
        i18n.Message("no_such_message")


def test_the_old_way_is_gone():
    """Nothing splits "中文 | English" any more (ui.words is gone), and an error is always a message."""
    from spending.ui import text

    assert not hasattr(text, "words")
    with pytest.raises(KeyError):
        SpendingError("数据库错误 | database error")
    assert said("只有中文 | only", "en") == "只有中文 \\| only"      # a text is shown whole, as text


def test_every_label_a_page_asks_for_is_in_the_catalogue():
    """Found after a rename (the 数据 page asked ctx.t("text_problems")): every literal key given to t() — ctx.t,
    i18n.t, a page's t — is a key of i18n.TEXT."""
    missing = []
    for path in [*sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "spending").rglob("*.py")), ROOT / "dashboard.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and (isinstance(node.func, ast.Attribute) and node.func.attr == "t"
                         or isinstance(node.func, ast.Name) and node.func.id == "t")
                    and node.args[0].value not in i18n.TEXT):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.args[0].value}")
    assert not missing, missing
