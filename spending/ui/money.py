"""Whose money and from where on the pages (issue 34, SPEC §5): the 预算单位 and 资金来源 filters, kept in the
address (unit=CODE, source=NAME, direct=1) like every filter, and the tables of units and sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from spending.ui.access import page_param, require
from spending.ui.address import Context
from spending.ui.data import query
from spending.ui.tables import localise, number_columns
from spending.ui.text import plain

DIRECT = "\x00direct"   # the source choice "every 直达资金 source" (no source is named so: a name is text_problem-free)


@dataclass(frozen=True)
class Money:
    """The unit and source a page shows (None: all): unit code, source name, or every 直达资金 source."""

    unit: str | None = None
    source: str | None = None
    direct: bool = False

    def params(self) -> dict:
        """The project_status parameters (ctx.status_params' unit, source, direct)."""
        return {"unit": self.unit, "source": self.source, "direct": self.direct}

    def address(self) -> dict:
        return {"unit": self.unit, "source": self.source, "direct": "1" if self.direct else None}


def choices(ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The user's units (of its sections' projects) and the sources with money at the month's end."""
    units = query("unit_choices", year=ctx.year, scope=ctx.scope)
    sources = query("source_status", year=ctx.year, month=ctx.month, scope=ctx.scope, unit=None)
    return units, sources


def check_address(ctx: Context) -> None:
    """Before any of its data is read: an address naming a unit of another's sections is 无权查看 (SPEC §5 roles)."""
    asked = page_param("unit")
    if asked and ctx.scope is not None:
        mine = set(query("unit_choices", year=ctx.year, scope=ctx.scope)["unit_code"])
        every = set(query("unit_choices", year=ctx.year, scope=None)["unit_code"])
        require(asked in mine or asked not in every, ctx)


def filters(ctx: Context, where, key: str) -> Money:
    """The 预算单位 and 资金来源 select boxes in `where` (two columns), chosen from the address at first."""
    units, sources = choices(ctx)
    codes = units["unit_code"].tolist()
    names = dict(zip(units["unit_code"], units["unit_name"]))
    asked_unit, asked_source = page_param("unit"), page_param("source")
    if f"{key}_unit" not in st.session_state:
        if asked_unit and asked_unit not in codes:
            st.warning(ctx.t("bad_unit", asked=plain(asked_unit), year=ctx.year), icon=":material/link_off:")
        st.session_state[f"{key}_unit"] = asked_unit if asked_unit in codes else ""
    source_names = list(dict.fromkeys(sources["source"]))
    options = ["", *([DIRECT] if sources["direct"].any() else []), *source_names]
    if f"{key}_source" not in st.session_state:
        wanted = DIRECT if page_param("direct") == "1" else (asked_source or "")
        if wanted and wanted not in options:
            st.warning(ctx.t("bad_source", asked=plain(wanted if wanted != DIRECT else ctx.t("direct_all"))),
                       icon=":material/link_off:")
        st.session_state[f"{key}_source"] = wanted if wanted in options else ""
    a, b = where
    unit = a.selectbox(ctx.col("unit_name"), ["", *codes], key=f"{key}_unit",
                       format_func=lambda c: ctx.t("all") if not c else f"{c} {names.get(c) or ''}".strip())
    source = b.selectbox(ctx.col("source"), options, key=f"{key}_source",
                         format_func=lambda s: ctx.t("all") if not s else ctx.t("direct_all") if s == DIRECT else s)
    return Money(unit or None, None if source in ("", DIRECT) else source, source == DIRECT)


def meta(ctx: Context, money: Money) -> list[tuple[str, str]]:
    """The filters as the 说明 sheet of a download names them."""
    return [(ctx.col("unit_name"), money.unit or "—"),
            (ctx.col("source"), ctx.t("direct_all") if money.direct else money.source or "—")]


UNIT_COLUMNS = ["rank", "unit_code", "unit_name", "projects", "budget_wan", "actual_wan", "actual_pct", "plan_pct",
                "deviation_pp", "gap_wan", "lagging", "severe", "overspent"]
SOURCE_COLUMNS = ["source", "direct", "projects", "budget_wan", "actual_wan", "actual_pct", "time_pct",
                  "time_deviation_pp", "unbudgeted_wan"]


def table(ctx: Context, frame: pd.DataFrame, columns: list[str]) -> None:
    """A table of units or sources (直达 as 是/否), figures as the project tables show them."""
    frame = frame.assign(**({"direct": frame["direct"].map(lambda d: ctx.t("yes") if d else ctx.t("no"))}
                            if "direct" in frame else {}))
    shown = localise(frame, ctx, columns)
    st.dataframe(shown, column_config=number_columns(ctx, columns, shown), hide_index=True, width="stretch")
