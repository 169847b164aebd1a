"""A file that is no DuckDB database, or a damaged one: named before DuckDB opens it (sniff: its first bytes,
its size against what its header promises) or when DuckDB reads it (is_damage), with the restore steps."""

from __future__ import annotations

import struct
from pathlib import Path

import duckdb

from spending import SpendingError

RESTORE_STEPS = "README.md「Backup and restore / 备份与恢复」"


def damaged(path: Path) -> SpendingError:
    return SpendingError("database_damaged", steps=RESTORE_STEPS, path=path)


def sniff(path: Path) -> None:
    """Name a file that is not a DuckDB database before DuckDB opens it (a DuckDB file has
    'DUCK' at byte 8)."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except IsADirectoryError:
        raise SpendingError("database_is_folder", path=path) from None
    except OSError as error:
        raise SpendingError("database_unreadable", path=path, reason=error.strerror) from None
    if head[8:12] == b"DUCK":
        if path.stat().st_size < _expected_size(path):
            raise damaged(path)
        return
    if head.startswith(b"SQLite format 3\0"):
        raise SpendingError("database_is_sqlite", path=path)
    if head.startswith(b"PK\x03\x04"):
        raise SpendingError("database_is_zip", path=path)
    if len(head) < 12:      # nothing, or less than a header: a database cut short
        raise damaged(path)
    text = b"\0" not in head
    if text:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            text = error.start > len(head) - 4 or _gb18030(head)   # a character cut at the boundary
    if text:
        raise SpendingError("database_is_text", path=path)
    raise SpendingError("database_not_duckdb", path=path)


def _expected_size(path: Path) -> int:
    """The least size the active database header promises: 3 header blocks of 4 KiB and the
    blocks up to the one holding the catalog's metadata (0 when the header is not one this code
    knows). block_count is no bound: DuckDB truncates free blocks at the end of the file."""
    with open(path, "rb") as f:
        f.seek(4096)
        header = active_header(f.read(8192))
    return 3 * 4096 + (header[1] + 1) * header[3] if header else 0


def active_header(headers: bytes) -> tuple[int, int, int, int] | None:
    """(iteration, the metadata's block, block_count, block size) of the active one of the two database
    headers (a DuckDB file's bytes 4096 to 12288), or None when neither is one this code knows."""
    best = None
    for offset in (0, 4096):
        if len(headers) < offset + 64:
            continue
        _, iteration, meta_block, _, blocks, alloc, vector, _ = struct.unpack_from("<8Q", headers, offset)
        meta = meta_block & ((1 << 56) - 1)       # the block id; the top byte is the index within it
        plausible = 4096 <= alloc <= 1 << 24 and alloc & (alloc - 1) == 0 and vector in (1024, 2048, 4096) \
            and meta < blocks < 1 << 40
        if plausible and (best is None or iteration > best[0]):
            best = (iteration, meta, blocks, alloc)
    return best


def _gb18030(head: bytes) -> bool:
    try:
        head[:-4].decode("gb18030")
        return True
    except UnicodeDecodeError:
        return False


def is_damage(error: Exception) -> bool:
    """A DuckDB error that means the file is damaged (cut short, or bytes changed)."""
    text = str(error).lower()
    return (isinstance(error, (duckdb.IOException, duckdb.SerializationException, duckdb.InternalException))
            and not is_lock(error)
            and any(w in text for w in ("could not read enough bytes", "corrupt", "checksum", "not a valid duckdb",
                                         "serializ", "failed to read", "invalid block")))


def is_lock(error: Exception) -> bool:
    text = str(error).lower()
    return "could not set lock" in text or "conflicting lock" in text or "different configuration" in text
