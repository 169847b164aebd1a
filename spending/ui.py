"""What every page shares: the connection, cached queries, the sidebar context and the address.

The database is shared with other processes (the command line, a night import): the dashboard
reads through one read-only connection per process, opened on demand and closed when idle
(`with connection() as con`), and writes through a read-write connection of its own that is
open only for the write (`with writing() as con`); see db.Shared. A fresh cursor per query: a
connection shared across Streamlit's session threads mixes up their results.
Query results are cached per (query, parameters, data version); an import or an undo
changes the data version, so nobody sees stale numbers after it.
"""

from __future__ import annotations

import logging
import re
import runpy
import threading
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import streamlit as st

from spending import ROOT, SpendingError, auth, db, i18n
from spending.rules import DEFAULT_RED, DEFAULT_YELLOW, STATUS_COLORS, Thresholds

TIME_TO_LIVE = 60 * 60  # seconds a cached result may live even if nothing changes
MAX_TABLE_ROWS = 1000   # rows a table sends to the browser (the downloads hold them all)
MAX_CHART_BARS = 60     # bars in a per-project chart (the most behind first)


@st.cache_resource(show_spinner=False)
def _shared(path: str) -> db.Shared:
    return db.Shared(path)


def _connection(path: str):
    """`with _connection(path) as con:` the process's read-only connection to the database at path,
    held for one reader (a cursor per query, closed before the block ends)."""
    return _shared(path).reading()


def connection():
    """`with ui.connection() as con:` the read-only connection (a cursor per query)."""
    return _connection(str(db.db_path()))


def read(fn, *args, **kwargs):
    """fn(con, *args, **kwargs) on the read-only connection, held until fn returns. Never keep a
    cursor beyond the block: when a writer of another process waits, the dashboard lets go of the
    connection as soon as its last reader is done (db.Shared), and a kept cursor is then dead."""
    with connection() as con:
        return fn(con, *args, **kwargs)


def writing(wait: float = db.WAIT_SECONDS):
    """`with ui.writing() as con:` a read-write connection for one write (waits for other writers)."""
    return _shared(str(db.db_path())).writing(wait)


def data_version() -> tuple:
    with connection() as con:
        cur = con.cursor()
        try:
            return db.data_version(cur)
        finally:
            cur.close()


@st.cache_data(ttl=TIME_TO_LIVE, max_entries=2000, show_spinner=False)
def _query(name: str, path: str, version: tuple, params: tuple) -> pd.DataFrame:
    with _connection(path) as con:
        return _frame(con, name, dict(params))


def _frame(con, name: str, params: dict) -> pd.DataFrame:
    cur = db.run(con, name, **params)
    try:
        return cur.df()
    finally:
        cur.close()


def query(name: str, **params) -> pd.DataFrame:
    """queries/<name>.sql as a DataFrame (floats: for display only; exact values stay in SQL).
    Keep results small: each is pickled into the cache (lists in params are fine)."""
    return _query(name, str(db.db_path()), data_version(), tuple(sorted(params.items())))


def projects_chosen(params: dict) -> tuple[pd.DataFrame, int]:
    """project_status with these parameters (at most params["limit"] rows), and how many
    projects its filters keep (counted only when the rows were capped)."""
    rows = query("project_status", **params)
    if params.get("limit") is None or len(rows) < params["limit"]:
        return rows, len(rows)
    filters = {k: v for k, v in params.items() if k != "limit"}
    return rows, int(query("project_count", **filters)["matching"].iloc[0])


def fetch(name: str, **params) -> pd.DataFrame:
    """queries/<name>.sql as a DataFrame, not cached: for a download built when it is clicked."""
    with connection() as con:
        return _frame(con, name, params)


def clear_caches() -> None:
    _query.clear()
    _review.clear()


@st.cache_data(ttl=TIME_TO_LIVE, max_entries=200, show_spinner=False)
def _review(path: str, version: tuple, year: int, month: int, yellow: str, red: str, scope: tuple | None):
    from spending import bulletin

    with _connection(path) as con:
        return bulletin.review(con, year, month, Thresholds(Decimal(yellow), Decimal(red)), with_behind=False,
                               scope=list(scope) if scope is not None else None)


def review(ctx: "Context"):
    """The month under review (双监控) for the page, of the user's sections, cached per data version:
    without the list of projects behind, which only the bulletin files need (see bulletin_review)."""
    return _review(str(db.db_path()), data_version(), ctx.year, ctx.month, **ctx.thresholds.params(),
                   scope=tuple(ctx.scope) if ctx.scope is not None else None)


