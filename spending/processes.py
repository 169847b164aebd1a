"""Processes that may have ended: whether one still runs (alive), and each process's own folder for
temporary copies (temp_dir), removed when the process ends, or by clear_stale_temp() (run when the dashboard
starts) for processes that no longer run. No database, no import."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

_TEMP_ROOT = Path(tempfile.gettempdir()) / "spending-uploads"


def temp_dir() -> Path:
    """This process's folder for temporary copies (removed when the process ends)."""
    folder = _TEMP_ROOT / str(os.getpid())
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        atexit.register(shutil.rmtree, folder, True)
    return folder


def clear_stale_temp() -> int:
    """Remove the temporary copies of processes that no longer run (the dashboard calls this at start)."""
    removed = 0
    if not _TEMP_ROOT.is_dir():
        return 0
    for folder in _TEMP_ROOT.iterdir():
        pid = int(folder.name) if folder.name.isdigit() else None
        if pid == os.getpid() or (pid is not None and alive(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True) if folder.is_dir() else folder.unlink(missing_ok=True)
        removed += 1
    return removed


def alive(pid: int) -> bool:
    """Whether process pid is running (one of another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
