"""支出进度监控 — budget-execution pace monitor (DuckDB core shared by the CLI and the dashboard)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"


class SpendingError(Exception):
    """A problem the user can act on: reported in one line, never as a traceback."""


class NoProjects(SpendingError):
    """The year has no projects: nothing to review or ask about."""

    def __init__(self, year: int):
        super().__init__(f"{year} 年度没有预算项目 | no projects in {year}")
