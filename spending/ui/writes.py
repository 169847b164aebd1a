"""A page's write, the one way every page does it (issue 38): the write on the read-write connection; a refusal
(SpendingError) said where the button was pressed, nothing kept; else fresh caches, the page's message kept for
the next run (its flash), and that run."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from spending import SpendingError
from spending.ui.data import clear_caches, writing
from spending.ui.text import said

T = TypeVar("T")


def after_write(key: str, flash, after: Callable[[], None] | None = None) -> None:
    """After a write: fresh caches, `after()` (what else the page resets), `flash` kept in st.session_state[key]
    for the page to show on the next run, and that run (st.rerun: nothing below runs)."""
    clear_caches()
    if after is not None:
        after()
    st.session_state[key] = flash
    st.rerun()


def write(action: Callable[..., T], flash: Callable[[T], object], key: str, lang: str,
          after: Callable[[], None] | None = None) -> None:
    """action(con) on the read-write connection (ui.writing). A SpendingError is shown (st.error, the language's
    half as plain text) and the page goes on; else after_write(key, flash(the action's result), after)."""
    try:
        with writing() as con:
            result = action(con)
    except SpendingError as error:
        st.error(said(error, lang))
        return
    after_write(key, flash(result), after)
