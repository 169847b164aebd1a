"""支出进度监控 — budget-execution pace monitor (DuckDB core shared by the CLI and the dashboard)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"


class SpendingError(Exception):
    """A problem the user can act on: reported in one line, never as a traceback.

    Raised with a key of i18n.MESSAGES and its values (issue 38): SpendingError("no_projects", year=2021),
    or with an i18n.Message made already. str(error) is both languages for the command line;
    error.text(lang) is one, for a page. A key the catalogue does not hold is a programming error (KeyError)."""

    def __init__(self, key, /, **values):
        from spending import i18n
        self.message = key if isinstance(key, i18n.Message) else i18n.Message(key, **values)
        super().__init__(str(self.message))

    def text(self, lang: str = "zh") -> str:
        return self.message.text(lang)


class NoProjects(SpendingError):
    """The year has no projects: nothing to review or ask about."""

    def __init__(self, year: int):
        super().__init__("no_projects", year=year)