def bulletin_review(ctx: "Context"):
    """The month under review with every project behind, for a bulletin download (not cached);
    recorded in the audit log as downloaded by the user (a reading: 下载通报). The entry is written on a
    thread of its own: a reading never waits for a write (another writer ahead of it), and a database
    on read-only media still gives its bulletin (the entry that cannot be written is in the server log)."""
    from spending import bulletin

    with connection() as con:
        review = bulletin.review(con, ctx.year, ctx.month, ctx.thresholds, scope=ctx.scope)
    threading.Thread(target=_record_download, daemon=True, name="audit-download",
                     args=(str(db.db_path()), ctx.user.actor, f"{ctx.year}-{ctx.month:02d}",
                           {"sections": ctx.scope or "all", **ctx.thresholds.params()})).start()
    return review


def _record_download(path: str, actor: str, obj: str, detail: dict) -> None:
    from spending import audit

    try:
        with _shared(path).writing() as con:
            audit.record(con, actor, "bulletin_downloaded", obj, detail)
    except Exception:      # read-only media, a writer that never let go: the download was served all the same
        logging.getLogger("spending").exception("the audit entry of a bulletin download (%s, %s) was not written",
                                                actor, obj)


# ------------------------------------------------------------------ context: year, month, language

@dataclass(frozen=True)
class Context:
    year: int | None
    month: int
    lang: str
    thresholds: Thresholds = Thresholds()
    user: auth.User = auth.local_user()
    paid_to: date | None = None             # the last payment imported in the year (数据截至)
    last_paid_month: int | None = None

    @property
    def not_yet_imported(self) -> bool:
        """The month is past the last month with payments: its figures are not final."""
        return self.year is not None and (self.last_paid_month is None or self.month > self.last_paid_month)

    @property
    def scope(self) -> list[str] | None:
        """The sections every query of this user is limited to (None: all)."""
        return self.user.scope

    def t(self, key: str, **values) -> str:
        return i18n.t(key, self.lang, **values)

    def col(self, name: str) -> str:
        return i18n.column(name, self.lang)

    @property
    def month_label(self) -> str:
        return i18n.month_label(self.year, self.month, self.lang)

    def params(self, scoped: bool = True, **extra) -> dict:
        """Parameters of the pace queries for this context, limited to the user's sections ($scope);
        scoped=False for a query about one section or project the page has already checked."""
        scope = {"scope": self.scope} if scoped else {}
        return {"year": self.year, **scope, **self.thresholds.params(), **extra}

    def status_params(self, sections=None, statuses=None, min_gap=None, limit=MAX_TABLE_ROWS) -> dict:
        """Parameters of project_status for this month: filters (None = all) and a row cap. A section
        user's filter never reaches beyond its own sections."""
        sections = sections or None
        if self.scope is not None:
            sections = [s for s in (sections or self.scope) if s in self.scope]
        return self.params(False, month=self.month, sections=sections, statuses=statuses or None,
                           min_gap=min_gap, limit=limit)


_ADDRESS_NUMBER = re.compile(r"[0-9]{1,6}")     # ASCII digits only: "²".isdigit() and "١١".isdigit() are true


def _param_int(name: str) -> int | None:
    value = st.query_params.get(name)
    return int(value) if value and _ADDRESS_NUMBER.fullmatch(value) else None


def language() -> str:
    if "lang" not in st.session_state:
        st.session_state.lang = "en" if st.query_params.get("lang") == "en" else "zh"
    return st.session_state.lang


def default_month(year: int, years: pd.DataFrame, today: date) -> int:
    """The latest month with payments in that year; else the current month (this year) or December."""
    last = years.loc[years["fiscal_year"] == year, "last_paid_month"]
    if len(last) and pd.notna(last.iloc[0]):
        return int(last.iloc[0])
    return today.month if year == today.year else 12


def _keep(name: str) -> None:
    st.session_state[name] = st.session_state[f"_{name}"]


def _kept_widget(widget, label: str, name: str, **kwargs):
    """A sidebar widget whose value lives in st.session_state[name], not in the widget: it survives a
    language switch (a new label is a new widget) and every page change."""
    st.session_state[f"_{name}"] = st.session_state[name]
    return widget(label, key=f"_{name}", on_change=_keep, args=(name,), **kwargs)


def _notice(key: str, lang: str, **values) -> None:
    """Say that the address asked for something that is not there (the address is then corrected)."""
    st.session_state.setdefault("address_notices", []).append(i18n.t(key, lang, **values))


THRESHOLD_MAX = 100    # points: the most a threshold widget takes (a plan is at most 100 % ahead)


