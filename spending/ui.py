"""What every page shares: the connection, cached queries, the sidebar context and the address.

One DuckDB connection per process (st.cache_resource) and a fresh cursor per query: a
connection shared across Streamlit's session threads mixes up their results.
Query results are cached per (query, parameters, data version); an import or an undo
changes the data version, so nobody sees stale numbers after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd
import streamlit as st

from spending import db, i18n
from spending.rules import STATUS_COLORS, Thresholds

TIME_TO_LIVE = 60 * 60  # seconds a cached result may live even if nothing changes
MAX_TABLE_ROWS = 1000   # rows a table sends to the browser (the downloads hold them all)
MAX_CHART_BARS = 60     # bars in a per-project chart (the most behind first)


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    return db.connect(path)


def connection():
    return _connection(str(db.db_path()))


def data_version() -> tuple:
    cur = connection().cursor()
    try:
        return db.data_version(cur)
    finally:
        cur.close()


@st.cache_data(ttl=TIME_TO_LIVE, max_entries=2000, show_spinner=False)
def _query(name: str, path: str, version: tuple, params: tuple) -> pd.DataFrame:
    return _frame(_connection(path), name, dict(params))


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
    return _frame(connection(), name, params)


def clear_caches() -> None:
    _query.clear()
    _review.clear()


@st.cache_data(ttl=TIME_TO_LIVE, max_entries=200, show_spinner=False)
def _review(path: str, version: tuple, year: int, month: int, yellow: str, red: str):
    from spending import bulletin

    return bulletin.review(_connection(path), year, month, Thresholds(Decimal(yellow), Decimal(red)), with_behind=False)


def review(ctx: "Context"):
    """The month under review (双监控) for the page, cached per data version: without the list
    of projects behind, which only the bulletin files need (see bulletin_review)."""
    return _review(str(db.db_path()), data_version(), ctx.year, ctx.month, **ctx.thresholds.params())


def bulletin_review(ctx: "Context"):
    """The month under review with every project behind, for a bulletin download (not cached)."""
    from spending import bulletin

    return bulletin.review(connection(), ctx.year, ctx.month, ctx.thresholds)


# ------------------------------------------------------------------ context: year, month, language

@dataclass(frozen=True)
class Context:
    year: int | None
    month: int
    lang: str
    thresholds: Thresholds = Thresholds()

    def t(self, key: str, **values) -> str:
        return i18n.t(key, self.lang, **values)

    def col(self, name: str) -> str:
        return i18n.column(name, self.lang)

    @property
    def month_label(self) -> str:
        return i18n.month_label(self.year, self.month, self.lang)

    def params(self, **extra) -> dict:
        """Parameters of the pace queries for this context."""
        return {"year": self.year, **self.thresholds.params(), **extra}

    def status_params(self, sections=None, statuses=None, min_gap=None, limit=MAX_TABLE_ROWS) -> dict:
        """Parameters of project_status for this month: filters (None = all) and a row cap."""
        return self.params(month=self.month, sections=sections or None, statuses=statuses or None,
                           min_gap=min_gap, limit=limit)


def _param_int(name: str) -> int | None:
    value = st.query_params.get(name)
    return int(value) if value and value.isdigit() else None


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


def sidebar(today: date) -> Context:
    """Fiscal year, as-of month and language, kept in step with the address."""
    lang = language()
    years = query("fiscal_years")
    year_options = [int(y) for y in years["fiscal_year"]]
    if not year_options:
        st.sidebar.selectbox(i18n.t("language", lang), list(i18n.LANGUAGES), key="lang",
                             format_func=i18n.LANGUAGES.get)
        return Context(None, 12, lang)
    if "year" not in st.session_state:
        wanted = _param_int("year")
        st.session_state.year = wanted if wanted in year_options else year_options[0]
    if st.session_state.year not in year_options:
        st.session_state.year = year_options[0]
    year = st.sidebar.selectbox(i18n.t("fiscal_year", lang), year_options, key="year",
                                format_func=lambda y: f"{y}年" if lang == "zh" else str(y))
    if "month" not in st.session_state:
        wanted = _param_int("month")
        st.session_state.month = wanted if wanted in range(1, 13) else default_month(year, years, today)
    month = st.sidebar.selectbox(i18n.t("as_of_month", lang), list(range(1, 13)), key="month",
                                 format_func=lambda m: i18n.month_label(year, m, lang))
    st.sidebar.selectbox(i18n.t("language", lang), list(i18n.LANGUAGES), key="lang",
                         format_func=i18n.LANGUAGES.get)
    return Context(year, month, lang)


def sync_address(ctx: Context, **page_params) -> None:
    """Write year, month (and the page's own parameters) into the address, so it can be sent."""
    wanted = {}
    if ctx.year is not None:
        wanted = {"year": str(ctx.year), "month": str(ctx.month)}
    if ctx.lang == "en":
        wanted["lang"] = "en"
    wanted.update({k: str(v) for k, v in page_params.items() if v not in (None, "", [])})
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def context() -> Context:
    return st.session_state["context"]


def page_param(name: str) -> str | None:
    return st.query_params.get(name)


# ------------------------------------------------------------------ display helpers

def status_style(frame: pd.DataFrame, status_column: str, lang: str):
    """A Styler colouring the status column with the one set of status colours."""
    colors = {i18n.status(code, lang): color for code, color in STATUS_COLORS.items()}
    return frame.style.map(
        lambda v: f"background-color: {colors[v]}; color: white; font-weight: 600" if v in colors else "",
        subset=[status_column])


def localise(frame: pd.DataFrame, ctx: Context, columns: list[str]) -> pd.DataFrame:
    """Keep columns in order, translate status codes, rename to the language's labels."""
    shown = frame[columns].copy()
    for name in shown.columns:
        if shown[name].dtype == object:
            shown[name] = shown[name].where(shown[name].notna(), "")
    if "status" in shown:
        shown["status"] = shown["status"].map(lambda s: i18n.status(s, ctx.lang))
    return shown.rename(columns={c: ctx.col(c) for c in columns})


def number_columns(ctx: Context, columns: list[str]) -> dict:
    """Column configs: amounts and points with 2 decimals, rates as bars, dates without time."""
    config = {}
    for c in columns:
        label = ctx.col(c)
        if c.endswith("_date"):
            config[label] = st.column_config.DateColumn(label, format="YYYY-MM-DD")
        elif c in ("imported_at", "undone_at"):
            config[label] = st.column_config.DatetimeColumn(label, format="YYYY-MM-DD HH:mm:ss")
        elif c in ("actual_pct", "plan_pct"):
            config[label] = st.column_config.ProgressColumn(label, format="%.2f%%", min_value=0, max_value=100)
        elif c.endswith("_wan") or c.endswith("_pct") or c.endswith("_pp"):
            config[label] = st.column_config.NumberColumn(label, format="%.2f")
    return config


def two_decimals(frame: pd.DataFrame) -> dict:
    """Column configs showing every float column of an already labelled table with 2 decimals."""
    return {c: st.column_config.NumberColumn(c, format="%.2f") for c in frame.columns if frame[c].dtype.kind == "f"}


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


def status_downloads(ctx: Context, params: dict, meta: list[tuple[str, str]], name: str, rows_total: int) -> None:
    """Excel and CSV buttons for every project project_status(params) selects (rows_total of them),
    in the columns of `status --format csv`; the list is fetched and built only when a button is clicked."""
    from spending import export
    from spending.pace import STATUS_COLUMNS

    def rows() -> pd.DataFrame:
        return localise(fetch("project_status", **params), ctx, STATUS_COLUMNS)

    from datetime import datetime   # issue 12: month, thresholds and time in the file name; 说明 sheet first

    name = export.file_stem(name, params["yellow"], params["red"], datetime.now())
    last = query("last_payment", year=ctx.year)["last_pay_date"].iloc[0]
    meta = meta + [(ctx.t("data_as_of_key"),
                    last.date() if not pd.isna(last) else ctx.t("data_as_of_none"))]
    d1, d2, _ = st.columns([1, 1, 2])
    d1.download_button(ctx.t("download_xlsx"),
                       lambda: export.to_xlsx(rows(), meta, ctx.t("list_title"), ctx.t("sheet_context")),
                       f"{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", on_click="ignore")
    d2.download_button(ctx.t("download_csv"), lambda: export.to_csv(rows()), f"{name}.csv", "text/csv",
                       icon=":material/download:", on_click="ignore")
    if rows_total >= LARGE_DOWNLOAD:
        st.caption(ctx.t("large_download", rows=f"{rows_total:,}"))


def project_link(ctx: Context, code: str) -> str:
    return f"/project?year={ctx.year}&month={ctx.month}&code={code}" + ("&lang=en" if ctx.lang == "en" else "")

