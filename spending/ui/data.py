"""The dashboard's data: the connection (one read-only per process, one read-write only for a write:
sharing.Shared), cached queries per (query, parameters, data version) and the month's review."""

from __future__ import annotations

import logging
import threading
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from spending import db
from spending.db import opening, sharing
from spending.pace import all_money
from spending.rules import Thresholds

if TYPE_CHECKING:   # address imports this module: the name for the annotations only
    from spending.ui.address import YearContext

TIME_TO_LIVE = 60 * 60  # seconds a cached result may live even if nothing changes
MAX_TABLE_ROWS = 1000   # rows a table sends to the browser (the downloads hold them all)
MAX_CHART_BARS = 60     # bars in a per-project chart (the most behind first)


@st.cache_resource(show_spinner=False)
def _shared(path: str) -> sharing.Shared:
    return sharing.Shared(path)


def _connection(path: str):
    """`with _connection(path) as con:` the process's read-only connection to the database at path,
    held for one reader (a cursor per query, closed before the block ends)."""
    return _shared(path).reading()


def connection():
    """`with ui.connection() as con:` the read-only connection (a cursor per query)."""
    return _connection(str(opening.db_path()))


def read(fn, *args, **kwargs):
    """fn(con, *args, **kwargs) on the read-only connection, held until fn returns. Never keep a
    cursor beyond the block: when a writer of another process waits, the dashboard lets go of the
    connection as soon as its last reader is done (sharing.Shared), and a kept cursor is then dead."""
    with connection() as con:
        return fn(con, *args, **kwargs)


def writing(wait: float = opening.WAIT_SECONDS):
    """`with ui.writing() as con:` a read-write connection for one write (waits for other writers)."""
    return _shared(str(opening.db_path())).writing(wait)


def data_version() -> tuple:
    with connection() as con:
        cur = con.cursor()
        try:
            return db.data_version(cur)
        finally:
            cur.close()


@st.cache_data(ttl=TIME_TO_LIVE, max_entries=2000, show_spinner=False)
def _query(name: str, path: str, version: tuple, params: tuple) -> pd.DataFrame:
    with _connection(path) as con:
        return _frame(con, name, dict(params))


def _frame(con, name: str, params: dict) -> pd.DataFrame:
    cur = db.run(con, name, **params)
    try:
        return cur.df()
    finally:
        cur.close()


def query(name: str, **params) -> pd.DataFrame:
    """queries/<name>.sql as a DataFrame (floats: for display only; exact values stay in SQL).
    Keep results small: each is pickled into the cache (lists in params are fine)."""
    return _query(name, str(opening.db_path()), data_version(), tuple(sorted(params.items())))


def projects_chosen(params: dict) -> tuple[pd.DataFrame, int]:
    """project_status with these parameters (at most params["limit"] rows), and how many
    projects its filters keep (counted only when the rows were capped)."""
    whole = all_money(params)   # no choice of sources: the queries that never plan the money by source
    rows = query("project_status", **params) if whole else query("project_status_money", **params)
    if params.get("limit") is None or len(rows) < params["limit"]:
        return rows, len(rows)
    filters = {k: v for k, v in params.items() if k != "limit"}
    counted = query("project_count", **filters) if whole else query("project_count_money", **filters)
    return rows, int(counted["matching"].iloc[0])


def fetch(name: str, **params) -> pd.DataFrame:
    """queries/<name>.sql as a DataFrame, not cached: for a download built when it is clicked."""
    with connection() as con:
        return _frame(con, name, params)


def clear_caches() -> None:
    _query.clear()
    _review.clear()


@st.cache_data(ttl=TIME_TO_LIVE, max_entries=200, show_spinner=False)
def _review(path: str, version: tuple, year: int, month: int, yellow: str, red: str, scope: tuple | None):
    from spending import bulletin

    with _connection(path) as con:
        return bulletin.review(con, year, month, Thresholds(Decimal(yellow), Decimal(red)), for_page=True,
                               scope=list(scope) if scope is not None else None)


def review(ctx: YearContext):
    """The month under review (双监控) for the page, of the user's sections, cached per data version:
    only what the page shows (review's for_page), not the parts only the bulletin files need (see bulletin_review)."""
    return _review(str(opening.db_path()), data_version(), ctx.year, ctx.month, **ctx.thresholds.params(),
                   scope=tuple(ctx.scope) if ctx.scope is not None else None)


def bulletin_review(ctx: YearContext, file_format: str | None = None):
    """The month under review with every project behind, for a bulletin download (not cached);
    recorded in the audit log as downloaded by the user (a reading: 下载通报), with its file_format
    (xlsx or pdf: issue 37, the 审计 page says which). The entry is written on a
    thread of its own: a reading never waits for a write (another writer ahead of it), and a database
    on read-only media still gives its bulletin (the entry that cannot be written is in the server log)."""
    from spending import bulletin

    with connection() as con:
        review = bulletin.review(con, ctx.year, ctx.month, ctx.thresholds, scope=ctx.scope)
    threading.Thread(target=_record_download, daemon=True, name="audit-download",
                     args=(str(opening.db_path()), ctx.user.actor, f"{ctx.year}-{ctx.month:02d}",
                           {**({"format": file_format} if file_format else {}), "sections": ctx.scope or "all",
                            **ctx.thresholds.params()})).start()
    return review


def _record_download(path: str, actor: str, obj: str, detail: dict) -> None:
    from spending import audit

    try:
        with _shared(path).writing() as con:
            audit.record(con, actor, "bulletin_downloaded", obj, detail)
    except Exception:      # read-only media, a writer that never let go: the download was served all the same
        logging.getLogger("spending").exception("the audit entry of a bulletin download (%s, %s) was not written",
                                                actor, obj)