def _thresholds_from_address() -> Thresholds | None:
    """The address's thresholds, or None when they are not a pair the widgets can hold (0–100, at
    most 6 decimals, yellow ≤ red): ?yellow=150&red=200 is said and replaced, never clamped."""
    try:
        chosen = Thresholds(Decimal(st.query_params.get("yellow", str(DEFAULT_YELLOW))),
                            Decimal(st.query_params.get("red", str(DEFAULT_RED))))
    except (ArithmeticError, ValueError):
        return None
    return chosen if chosen.red <= THRESHOLD_MAX else None


def _points(value: float) -> Decimal:
    """A threshold widget's float as the decimal that was typed (at most 6 decimals, as Thresholds
    allows): repr gives the shortest decimal that is this float, so 10.123456 stays 10.123456."""
    exact = Decimal(repr(float(value))).quantize(Decimal("0.000001"))
    return exact.quantize(Decimal(1)) if exact == exact.to_integral() else exact.normalize()


def _places(value: float) -> int:
    return max(0, -_points(value).as_tuple().exponent)


def sidebar(today: date, user: auth.User) -> Context:
    """Fiscal year, as-of month, thresholds and language, kept in step with the address; what the
    address asked for and is not there is said (address_notices) and replaced."""
    lang = language()
    st.session_state["address_notices"] = []
    years = query("fiscal_years")
    year_options = [int(y) for y in years["fiscal_year"]]
    if not year_options:
        _kept_widget(st.sidebar.selectbox, i18n.t("language", lang), "lang", options=list(i18n.LANGUAGES),
                     format_func=i18n.LANGUAGES.get)
        return Context(None, 12, lang, user=user)
    if "year" not in st.session_state:
        asked = st.query_params.get("year")
        wanted = _param_int("year")
        st.session_state.year = wanted if wanted in year_options else year_options[0]
        if asked is not None and wanted not in year_options:
            _notice("bad_year", lang, asked=plain(asked), shown=st.session_state.year)
    if st.session_state.year not in year_options:
        st.session_state.year = year_options[0]
    year = _kept_widget(st.sidebar.selectbox, i18n.t("fiscal_year", lang), "year", options=year_options,
                        format_func=lambda y: f"{y}年" if lang == "zh" else str(y))
    if "month" not in st.session_state:
        asked = st.query_params.get("month")
        wanted = _param_int("month")
        st.session_state.month = wanted if wanted in range(1, 13) else default_month(year, years, today)
        if asked is not None and wanted not in range(1, 13):
            _notice("bad_month", lang, asked=plain(asked), shown=i18n.month_label(year, st.session_state.month, lang))
    month = _kept_widget(st.sidebar.selectbox, i18n.t("as_of_month", lang), "month", options=list(range(1, 13)),
                         format_func=lambda m: i18n.month_label(year, m, lang))
    if "yellow" not in st.session_state:
        asked = _thresholds_from_address()
        if asked is None:
            _notice("bad_thresholds", lang)
        chosen = asked or Thresholds()
        st.session_state.yellow, st.session_state.red = float(chosen.yellow), float(chosen.red)
    with st.sidebar.expander(i18n.t("thresholds_title", lang), icon=":material/tune:"):
        yellow, red = (_kept_widget(st.number_input, i18n.t(name, lang), name, min_value=0.0,
                                    max_value=float(THRESHOLD_MAX),
                                    step=1.0, format=f"%.{max(2, _places(st.session_state[name]))}f")
                       for name in ("yellow", "red"))
    try:
        thresholds = Thresholds(_points(yellow), _points(red))
    except ValueError:
        st.sidebar.error(i18n.t("thresholds_order", lang))
        thresholds = Thresholds()
    _kept_widget(st.sidebar.selectbox, i18n.t("language", lang), "lang", options=list(i18n.LANGUAGES),
                 format_func=i18n.LANGUAGES.get)
    row = years[years["fiscal_year"] == year].iloc[0]
    paid_to = None if pd.isna(row["last_pay_date"]) else pd.Timestamp(row["last_pay_date"]).date()
    return Context(year, month, lang, thresholds, user, paid_to,
                   None if pd.isna(row["last_paid_month"]) else int(row["last_paid_month"]))


def data_currency(ctx: Context) -> None:
    """数据截至 <the last payment imported>, and a warning when the month is past it."""
    if ctx.year is None:
        return
    if ctx.paid_to is None:
        st.sidebar.caption(i18n.t("data_as_of_none", ctx.lang))
    else:
        st.sidebar.caption(i18n.t("data_as_of", ctx.lang, date=ctx.paid_to.isoformat()))
    if ctx.not_yet_imported:
        st.warning(i18n.t("month_not_imported", ctx.lang, month=ctx.month_label,
                          date=ctx.paid_to.isoformat() if ctx.paid_to else "—"), icon=":material/hourglass_empty:")


