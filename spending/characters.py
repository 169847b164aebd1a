"""The characters a text can hide, and what is done about them: no database, no files.

    visible          a text from the data as the command line prints it: control and bidi characters as <U+XXXX>
    neutralise       a CSV cell a spreadsheet would run as a formula, with a leading apostrophe
    normalise_code   a key or code as compared and stored (NFKC, one kind of hyphen, no invisible characters)
    normalise_header a header as compared with the columns' names and aliases
    CONTROL          the characters a cell of an import may not hold (refused by the import's checks)
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Characters a spreadsheet or a copy from a web page leaves in a cell that nobody can see.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


# Control characters (but TAB and line breaks: ESC starts a terminal's escape sequences, C1 controls too)
# and bidi embeddings, overrides and isolates ("\u202Eevil" shows as "live"). A cell holding one is refused
# (queries/import/check_macros.sql text_problem); a report never prints one (visible).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# What changes how a terminal (or a page) shows a text, beyond CONTROL: CR (the line is written over from its
# start), the bidi marks U+061C, U+200E and U+200F, and the line and paragraph separators U+2028 and U+2029.
# TERMINAL keeps TAB and LF (a report's own lines); ONE_LINE (a table's cell) takes them too.
TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str, one_line: bool = False) -> str:
    """text with each control or bidi character (TERMINAL; with one_line also TAB and LF) written as
    <U+XXXX>, so that printing it is harmless: ESC[2J does not clear the screen, U+202E does not turn the
    rest of the line around, CR does not write over it. The one function for every text from the data that
    the command line prints (spending.__main__) and for the import's reports."""
    return (ONE_LINE if one_line else TERMINAL).sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


# Text a spreadsheet would run as a formula when it opens a CSV: it gets a leading apostrophe (in CSV only;
# an .xlsx string cell is never a formula). Numbers are not text, so -12.50 stays a number: the callers
# (spending.export.csv_text, the command line's --format csv) pass them as numbers, not as their text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """For CSV: text a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# Hyphens and dashes a key may be typed with, and the fillers that show as blank (see code() in
# queries/import/check_macros.sql, which does the same for every cell without NFKC).
_KEY_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_KEY_FILLERS = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")


def _key_chars(text: str) -> str:
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Zl", "Zp") or (category == "Zs" and ch != " ") or ch in _KEY_FILLERS:
            continue
        kept.append(ch)
    return "".join(kept).translate(_KEY_HYPHENS)


def normalise_code(text: str) -> str:
    """A key or code as compared and stored: NFKC (full-width letters and digits, compatibility forms),
    without control, format and separator characters (but the ASCII space) nor blank fillers, every hyphen
    and dash as '-', no spaces at either end. '' when nothing is left."""
    return _key_chars(unicodedata.normalize("NFKC", _key_chars(text))).strip(" ")


_DROP_INVISIBLE = {ord(c): None for c in INVISIBLE}


def normalise_header(text: Any) -> str:
    """Full-width parentheses to half-width, no spaces nor invisible characters, English in lower case."""
    s = "" if text is None else str(text)
    s = s.translate(_DROP_INVISIBLE).replace("（", "(").replace("）", ")").replace("\u00a0", " ")
    return re.sub(r"\s+", "", s).lower()
