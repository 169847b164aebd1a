"""Every file a page offers (issue 32): made when its button is clicked, for the account as it is then,
and served by its /media address for that one click only.

How Streamlit 1.67 serves a download_button whose data is a callable (read in its source): the script
run only registers the callable (MediaFileManager.add_deferred: no file yet, no address); the click
sends a `deferred_file` request over the session's WebSocket, and the server runs the callable on a
worker thread (asyncio.to_thread: no script run, no st.user, no st.session_state), stores the bytes in
its memory storage as a downloadable file and answers with its address, /media/<hash of the bytes,
type and name>.<ext>. The browser then GETs that address twice (the button's own check of it, a
fetch(), and the download itself). Anyone with the address may GET it, with no cookie: the file stays
there, unmapped to any session, until the second orphan clean-up after it, at the end of the next
script runs of any session (on a quiet server, for as long as nobody clicks anything).

So the page never hands the button its data. download() registers a callable that, when clicked:
looks the session's login up in the database again (auth.find; local mode stays the local admin);
makes no file for an account removed since, or one whose role no longer allows this file (`allowed`);
else makes the file for a Context carrying the account as it is now (its role and sections, so a
demoted admin's file holds only what the new role may see); and marks the file's address as good for
this one click: it answers the browser's two GETs (ONE_CLICK_READS), then 404, and at most
ONE_CLICK_SECONDS after it was made. That mark needs the memory storage the /media route reads (its
get_file is wrapped, once per process): Streamlit has no public hook for it; tests/test_download_rights.py
checks it against the installed Streamlit with a real server and a fetch without the session.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import replace
from collections.abc import Callable
from typing import TypeVar

from spending import SpendingError, auth
from spending.ui.address import Context
from spending.ui.data import connection

ONE_CLICK_READS = 2        # GETs of the address per click: the button's check (fetch) and the download
ONE_CLICK_SECONDS = 30     # the longest an address of a made file answers, fetched or not

_LOG = logging.getLogger("spending")
_lock = threading.Lock()
_one_click: dict[str, tuple[int, float]] = {}     # file id -> (GETs left, the time it goes)


class Refused(SpendingError):
    """No file: the account was removed, or its role no longer allows this download."""


def current_user(user: auth.User) -> auth.User | None:
    """The account of `user`'s login as the database holds it now (None: removed); the local admin
    stays the local admin (local mode has no accounts)."""
    if user.local:
        return auth.local_user()
    with connection() as con:
        cur = con.cursor()
        try:
            return auth.find(cur, user.login)
        finally:
            cur.close()


def anyone(user: auth.User) -> bool:
    """Every account may download it (what goes into it follows the account's sections)."""
    return True


# the page's context, a YearContext on a page of a year's figures: make() gets the same kind, with the account now
C = TypeVar("C", bound=Context)


def made_on_click(ctx: C, make: Callable[[C], bytes | str], file_name: str, mime: str,
                  allowed: Callable[[auth.User], bool] = anyone) -> Callable[[], bytes]:
    """The callable a download button is given: on each click the account is looked up again, and
    make(ctx with the account as it is now) is called only when it still exists and allowed(account).
    Raises Refused otherwise (the button then says the file could not be made; nothing is served)."""
    shown_to = ctx.user

    def data() -> bytes:
        user = current_user(shown_to)
        if user is None or not allowed(user):
            _LOG.warning("download %s refused: %s %s", file_name, shown_to.login,
                         "has no account any more" if user is None else f"is now {user.role}")
            raise Refused("download_refused", login=shown_to.login, file=file_name)
        content = make(replace(ctx, user=user))
        content = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        one_click(content, mime, file_name)
        return content
    return data


def download(where, label: str, make: Callable[[C], bytes | str], file_name: str, mime: str, ctx: C,
             allowed: Callable[[auth.User], bool] = anyone, **button) -> None:
    """st.download_button (on `where`: st, a column, the sidebar) whose file make(ctx) makes on the click,
    after the account is checked again (made_on_click); the click does not run the page again."""
    where.download_button(label, made_on_click(ctx, make, file_name, mime, allowed), file_name, mime,
                          on_click="ignore", **button)


# ------------------------------------------------------------------ one click, one address

def _storage(storage=None):
    """The storage the /media route serves from (Streamlit's memory storage; `storage`: this one), watched
    (_watch); None without a server."""
    from streamlit import runtime
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    if storage is None:
        if not runtime.exists():
            return None
        storage = getattr(runtime.get_instance().media_file_mgr, "_storage", None)
    if not isinstance(storage, MemoryMediaFileStorage):
        raise Refused("download_no_one_click")
    with _lock:     # once per process, even when the first two clicks come together
        if not getattr(storage, "_spending_one_click", False):
            _watch(storage)
    return storage


def _watch(storage) -> None:
    """Wrap storage.get_file (the /media route's one read) so that a one-click file is deleted after its
    last GET. The route asks for '<id>.<ext>'; Streamlit's own lookups (get_url) ask for the bare id and
    are not counted."""
    served = storage.get_file

    def get_file(name: str):
        found = served(name)
        file_id, ext = os.path.splitext(name)
        if ext:
            with _lock:
                left = _one_click.get(file_id)
                if left is not None:
                    if left[0] <= 1:
                        del _one_click[file_id]
                        storage.delete_file(file_id)
                    else:
                        _one_click[file_id] = (left[0] - 1, left[1])
        return found
    storage.get_file = get_file
    storage._spending_one_click = True


def one_click(content: bytes, mime: str, file_name: str, storage=None) -> str | None:
    """Store the file as Streamlit is about to (the same id: its hash of bytes, type and name) and mark its
    address good for ONE_CLICK_READS GETs within ONE_CLICK_SECONDS. The id, or None without a server.
    `storage`: another storage than the running server's (tests)."""
    from streamlit.runtime.media_file_storage import MediaFileKind

    storage = _storage(storage)
    if storage is None:
        return None
    with _lock:
        file_id = storage.load_and_get_id(content, mime, MediaFileKind.DOWNLOADABLE, file_name)
        reads = _one_click.get(file_id, (0, 0.0))[0] + ONE_CLICK_READS     # the same file clicked again
        _one_click[file_id] = (reads, time.monotonic() + ONE_CLICK_SECONDS)
    timer = threading.Timer(ONE_CLICK_SECONDS + 0.5, _expire, args=(storage, file_id))
    timer.daemon = True
    timer.start()
    return file_id


def _expire(storage, file_id: str) -> None:
    with _lock:
        left = _one_click.get(file_id)
        if left is not None and time.monotonic() >= left[1]:
            del _one_click[file_id]
            storage.delete_file(file_id)


# ------------------------------------------------------------------ the database backup

def admins(user: auth.User) -> bool:
    return user.is_admin


def database_backup(ctx: Context, file_name: str) -> bytes:
    """The whole database as ONE DuckDB file (backups.backup, on the read-only connection: nobody waits for it),
    recorded in the audit log as downloaded by the user (a reading: 下载数据库备份) before it is handed over:
    an entry that cannot be written gives no file."""
    import tempfile
    from pathlib import Path

    from spending import audit
    from spending.db import backups
    from spending.ui.data import writing

    with tempfile.TemporaryDirectory() as folder:
        with connection() as con:
            content = backups.backup(con, Path(folder) / "backup.duckdb").read_bytes()
    with writing() as con:
        audit.record(con, ctx.user.actor, "backup_downloaded", file_name, {"size_bytes": len(content)})
    return content
