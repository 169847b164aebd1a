"""Text from the data or a message, shown as plain text in a Markdown element (plain, said)."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>:@$&=])")
# GFM's literal autolinks are found in the text after escapes are resolved (remark-gfm links
# https://…, www.… and a@b.c however they are escaped): an invisible WORD JOINER before http(s)://
# and www. and after @ leaves nothing for it to link (it needs whitespace or punctuation before a
# URL, and a domain right after @).
_AUTOLINK = re.compile(r"(?i)(?=https?://|www\.)|(?<=@)")
JOINER = "\u2060"


def plain(text) -> str:
    """Text from the data (a name, a goal, a file name, a login) for a Markdown element, shown as
    plain text: every Markdown character escaped and every autolink broken (an invisible U+2060),
    so it never becomes a link, an image, a colour or a heading."""
    text = _AUTOLINK.sub(JOINER, "" if text is None else str(text))
    return _MARKDOWN.sub(r"\\\1", text)


def said(text, lang: str) -> str:
    """A message (an error, an i18n.Message: its text in the language) or a text already in the page's
    language, as plain text for a Markdown element (st.error, st.success, a caption)."""
    if hasattr(text, "text") and callable(text.text):
        return plain(text.text(lang))
    return plain("" if text is None else str(text))
