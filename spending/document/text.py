"""The text helpers of the reader: decoding, the limits a text is refused beyond, and a cell's text
as recognised (key), as stored (clean), wrapped over lines (join), as a number and as the CSVs write it."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

_CN_DIGITS = "一二三四五六七八九十"
_TAG = re.compile(r"</?[a-zA-Z][^>]*+>")
# full-width digits and letters (０-９, Ａ-Ｚ, ａ-ｚ) become ASCII in stored text; full-width punctuation stays
_FULL_WIDTH_ALNUM = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                     for c in range(r[0], r[1] + 1)}


MAX_FILE_BYTES = 5_000_000    # a department's text is a few hundred KB (the source: 38 KB); 5 MB reads in seconds
MAX_LINE_CHARS = 10_000       # the source's longest line: 1,247 characters
MAX_LINES = 200_000           # the source: 477; 5 MB of empty lines (5,000,000) took 935 MB to read (issue 32)
MAX_PROJECTS = 2_000
MAX_SECTIONS = 200
MAX_INDICATORS = 200          # of one project (the source: at most 5)
MAX_CELL_CHARS = 4_000        # a cell wrapped over lines, put together (the source's longest: 225)
MAX_AMOUNT_WAN = Decimal(10) ** 12   # what decimal(18, 2) yuan holds


def decode(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (with or without BOM), else GB18030 (a superset of GBK).
    NUL bytes are no text (UTF-16, a binary file)."""
    if b"\x00" in data:
        raise ValueError("NUL bytes: not UTF-8 or GBK text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gbk"
    except UnicodeDecodeError:
        raise ValueError("neither UTF-8 nor GBK") from None


def _untag(text: str) -> str:
    """The tags removed, as _TAG.sub("", text) does, in linear time: no tag starts after the last ">"
    (the pattern scanned to the end from every "<" there: quadratic on "<a<a<a…")."""
    end = text.rfind(">")
    if end < 0:
        return text
    return _TAG.sub("", text[:end + 1]) + text[end + 1:]


def key(text: str) -> str:
    """For recognising labels: full-width forms folded (NFKC), tags and every space removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", _untag(text)))


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%.")


def clean(text: str) -> str:
    """A cell's text as stored: tags removed, whitespace runs collapsed, and no space next to a
    CJK character or full-width punctuation ("维护, 满足" -> "维护,满足"; "单位 账目" -> "单位账目")."""
    text = re.sub(r"\s+", " ", _untag(text)).strip().translate(_FULL_WIDTH_ALNUM)
    out = []
    for i, ch in enumerate(text):
        if ch == " ":
            before, after = text[i - 1], text[i + 1]
            if not (_ascii_word(before) and _ascii_word(after)):
                continue
        out.append(ch)
    return "".join(out)


_TAG_START = re.compile(r"</?[a-zA-Z]")


def join(first: str, more: str) -> str:
    """A cell wrapped over lines, put back together: clean(first + " " + more) for a clean `first`,
    in time linear in `more` (a cell wrapped over thousands of lines was quadratic). Only a tag left
    open at the end of `first` and closed in `more` is read again with what follows it."""
    if not first or not more:
        return first or more
    if "<" in first:
        start = _TAG_START.search(first, first.rfind(">") + 1)
        if start and ">" in more:
            cut = max(start.start() - 1, 0)              # the character before it decides a space there
            return first[:cut] + clean(first[cut:] + " " + more)
    tail = clean(more)
    if not tail:
        return first
    return first + (" " if _ascii_word(first[-1]) and _ascii_word(tail[0]) else "") + tail


def number(text: str) -> Decimal | None:
    """A number written with or without decimals, full-width digits, thousands separators, a
    trailing % or 万元. None when the cell is not a number."""
    t = key(text).replace(",", "")
    t = re.sub(r"(%|万元|万)$", "", t)
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def plain(value: Decimal | None) -> str:
    """A Decimal as the reviewed CSVs write an amount: no trailing zeros (51.00 -> 51)."""
    return "" if value is None else format(value.normalize(), "f")



_LINE_BREAKS = ("\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def line_count(text: str) -> int:
    """How many lines str.splitlines() would give, without making them (one count per line break)."""
    breaks = sum(text.count(b) for b in _LINE_BREAKS) - text.count("\r\n")
    return breaks + (1 if text and not text.endswith(_LINE_BREAKS) else 0)
