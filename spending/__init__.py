"""支出进度监控 — budget-execution pace monitor (DuckDB core shared by the CLI and the dashboard)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"


class SpendingError(Exception):
    """A problem the user can act on: reported in one line, never as a traceback.

    Raised with a key of i18n.MESSAGES and its values (issue 38): SpendingError("no_projects", year=2021).
    str(error) is both languages for the command line; error.text(lang) is one, for a page. Text written
    "中文 | English" where it is raised is the old way, still read until every message has its key."""

    def __init__(self, key: str = "", /, **values):
        from spending import i18n
        self.message = i18n.Message(key, **values) if key in i18n.MESSAGES else None
        super().__init__(str(self.message) if self.message else key)

    def text(self, lang: str = "zh") -> str:
        if self.message is not None:
            return self.message.text(lang)
        from spending.ui.text import words      # the old way: this language's half of "中文 | English"
        return words(str(self), lang)


class NoProjects(SpendingError):
    """The year has no projects: nothing to review or ask about."""

    def __init__(self, year: int):
        super().__init__("no_projects", year=year)
