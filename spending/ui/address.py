"""The context a page works in and its address: year, month, language and thresholds (the sidebar),
the address kept in step with the sidebar. The pages themselves are registered in ui/registry.py."""

from __future__ import annotations

import re
import runpy
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

import pandas as pd
import streamlit as st

from spending import ROOT, auth, i18n
from spending.rules import DEFAULT_RED, DEFAULT_YELLOW, Thresholds
from spending.ui.data import MAX_TABLE_ROWS, query
from spending.ui.text import plain

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

    def params(self, scoped: bool = True, **extra) -> dict:
        """Parameters of the pace queries for this context, limited to the user's sections ($scope);
        scoped=False for a query about one section or project the page has already checked."""
        scope = {"scope": self.scope} if scoped else {}
        return {"year": self.year, **scope, **self.thresholds.params(), **extra}

    def status_params(self, sections=None, statuses=None, min_gap=None, limit=MAX_TABLE_ROWS, unit=None,
                      source=None, direct=False) -> dict:
        """Parameters of project_status for this month: filters (None = all; unit: a 预算单位 code; source: a
        资金来源 name; direct: only 直达资金) and a row cap. A section user's filter never reaches beyond its own
        sections."""
        sections = sections or None
        if self.scope is not None:
            sections = [s for s in (sections or self.scope) if s in self.scope]
        return self.params(False, month=self.month, sections=sections, statuses=statuses or None,
                           min_gap=min_gap, limit=limit, unit=unit or None, sources=[source] if source else None,
                           direct=bool(direct))


    def closed_params(self, through: int, sections=None, statuses=None, min_gap=None, unit=None,
                      limit=MAX_TABLE_ROWS) -> dict:
        """Parameters of closed_year_status: the year closed at the end of month `through` (13..18, the next
        year's carry-over period), filtered as status_params filters (a section user: its own sections only)."""
        sections = sections or None
        if self.scope is not None:
            sections = [s for s in (sections or self.scope) if s in self.scope]
        return self.params(False, through=through, sections=sections, statuses=statuses or None, min_gap=min_gap,
                           unit=unit or None, limit=limit)


_ADDRESS_NUMBER = re.compile(r"[0-9]{1,6}")     # ASCII digits only: "²".isdigit() and "١١".isdigit() are true


def _param_int(name: str) -> int | None:
    value = st.query_params.get(name)
    return int(value) if value and _ADDRESS_NUMBER.fullmatch(value) else None


def language() -> str:
    if "lang" not in st.session_state:
        st.session_state.lang = "en" if st.query_params.get("lang") == "en" else "zh"
    return st.session_state.lang


def default_month(year: int, years: pd.DataFrame, today: date) -> int:
    """The latest month with payments in that year; else the current month (this year) or, for a year
    without a payment (its sample removed), January (issue 37: December showed a whole year's plan as
    missed for want of data)."""
    last = years.loc[years["fiscal_year"] == year, "last_paid_month"]
    if len(last) and pd.notna(last.iloc[0]):
        return int(last.iloc[0])
    return today.month if year == today.year else 1


def month_follows_data() -> None:
    """After an import, an undo or 删除示例数据 (issue 37): the month in view is chosen again (default_month,
    the last month imported) on the next run, not kept from before the data changed, in the session
    nor in the address."""
    st.session_state.pop("month", None)
    if "month" in st.query_params:
        del st.query_params["month"]


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
    exponent = _points(value).as_tuple().exponent
    assert isinstance(exponent, int), value      # a finite decimal (the widget has min and max)
    return max(0, -exponent)


@dataclass(frozen=True)
class YearContext(Context):
    """The context of a page that shows a year's figures: a fiscal year is chosen (ui.guard made it, having
    stopped the page when the database holds no year yet)."""
    year: int

    @classmethod
    def of(cls, ctx: Context) -> YearContext:
        assert ctx.year is not None, "a year context needs a year (ui.guard stops the page without one)"
        return cls(**{f.name: getattr(ctx, f.name) for f in fields(ctx)})

    @property
    def month_label(self) -> str:
        return i18n.month_label(self.year, self.month, self.lang)


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
        from_address = _thresholds_from_address()
        if from_address is None:
            _notice("bad_thresholds", lang)
        chosen = from_address or Thresholds()
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
        st.warning(i18n.t("month_not_imported", ctx.lang, month=i18n.month_label(ctx.year, ctx.month, ctx.lang),
                          date=ctx.paid_to.isoformat() if ctx.paid_to else "—"), icon=":material/hourglass_empty:")


_CLOSED = re.compile(r"([0-9]{4})-([0-9]{1,2})")     # closed=YYYY-MM (ASCII digits), as the CLI's --as-of


def closed_label(ctx: YearContext, through: int) -> str:
    """The cut-off of the year closed at month `through` (13..18): 2022年3月底."""
    return i18n.t("closed_month", ctx.lang, year=ctx.year + 1, month=through - 12)


def closed_address(ctx: YearContext, through: int | None) -> str | None:
    """closed= of the address for this cut-off (None: the month in view)."""
    return None if through is None else f"{ctx.year + 1}-{through - 12:02d}"


def closed_link(ctx: YearContext, through: int) -> str:
    """进度监控 at the year closed by the end of month `through`: its address."""
    from urllib.parse import urlencode

    params = {"year": ctx.year, "month": 12, "closed": closed_address(ctx, through)}
    if ctx.lang == "en":
        params["lang"] = "en"
    return "/pacing?" + urlencode(params)


def closed_year(ctx: YearContext, key: str, where=st) -> int | None:
    """Issue 33: the year closed at a cut-off after 31 December that the user picks (the 项目 page's 结转期截至,
    `status --as-of YYYY-MM --year Y` on the CLI), kept in the address as closed=YYYY-MM like every filter: a month
    13..18 (January..June of the next year's carry-over period), None for the month in view. An address asking
    for another is said and replaced by the month in view. Offered when the year has carry-over payments in the
    user's sections, or the address asks for it."""
    from spending.ingest.columns import CARRY_OVER_MONTHS

    months = list(range(13, 13 + CARRY_OVER_MONTHS))
    name = f"{key}_closed"
    if name not in st.session_state:
        asked = st.query_params.get("closed")
        found = _CLOSED.fullmatch(asked or "")
        wanted = 12 + int(found[2]) if found and int(found[1]) == ctx.year + 1 else None
        if asked is not None and wanted not in months:
            st.warning(i18n.t("bad_closed", ctx.lang, asked=plain(asked), first=f"{ctx.year + 1}-01",
                              last=f"{ctx.year + 1}-{CARRY_OVER_MONTHS:02d}"), icon=":material/link_off:")
        st.session_state[name] = wanted if wanted in months else None
    carried = query("carry_over_summary", year=ctx.year, through=None, scope=ctx.scope)
    if st.session_state[name] is None and not int(carried["payments"].iloc[0]):
        return None
    return where.selectbox(i18n.t("closed_through", ctx.lang), [None, *months], key=name,
                           format_func=lambda m: i18n.t("closed_none", ctx.lang) if m is None else closed_label(ctx, m))


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


_ENTERED = "_entry_script_ran"


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