def address_notices() -> None:
    for notice in st.session_state.pop("address_notices", []):
        st.warning(notice, icon=":material/link_off:")


def sync_address(ctx: Context, **page_params) -> None:
    """Write year, month (and the page's own parameters) into the address, so it can be sent."""
    wanted = {}
    if ctx.year is not None:
        wanted = {"year": str(ctx.year), "month": str(ctx.month)}
    if ctx.thresholds != Thresholds():
        wanted.update(ctx.thresholds.params())
    if ctx.lang == "en":
        wanted["lang"] = "en"
    wanted.update({k: str(v) for k, v in page_params.items() if v not in (None, "", [])})
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


# Every page is registered so that its address resolves; the sidebar links only to the pages the
# user's role may open, and each page checks the role itself (require) before showing anything.
PAGES = {   # url path: (file beside the entry script, title, icon, who may open it)
    "": ("pages/overview.py", "page_overview", ":material/dashboard:", "everyone"),
    "pacing": ("pages/pacing.py", "page_pacing", ":material/speed:", "everyone"),
    "sections": ("pages/sections.py", "page_sections", ":material/groups:", "everyone"),
    "project": ("pages/project.py", "page_project", ":material/folder_open:", "everyone"),
    "data": ("pages/data.py", "page_data", ":material/upload_file:", "admin"),
    "users": ("pages/users.py", "page_users", ":material/manage_accounts:", "admin"),
    "audit": ("pages/audit.py", "page_audit", ":material/history:", "audit"),
    "notices": ("pages/notices.py", "page_notices", ":material/campaign:", "everyone"),      # issue 13
}
_ENTERED = "_entry_script_ran"


def pages(lang: str) -> dict:
    return {path: st.Page(file, title=i18n.t(title, lang), icon=icon, url_path=path or None, default=not path)
            for path, (file, title, icon, _) in PAGES.items()}


