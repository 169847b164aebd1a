"""Tidy DataFrames in, Plotly figures out. No data access, no streamlit.

Months are a category axis ("1月" … "12月"), never date strings (Plotly would read
"2021-03" as a date and print English ticks). Status colours come from rules.STATUS_COLORS.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from spending import i18n
from spending.rules import NOT_ON_TRACK, STATUS_COLORS

FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
PLAN_COLOR = "#5b7bd5"
ACTUAL_COLOR = "#1f2d3d"
TIME_COLOR = "#9aa5b1"
LAST_YEAR_COLOR = "#b0b0b0"   # last year's executed % (issue 14): grey


def escape(value) -> str:
    """Words from data as Plotly shows them: Plotly renders HTML in every label, name, title and hover
    text (<a href> a link out, <span style>, <b>), so < > & are escaped here, where data enters a figure."""
    return html.escape(str(value), quote=False)


def _layout(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    # issue 37: the legend sits above the plot, under the title (top margin 84 px for both), never
    # below it, where it covered the x axis's labels (各项目计划偏差, 各月支出占比)
    fig.update_layout(
        title=dict(text=escape(title), x=0, xanchor="left", font=dict(size=16), yref="container", y=1,
                   yanchor="top", pad=dict(t=12)),
        font=dict(family=FONT, size=13),
        height=height,
        margin=dict(l=20, r=20, t=84, b=40, autoexpand=True),   # axes grow it for their labels (automargin)
        plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        hoverlabel=dict(font_family=FONT),
    )
    # automargin: the tick labels and axis titles get the room they need (a static export with a
    # fixed 10-px margin cut the y-axis numbers off and left only "%").
    fig.update_xaxes(showgrid=False, linecolor="#ccd", automargin=True)
    fig.update_yaxes(gridcolor="#eef", automargin=True, ticks="outside", ticklen=4, tickcolor="#fff")
    return fig


def cumulative_curve(curve: pd.DataFrame, as_of_month: int, title: str, lang: str = "zh",
                     checkpoint_months: list[int] | None = None, last_year: pd.DataFrame | None = None,
                     last_year_label: int | str | None = None) -> go.Figure:
    """Plan %, executed % up to the as-of month, and the 序时 reference line, by month.

    curve: one row per month with as_of_month, plan_pct, actual_pct, time_pct, plan_wan, actual_wan.
    last_year (optional): the same columns for the previous year (e.g. bureau_curve or section_curve
    with year − 1); its executed % over all 12 months is drawn as a grey line, named with
    last_year_label (the year).
    """
    months = [i18n.month_name(m, lang) for m in curve["as_of_month"]]
    done = curve["as_of_month"] <= as_of_month
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=months, y=curve["time_pct"], name=i18n.t("curve_time", lang), mode="lines",
        line=dict(color=TIME_COLOR, dash="dot", width=1.5), hovertemplate="%{x} %{y:.2f}%<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=months, y=curve["plan_pct"], name=i18n.t("curve_plan", lang), mode="lines",
        line=dict(color=PLAN_COLOR, width=2.5), customdata=curve["plan_wan"],
        hovertemplate="%{x} %{y:.2f}%（%{customdata:,.2f} " + i18n.t("wan", lang) + "）<extra></extra>"))
    if checkpoint_months:
        marked = curve[curve["as_of_month"].isin(checkpoint_months)]
        fig.add_trace(go.Scatter(
            x=[i18n.month_name(m, lang) for m in marked["as_of_month"]], y=marked["plan_pct"],
            name=i18n.t("curve_checkpoint", lang), mode="markers",
            marker=dict(color=PLAN_COLOR, size=10, symbol="diamond", line=dict(color="white", width=1)),
            hovertemplate="%{x} %{y:.2f}%<extra></extra>"))
    if last_year is not None and not last_year.empty:
        fig.add_trace(go.Scatter(
            x=[i18n.month_name(m, lang) for m in last_year["as_of_month"]], y=last_year["actual_pct"],
            name=escape(i18n.t("curve_last_year", lang, year=last_year_label if last_year_label is not None else "")),
            mode="lines", line=dict(color=LAST_YEAR_COLOR, width=2), customdata=last_year["actual_wan"],
            hovertemplate="%{x} %{y:.2f}%（%{customdata:,.2f} " + i18n.t("wan", lang) + "）<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[m for m, d in zip(months, done) if d], y=curve.loc[done, "actual_pct"],
        name=i18n.t("curve_actual", lang), mode="lines+markers",
        line=dict(color=ACTUAL_COLOR, width=3), marker=dict(size=7), customdata=curve.loc[done, "actual_wan"],
        hovertemplate="%{x} %{y:.2f}%（%{customdata:,.2f} " + i18n.t("wan", lang) + "）<extra></extra>"))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=months, title=None)
    fig.update_yaxes(title=i18n.t("pct_axis", lang), ticksuffix="%", rangemode="tozero")
    return _layout(fig, title)


def axis_end(deviations, floor: float) -> float:
    """The right end of a deviation axis (issue 37): the largest deviation, unless it is more than three
    times every other one (and floor): then three times the next, so one large overspend does not squash
    the other bars. A bar past the end is drawn to it and labelled with its own figure."""
    ranked = sorted((abs(float(v)) for v in deviations), reverse=True)
    if not ranked:
        return 0.0
    rest = max(ranked[1:] + [floor])
    return ranked[0] if ranked[0] <= 3 * rest else 3 * rest


def deviation_bars(frame: pd.DataFrame, label: str, title: str, lang: str = "zh",
                   thresholds: tuple[float, float] | None = None, height: int | None = None) -> go.Figure:
    """Horizontal bars of deviation_pp per row (section or project), coloured by status,
    most behind at the top; dashed lines at −yellow and −red when thresholds are given."""
    data = frame.dropna(subset=["deviation_pp"]).sort_values("deviation_pp", ascending=False)
    counted = [c for c in NOT_ON_TRACK if c in data]   # rollups: projects by status
    # A section on track as a whole may hold a project behind: its axis label says so ("预算国库科 · 滞后 1")
    # and its bar is outlined in that project's colour, so a 严重滞后 project never hides in a green bar.
    data = data.assign(_label=[escape(row[label]) + "".join(f" · {i18n.status(c, lang)} {int(row[c])}"
                                                         for c in counted if row[c]) for _, row in data.iterrows()])
    low = min(0.0, data["deviation_pp"].min()) if len(data) else 0.0
    if thresholds:
        low = min(low, -max(thresholds))
    high = axis_end([v for v in data["deviation_pp"] if v > 0] + [low], max(thresholds) if thresholds else 20.0) \
        if len(data) and data["deviation_pp"].max() > 0 else 0.0
    fig = go.Figure()
    for code in STATUS_COLORS:
        part = data[data["status"] == code]
        if part.empty:
            continue
        worst = [next((c for c in counted if row[c]), None) for _, row in part.iterrows()]
        fig.add_trace(go.Bar(
            x=part["deviation_pp"].clip(upper=high), y=part["_label"], orientation="h", name=i18n.status(code, lang),
            marker=dict(color=STATUS_COLORS[code],
                        line=dict(color=[STATUS_COLORS[w] if w and w != code else STATUS_COLORS[code] for w in worst],
                                  width=[3 if w and w != code else 0 for w in worst])),
            customdata=part[["gap_wan", "deviation_pp"]],
            text=[f"{v:+.2f}" for v in part["deviation_pp"]], textposition="auto",
            constraintext="none",
            insidetextfont=dict(color="white", size=12), outsidetextfont=dict(size=12), cliponaxis=False,
            hovertemplate="%{y}<br>%{customdata[1]:+.2f} " + i18n.t("pp", lang) + "，%{customdata[0]:,.2f} "
                          + i18n.t("wan", lang) + "<extra></extra>"))
    if thresholds:
        for value in thresholds:
            fig.add_vline(x=-value, line=dict(color="#999", dash="dash", width=1))
    fig.add_vline(x=0, line=dict(color="#333", width=1))
    order = list(data["_label"])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order, title=None, automargin=True)
    longest = max([0] + [len(str(t)) for trace in fig.data for t in (trace.text or ())])
    pad = max(6.0, (high - low) * (0.04 + 0.012 * longest))   # room for the labels outside the bars
    fig.update_xaxes(title=None, ticksuffix="", zeroline=False, range=[low - pad, high + pad])
    fig.update_layout(barmode="overlay", bargap=0.35)
    return _layout(fig, title, height or max(260, 60 + 34 * len(order)))


def monthly_shares(spending: pd.DataFrame, limit: float, title: str, lang: str = "zh") -> go.Figure:
    """Each month's share of the year's spending so far, months flagged uneven (column `uneven`, else
    above the limit) in red; the plan's own share of each month (plan_share_pct) as markers when given."""
    months = [i18n.month_name(m, lang) for m in spending["month"]]
    flagged = spending["uneven"] if "uneven" in spending else spending["share_pct"] > limit
    colors = [STATUS_COLORS["severe"] if bool(u) else PLAN_COLOR for u in flagged]
    fig = go.Figure(go.Bar(x=months, y=spending["share_pct"], marker_color=colors, name=i18n.column("share_pct", lang),
                           text=[f"{v:.1f}%" for v in spending["share_pct"]], textposition="outside",
                           cliponaxis=False, hovertemplate="%{x} %{y:.2f}%<extra></extra>"))
    if "plan_share_pct" in spending:
        fig.add_trace(go.Scatter(x=months, y=spending["plan_share_pct"], mode="markers", name=i18n.column("plan_share_pct", lang),
                                 marker=dict(color=ACTUAL_COLOR, symbol="line-ew", size=18, line=dict(width=2.5)),
                                 hovertemplate="%{x} %{y:.2f}%<extra></extra>"))
    fig.add_hline(y=limit, line=dict(color=STATUS_COLORS["severe"], dash="dash", width=1))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=months)
    shares = list(spending["share_pct"]) + (list(spending["plan_share_pct"]) if "plan_share_pct" in spending else [])
    top = max([limit] + [float(v) for v in shares if v is not None and not pd.isna(v)])   # a month with no plan: none
    fig.update_yaxes(ticksuffix="%", rangemode="tozero", range=[0, top * 1.15 + 1])
    fig.update_layout(showlegend="plan_share_pct" in spending)
    return _layout(fig, title, 300)
