"""backup: the whole database (schema, data, sequences) copied into one new DuckDB file, while the dashboard
reads it; a failed or killed backup leaves nothing behind."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

from spending import SpendingError, db, processes
from spending.db.disk_space import disk_full
from spending.db.opening import config

_PARTIAL = re.compile(r"^\..+\.(\d+)\.partial(\.wal)?$")


def _clean_partials(folder: Path) -> None:
    """Remove what a backup killed before it could clean up left in folder (.<name>.<pid>.partial and
    its .wal), when that process is gone; a backup still running keeps its own."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _PARTIAL.match(name)
        if match and not processes.alive(int(match.group(1))):
            try:
                (folder / name).unlink()
            except OSError:
                pass


def backup(con, target: str | os.PathLike) -> Path:
    """Copy the whole database (schema, data, sequences) into ONE new DuckDB file.

    Works on a read-only connection, so it runs while the dashboard is up. The copy is written
    under a temporary name in the target's folder and renamed when complete: a failed backup
    (a full disk) leaves nothing behind; what a killed backup left there, the next one removes.
    Restore: stop the dashboard, then put the backup file where the database belongs (README,
    Backup and restore).
    """
    target = Path(target).resolve()
    if target.exists():
        raise SpendingError("backup_exists", target=target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SpendingError("backup_folder_failed", folder=target.parent, reason=error.strerror) from None
    _clean_partials(target.parent)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    leftovers = [partial, Path(f"{partial}.wal")]
    source = db.value(con, "backup/source")
    cur = con.cursor()
    try:
        db.execute(cur, "backup/attach", path=str(partial))
        try:
            cur.execute(db.filled("backup/copy", source=db.quoted(source)))
            db.execute(cur, "backup/checkpoint")
        finally:
            db.execute(cur, "backup/detach")
        if Path(f"{partial}.wal").exists():      # never a file and its WAL: fold the WAL in
            folded = duckdb.connect(str(partial), config=config())
            db.execute(folded, "backup/fold_wal")
            folded.close()
        os.link(partial, target)                 # no overwrite: fails if the target appeared meanwhile
        partial.unlink()
    except BaseException as error:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        if disk_full(error):
            raise SpendingError("backup_disk_full", target=target) from None
        if isinstance(error, FileExistsError):
            raise SpendingError("backup_exists", target=target) from None
        if isinstance(error, (OSError, duckdb.IOException)):
            raise SpendingError("backup_unwritable", target=target,
                                detail=(str(error).splitlines()[0], "")) from None
        raise
    finally:
        cur.close()
    return target