def unknown_path(url: str | None, base: str | None = "") -> str | None:
    """The page path of the browser's address `url` (st.context.url) when it names none of PAGES
    (Streamlit then runs the default page, saying so only in English): the path as asked, else None.
    `base`: server.baseUrlPath (a dashboard served under /spending/)."""
    from urllib.parse import unquote, urlsplit

    if not url:
        return None
    path = unquote(urlsplit(url).path).strip("/")
    base = (base or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    return None if path in PAGES else path


def entered() -> None:
    """The entry script marks each run it makes (see context())."""
    st.session_state[_ENTERED] = True


def context() -> Context:
    """The page's shared context from the entry script's run. With a pages/ folder beside the entry
    script, Streamlit may run a page file on its own, without the entry script: a freshly started
    server serving a deep link (/pacing?…) until some session calls st.navigation, and AppTest after
    switch_page. Then run the entry script here, in this very run (its login, role checks, sidebar
    and this page, with this run's widget values: a click is not lost), and stop."""
    if not st.session_state.pop(_ENTERED, False) or "context" not in st.session_state:
        runpy.run_path(str(ROOT / "dashboard.py"), run_name="__main__")
        st.stop()
    return st.session_state["context"]


# ------------------------------------------------------------------ who is using the dashboard

def login_configured() -> bool:
    """Streamlit's [auth] section is in .streamlit/secrets.toml (or the file secrets.files names)."""
    try:
        return "auth" in st.secrets
    except Exception:   # no secrets file at all: local mode
        return False


def _setting(name: str) -> bool:
    """A switch of the [spending] section of secrets.toml (true only when set to true)."""
    try:
        value = st.secrets.get("spending", {}).get(name, False)
    except Exception:   # no secrets file
        return False
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _client_context():
    """This session's connection as the server saw it — Streamlit's ClientContext: the WebSocket
    handshake's headers and remote_ip, the socket's peer (uvicorn rewrites it from X-Forwarded-For
    only for a loopback peer, and such a request carries the header, which local mode refuses) —
    or None without a connection (AppTest: its runtime is a stand-in whose peer is no text). The
    st.context.ip_address would not do: it reports both loopback and "no connection" as None."""
    try:
        from streamlit.runtime.context import _get_client_context
        client = _get_client_context()
    except Exception:   # no runtime, or a Streamlit without it
        return None
    if client is None or not (client.remote_ip is None or isinstance(client.remote_ip, str)):
        return None
    return client


def identify(lang: str) -> auth.User:
    """The user of this session, or stop the script with the page they need instead: the login
    page, 无权访问 for a login without an account, or a refusal for a visitor from another machine
    in local mode (no login provider configured: only this machine is served)."""
    if not login_configured():
        client = _client_context()
        if client is None:      # no connection (AppTest): what st.context says
            local = auth.is_local_visitor(st.context.ip_address, dict(st.context.headers))
        else:                   # the WebSocket handshake's headers and the socket's peer
            local = auth.is_local_visitor(client.remote_ip, dict(client.headers), connected=True)
        if not local:
            st.title(i18n.t("local_only_title", lang))
            st.error(i18n.t("local_only", lang), icon=":material/block:")
            st.stop()
        return auth.local_user()
    if not st.user.is_logged_in:
        st.title(i18n.t("app_title", lang))
        st.info(i18n.t("login_needed", lang), icon=":material/lock:")
        st.button(i18n.t("login", lang), on_click=st.login, type="primary", icon=":material/login:")
        st.stop()
    try:
        key = auth.login_of(st.user, _setting(auth.EMAIL_UNVERIFIED_SETTING))
    except auth.LoginRefused as refused:
        st.title(i18n.t("login_refused_title", lang))
        st.error(i18n.t(f"login_refused_{refused.reason}", lang, login=plain(refused.login),
                        normal=plain(refused.normal or ""), setting=auth.EMAIL_UNVERIFIED_SETTING),
                 icon=":material/block:")
        st.button(i18n.t("logout", lang), on_click=st.logout, icon=":material/logout:")
        st.stop()
    with connection() as con:
        cur = con.cursor()
        try:
            user = auth.find(cur, key)
        finally:
            cur.close()
    if user is None:
        st.title(i18n.t("no_access_title", lang))
        st.error(i18n.t("no_access", lang, login=plain(key or "—")), icon=":material/block:")
        st.button(i18n.t("logout", lang), on_click=st.logout, icon=":material/logout:")
        st.stop()
    return user


def may_open(user: auth.User, who: str) -> bool:
    """Whether a page meant for `who` (everyone, admin, audit) is open to this user."""
    return who == "everyone" or (who == "admin" and user.is_admin) or (who == "audit" and user.reads_audit)


def who_is_here(user: auth.User, lang: str) -> None:
    """The sidebar's last lines: who is logged in (name, role, sections) and 退出; in local mode, say so."""
    st.sidebar.divider()
    if user.local:
        st.sidebar.caption(i18n.t("local_mode", lang))
        st.caption(i18n.t("local_mode", lang))
        return
    st.sidebar.caption(i18n.t("logged_in_as", lang, who=plain(user.label(lang))))
    st.sidebar.button(i18n.t("logout", lang), on_click=st.logout, icon=":material/logout:")


def open_inquiries(ctx: Context) -> None:
    """A section user's inquiries waiting for an answer, counted in the sidebar (issue 13)."""
    from spending import notices

    if ctx.year is None or ctx.user.role != "section":
        return
    try:
        today = notices.today()
    except SpendingError as error:      # a bad SPENDING_TODAY: said here, and the page goes on
        st.sidebar.error(i18n.t("notices_today_bad", ctx.lang, error=plain(error)), icon=":material/event_busy:")
        return
    waiting = read(notices.open_count, ctx.user, ctx.year, ctx.thresholds, today)
    if waiting:
        st.sidebar.warning(i18n.t("notices_sidebar", ctx.lang, n=waiting), icon=":material/campaign:")


def require(allowed: bool, ctx: "Context | None" = None) -> None:
    """Stop the page with 无权查看 unless the user may see what the address asks for. Nothing of the
    data asked for is shown: the check runs before any query for it."""
    if not allowed:
        lang = ctx.lang if ctx else language()
        st.title(i18n.t("forbidden_title", lang))
        st.error(i18n.t("forbidden", lang), icon=":material/block:")
        st.stop()


def page_param(name: str) -> str | None:
    return st.query_params.get(name)


# ------------------------------------------------------------------ display helpers

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>:@$&=])")
# GFM's literal autolinks are found in the text after escapes are resolved (remark-gfm links
# https://…, www.… and a@b.c however they are escaped): an invisible WORD JOINER before http(s)://
# and www. and after @ leaves nothing for it to link (it needs whitespace or punctuation before a
# URL, and a domain right after @).
_AUTOLINK = re.compile(r"(?i)(?=https?://|www\.)|(?<=@)")
JOINER = "\u2060"


