"""A write that failed for want of disk space: said in our words (DiskFull), and the space its rolled-back
blocks took given back (give_back_space)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from spending import SpendingError
from spending.db.damage import active_header

DISK_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


class DiskFull(SpendingError):
    """A write that failed for want of disk space (DuckDB's "No space left on device", "Failed to commit"):
    rolled back, nothing written. Said in our words wherever a write fails so (transaction, Shared.writing,
    the command line), never in DuckDB's."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = path
        super().__init__("disk_full", where=(f"：{path}", f": {path}") if path else ("", ""))


def disk_full(error: BaseException) -> bool:
    """Did this error (DuckDB's or the system's) come from a full disk or a file size limit?"""
    if isinstance(error, OSError) and error.errno in DISK_FULL:
        return True
    text = str(error).lower()
    return "no space left" in text or "file too large" in text or "disk quota" in text


def give_back_space(path: str | os.PathLike) -> int:
    """After a write that failed on a full disk, once no connection of this process has the file open: cut
    the database file back to the blocks its active header counts, and return the bytes given back.

    DuckDB writes a large transaction's rows into new blocks at the end of the file as it goes; rolled
    back, they are referred to by nothing, but the file keeps their size until a later checkpoint (a
    successful write) truncates them, so a full disk would stay full of them (an import that did not fit
    on a 20 MB disk grew a 6.3 MB database to the whole 20 MB). Cutting them is what DuckDB's own
    checkpoint does to free blocks at the end (3 header blocks of 4 KiB, then block_count blocks): the file
    is then byte for byte what it was before the write. Done only while holding the file's write lock (the
    lock DuckDB takes: no other process has it open meanwhile), with no WAL holding anything (its entries
    could refer to those blocks), and never while this process still has the file open (closing another
    descriptor of it would drop DuckDB's lock)."""
    import fcntl

    path = Path(path).resolve()
    wal = Path(f"{path}.wal")
    try:
        if wal.exists() and wal.stat().st_size:
            return 0
        if _open_here(path):
            return 0
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return 0
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return 0                                  # another process has it: its next checkpoint trims it
        header = active_header(os.pread(fd, 8192, 4096))   # never another descriptor: closing it drops the lock
        size = os.fstat(fd).st_size
        if header is None or (wal.exists() and wal.stat().st_size):
            return 0
        keep = 3 * 4096 + header[2] * header[3]
        if size <= keep:
            return 0
        os.ftruncate(fd, keep)
        return size - keep
    except OSError:
        return 0
    finally:
        os.close(fd)


def _open_here(path: Path) -> bool:
    """Does this process have the file open (a DuckDB connection or cursor still alive)? True where it
    cannot tell (no /proc)."""
    try:
        descriptors = os.listdir("/proc/self/fd")
    except OSError:
        return True
    for fd in descriptors:
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == str(path):
                return True
        except OSError:
            continue
    return False
