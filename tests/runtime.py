"""The Python of what users install: the environment `make install` builds from requirements.lock
alone (.venv), never the tests' own (.venv-test, which adds pytest, Playwright and the test login
provider). The tests start the real server and the command line with it, so a runtime dependency
that only a test package brings in (httpx, once) fails a test instead of a bureau's login."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNTIME_PYTHON = Path(os.environ.get("SPENDING_RUNTIME_PYTHON") or ROOT / ".venv" / "bin" / "python")

if not RUNTIME_PYTHON.exists():
    raise RuntimeError(f"{RUNTIME_PYTHON} is missing: the tests run the server and the command line in the "
                       "runtime environment; `make test` builds it (make install)")