def plain(text) -> str:
    """Text from the data (a name, a goal, a file name, a login) for a Markdown element, shown as
    plain text: every Markdown character escaped and every autolink broken (an invisible U+2060),
    so it never becomes a link, an image, a colour or a heading."""
    text = _AUTOLINK.sub(JOINER, "" if text is None else str(text))
    return _MARKDOWN.sub(r"\\\1", text)


def words(text, lang: str) -> str:
    """The language's half of a message written for the command line as "中文 | English" (a
    SpendingError, a summary), line by line: the page shows one language, the CLI both. A line
    without " | " is kept whole."""
    lines = []
    for line in ("" if text is None else str(text)).split("\n"):
        zh, bar, en = line.partition(" | ")
        lines.append((en if lang == "en" else zh).strip() if bar else line)
    return "\n".join(lines)


def said(text, lang: str) -> str:
    """words() as plain text for a Markdown element (st.error, st.success, a caption)."""
    return plain(words(text, lang))


def people() -> dict[str, str]:
    """login -> the account's name, for the accounts that have one (person() looks a login up in it)."""
    accounts = query("accounts/accounts")
    return {login: name for login, name in zip(accounts["email"], accounts["name"]) if isinstance(name, str) and name}


def person(login, names: dict[str, str] | None = None) -> str | None:
    """The name of the account `login` (填报人, 答复人: a person, not an e-mail), else the login as it is.
    names: people(), fetched once for a table's every row."""
    if login is None or (not isinstance(login, str) and pd.isna(login)):
        return None
    return (people() if names is None else names).get(login, login)


def status_style(frame: pd.DataFrame, status_column: str, lang: str):
    """A Styler colouring the status column with the one set of status colours."""
    colors = {i18n.status(code, lang): color for code, color in STATUS_COLORS.items()}
    return frame.style.map(
        lambda v: f"background-color: {colors[v]}; color: white; font-weight: 600" if v in colors else "",
        subset=[status_column])


_MONEY = ("_wan", "_yuan")
_FIGURES = _MONEY + ("_pct", "_pp")


def _as_text(name: str, values: pd.Series) -> pd.Series:
    """A column with empty cells as text, the empty ones "" (Streamlit shows a missing value as
    "None"): dates as YYYY-MM-DD (HH:MM:SS), amounts and rates with 2 decimals (amounts with
    thousands separators), other numbers as they are."""
    if pd.api.types.is_datetime64_any_dtype(values):
        fmt = "%Y-%m-%d" if name.endswith("_date") else "%Y-%m-%d %H:%M:%S"
        return values.dt.strftime(fmt).where(values.notna(), "")
    if name.endswith(_FIGURES):
        fmt = "{:,.2f}" if name.endswith(_MONEY) else "{:.2f}"
        return values.map(lambda v: "" if pd.isna(v) else fmt.format(v))
    return values.map(lambda v: "" if v is None or pd.isna(v) else str(v))


def localise(frame: pd.DataFrame, ctx: Context, columns: list[str], for_file: bool = False) -> pd.DataFrame:
    """Keep columns in order, translate status codes, rename to the language's labels. On a page an
    empty cell is empty: a column with missing values becomes text with "" there (number_columns(…,
    shown) aligns it as a number); for_file=True keeps the types (a file's numbers stay numbers)."""
    shown = frame[columns].copy()
    for name in shown.columns:
        if shown[name].dtype == object:
            shown[name] = shown[name].where(shown[name].notna(), "")
        elif not for_file and shown[name].isna().any():
            shown[name] = _as_text(name, shown[name])
    if "status" in shown:
        shown["status"] = shown["status"].map(lambda s: i18n.status(s, ctx.lang))
    return shown.rename(columns={c: ctx.col(c) for c in columns})


def number_columns(ctx: Context, columns: list[str], shown: pd.DataFrame | None = None) -> dict:
    """Column configs: amounts with thousands separators and 2 decimals, points with 2 decimals, rates
    as bars, dates without time. `shown`: the localised table; a column of it that localise turned
    into text (it has empty cells) keeps its text, right-aligned when it is a figure."""
    config = {}
    for c in columns:
        label = ctx.col(c)
        if shown is not None and label in shown and not pd.api.types.is_numeric_dtype(shown[label]) \
                and not pd.api.types.is_datetime64_any_dtype(shown[label]) and not pd.api.types.is_bool_dtype(shown[label]):
            # text (object, or pandas' str dtype): a NumberColumn would show its "" as None
            if c.endswith(_FIGURES) or c.startswith("rows_"):
                config[label] = st.column_config.TextColumn(label, alignment="right")
            continue
        if c.endswith("_date"):
            config[label] = st.column_config.DateColumn(label, format="YYYY-MM-DD")
        elif c in ("imported_at", "undone_at"):
            config[label] = st.column_config.DatetimeColumn(label, format="YYYY-MM-DD HH:mm:ss")
        elif c in ("actual_pct", "plan_pct"):
            config[label] = st.column_config.ProgressColumn(label, format="%.2f%%", min_value=0, max_value=100)
        elif c.endswith(_MONEY):
            config[label] = st.column_config.NumberColumn(label, format="%,.2f")
        elif c.endswith(("_pct", "_pp")):
            config[label] = st.column_config.NumberColumn(label, format="%.2f")
    return config


