"""Shared: one database file shared by the threads of a long-running process (the dashboard), readers and
one writer at a time, so that another process can read or write it whenever the dashboard is idle."""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

from spending.db.damage import damaged, is_damage
from spending.db.disk_space import DiskFull, disk_full, give_back_space
from spending.db.opening import WAIT_SECONDS, connect, write_wanted

READ_WAIT_SECONDS = 120   # how long a page of the dashboard waits for a write in another process to end
                          # (the command line's read verbs never wait)
IDLE_SECONDS = 30         # a dashboard closes its read-only connection when unused this long (or at
                          # once when a writer of another process waits: <database>.write-wanted)


class Shared:
    """One database file shared by the threads of a long-running process (the dashboard).

    Readers share one read-only connection, opened on first use and closed again when no reader
    has used it for idle seconds; a writer waits for the readers of this process, closes it, opens
    the file read-write for the write alone and closes it after. So another process (the command
    line, a night import) can read whenever nothing writes, and write whenever the dashboard is
    idle: DuckDB lets many processes read a file, or one write it. Within one process DuckDB
    refuses two configurations of one file at once, hence the readers-writer lock.
    """

    def __init__(self, path: str | os.PathLike, idle: float | None = None):
        self.path = Path(path)
        self.idle = float(os.environ.get("SPENDING_IDLE_SECONDS", IDLE_SECONDS)) if idle is None else idle
        self._state = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0
        self._con: duckdb.DuckDBPyConnection | None = None
        self._last_used = 0.0
        self._closer: threading.Timer | None = None
        self.opened = 0              # read-only opens so far (for tests and measurements)

    @contextmanager
    def reading(self, wait: float = READ_WAIT_SECONDS):
        """The shared read-only connection (use a cursor of your own per query)."""
        with self._state:
            while self._writing or self._writers_waiting:
                self._state.wait()
            self._readers += 1
        try:
            with self._state:
                if self._con is None:
                    self._yield_to_writer(wait)
                    self._con = connect(self.path, read_only=True, wait=wait)
                    self.opened += 1
                con = self._con
            try:
                yield con
            except duckdb.Error as error:   # a block the file lost shows only when a query reads it
                if is_damage(error):
                    raise damaged(self.path) from None
                raise
        finally:
            with self._state:
                self._readers -= 1
                self._last_used = time.monotonic()
                if not self._readers:
                    self._state.notify_all()
                    if write_wanted(self.path):
                        self._close_reader()      # another process waits to write: let go now
                    else:
                        self._schedule_close()

    def _yield_to_writer(self, wait: float) -> None:
        """Before opening: while another process waits to write, let it go first (up to wait s)."""
        deadline = time.monotonic() + wait
        while write_wanted(self.path) and time.monotonic() < deadline:
            time.sleep(0.05)

    @contextmanager
    def writing(self, wait: float = WAIT_SECONDS):
        """A read-write connection of its own for one write; no reader of this process meanwhile."""
        with self._state:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._state.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
            self._close_reader()
        con = None
        full = False
        try:
            con = connect(self.path, wait=wait)
            yield con
        except duckdb.Error as error:
            if not disk_full(error):
                raise
            full = True
            raise DiskFull(self.path) from None
        except DiskFull:
            full = True
            raise
        finally:
            if con is not None:
                con.close()
            if full:
                give_back_space(self.path)     # before another writer of this process may open it
            with self._state:
                self._writing = False
                self._state.notify_all()

    POLL = 0.5    # seconds between looks for a waiting writer while the connection is open and unused

    def _schedule_close(self) -> None:
        if self._closer is not None:
            return
        self._closer = threading.Timer(min(self.idle, self.POLL), self._close_if_idle)
        self._closer.daemon = True
        self._closer.start()

    def _close_if_idle(self) -> None:
        """Close the unused read-only connection after idle seconds, or at once for a waiting writer."""
        with self._state:
            self._closer = None
            if self._readers or self._con is None:
                return
            if time.monotonic() - self._last_used >= self.idle or write_wanted(self.path):
                self._close_reader()
            else:
                self._schedule_close()

    def _close_reader(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def close(self) -> None:
        with self._state:
            while self._readers or self._writing:
                self._state.wait()
            self._close_reader()

    @property
    def is_open(self) -> bool:
        return self._con is not None