def two_decimals(frame: pd.DataFrame) -> dict:
    """Column configs showing every float column of an already labelled table with 2 decimals."""
    return {c: st.column_config.NumberColumn(c, format="%,.2f") for c in frame.columns if frame[c].dtype.kind == "f"}


def pace_metrics(ctx: Context, now) -> st.delta_generator.DeltaGenerator:
    """The KPI row of a section or a project for the month; returns the sixth, free column."""
    cols = st.columns(6)
    wan = ctx.t("wan")
    cols[0].metric(f"{ctx.t('kpi_budget')}（{wan}）", fmt_wan(now["budget_wan"]))
    cols[1].metric(f"{ctx.t('kpi_actual')}（{wan}）", fmt_wan(now["actual_wan"]))
    cols[2].metric(ctx.t("kpi_actual_pct"), fmt_pct(now["actual_pct"]))
    cols[3].metric(ctx.t("kpi_plan_pct"), fmt_pct(now["plan_pct"]))
    cols[4].metric(f"{ctx.t('kpi_deviation')}（{ctx.t('pp')}）", fmt_pp(now["deviation_pp"]))
    return cols[5]


def negative_spending(ctx: Context, sections: list[str] | None = None, code: str | None = None) -> None:
    """Warn about projects whose payments to date are below 0 (a reversal stored without its payment):
    their 执行率 is not a pace, and must not pass silently as −4.50 %."""
    found = query("negative_spending", year=ctx.year, month=ctx.month, scope=ctx.scope)
    if sections is not None:
        found = found[found["section"].isin(sections)]
    if code is not None:
        found = found[found["project_code"] == code]
    if found.empty:
        return
    named = "、".join(f"{plain(r.project_name)}（{plain(r.project_code)}，{r.month}月起 {r.cumulative_wan:,.2f} {ctx.t('wan')}）"
                     for r in found.itertuples())
    st.error(ctx.t("negative_spending_pages", projects=named), icon=":material/warning:")


def last_year(ctx: Context, name: str, **params) -> pd.DataFrame | None:
    """queries/<name>.sql (a curve) for the year before, or None when that year has no rows."""
    found = query(name, **{**params, "year": ctx.year - 1})
    return None if found.empty else found


def last_year_caption(ctx: Context, now, curve: pd.DataFrame | None) -> None:
    """Each KPI's change against the same month last year, in one line under the KPIs."""
    if curve is None:
        return
    before = curve[curve["as_of_month"] == ctx.month].iloc[0]

    def change(column, fmt="{:+.2f}"):
        a, b = now[column], before[column]
        return "—" if pd.isna(a) or pd.isna(b) else fmt.format(a - b)
    behind = change("behind_wan", "{:+,.2f}") if "behind_wan" in now else "—"
    st.caption(ctx.t("last_year_line", year=ctx.year - 1, change=change("actual_pct"),
                     paid=change("actual_wan", "{:+,.2f}"), dev_change=change("deviation_pp"), behind=behind))


# On a phone (Streamlit stacks columns below 640 px) a row of KPIs becomes a two-column grid with
# smaller figures, so the month's status fits on one screen. Only rows of metrics are touched.
PHONE_CSS = """<style>
@media (max-width: 640px) {
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) { flex-flow: row wrap !important; gap: 0.4rem 1rem; }
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) > [data-testid="stColumn"] {
    flex: 1 1 calc(50% - 1rem) !important; min-width: calc(50% - 1rem) !important; width: calc(50% - 1rem) !important; }
  [data-testid="stMetricValue"] { font-size: 1.35rem !important; }
  [data-testid="stMetricLabel"] p { font-size: 0.8rem !important; }
  h1 { font-size: 1.5rem !important; }
}
</style>"""


def compact_on_phones() -> None:
    st.html(PHONE_CSS)


def uploader_words(lang: str) -> None:
    """The file uploader's own words in Chinese (Streamlit has no locale setting): its texts ("Upload",
    "200MB per file • CSV, …") are hidden by CSS on the dropzone's data-testid elements and the
    language's words drawn in their place by ::after (the button keeps its role and its click; the
    kinds of file are in each uploader's own label)."""
    if lang == "en":
        return
    mb = st.get_option("server.maxUploadSize")
    drop, limit, button = (i18n.t(k, lang, mb=mb) for k in ("uploader_drop", "uploader_limit", "uploader_button"))
    st.html(f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "{button}"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: "{drop}（{limit}）"; font-size: 0.875rem; }}
</style>""")


def fmt_wan(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:,.2f}"


def fmt_pct(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.2f}%"


def fmt_pp(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:+.2f}"


def guard(ctx: Context) -> None:
    """Stop the page with a friendly note when there is nothing to show yet."""
    if ctx.year is None:
        st.info(ctx.t("no_plan", year=""))
        st.stop()


LARGE_DOWNLOAD = 20_000   # rows from which an Excel file takes long enough to say so (100,000: about 18 s)


def sample_loaded() -> bool:
    """Sample data is loaded (the banner's count): every download says so (export.marked, document_head)."""
    return bool(query("sample_loaded")["sample_rows"].iloc[0] > 0)


def status_downloads(ctx: Context, params: dict, meta: list[tuple[str, str]], name: str, rows_total: int) -> None:
    """Excel and CSV buttons for every project project_status(params) selects (rows_total of them),
    in the columns of `status --format csv`; the list is fetched and built only when a button is clicked.
    The 说明 sheet names the issuing unit; while sample data is loaded the names begin 示例数据 and 说明 says so."""
    from spending import export
    from spending.pace import STATUS_COLUMNS

    def rows() -> pd.DataFrame:
        return localise(fetch("project_status", **params), ctx, STATUS_COLUMNS, for_file=True)

    # month, thresholds and time in the file name; the context (说明) sheet first, with 数据截至
    sample = sample_loaded()
    name = export.marked(export.file_stem(name, params["yellow"], params["red"], datetime.now()), sample, ctx.lang)
    meta = export.document_head(sample, ctx.lang) + meta + [(ctx.t("data_as_of_key"),
                                                               ctx.paid_to or ctx.t("data_as_of_none"))]
    d1, d2, _ = st.columns([1, 1, 2])
    d1.download_button(ctx.t("download_xlsx"),
                       lambda: export.to_xlsx(rows(), meta, ctx.t("list_title"), ctx.t("sheet_context"), ctx.lang),
                       f"{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", on_click="ignore")
    d2.download_button(ctx.t("download_csv"), lambda: export.to_csv(rows()), f"{name}.csv", "text/csv",
                       icon=":material/download:", on_click="ignore")
    if rows_total >= LARGE_DOWNLOAD:
        st.caption(ctx.t("large_download", rows=f"{rows_total:,}"))


def change(value, lang: str, fmt: str = "{:+,.2f}", color: str = "normal") -> dict:
    """st.metric's delta arguments for a change: none without a previous value; a zero change is
    持平 / Unchanged in grey without an arrow (Streamlit shows "+0" as a rise)."""
    if value is None or pd.isna(value):
        return {"delta": None}
    shown = fmt.format(value)
    if shown.lstrip("+-−") == fmt.format(0).lstrip("+-"):   # zero as shown (+0.00, -0.001 rounded): no rise
        return {"delta": i18n.t("unchanged", lang), "delta_color": "off", "delta_arrow": "off"}
    return {"delta": shown, "delta_color": color}


def project_table(ctx: Context, frame: pd.DataFrame, columns: list[str], height: int | None = None) -> None:
    """A table of projects: the link to each project's page first, on the name's side (a phone shows
    the first columns; the last one is off-screen on a laptop), then `columns` (the name, then 状态
    beside it), statuses coloured."""
    shown = localise(frame.assign(link=[project_link(ctx, c) for c in frame["project_code"]]), ctx,
                     ["link"] + columns)
    config = number_columns(ctx, columns, shown) | {
        ctx.col("link"): st.column_config.LinkColumn(ctx.col("link"), display_text="→", width="small", pinned=True),
        ctx.col("project_name"): st.column_config.TextColumn(ctx.col("project_name"), pinned=True)}
    st.dataframe(status_style(shown, ctx.col("status"), ctx.lang), column_config=config, hide_index=True,
                 width="stretch", **({"height": height} if height else {}))


def project_link(ctx: Context, code: str) -> str:
    """The 项目 page of this project, the code URL-encoded (a code such as A&6#x opens its own project)."""
    from urllib.parse import urlencode

    params = {"year": ctx.year, "month": ctx.month, "code": code}
    if ctx.lang == "en":
        params["lang"] = "en"
    return "/project?" + urlencode(params)

