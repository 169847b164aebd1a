"""Tables, figures, metrics and downloads as the pages show them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from spending import clock, i18n
from spending.rules import STATUS_COLORS
from spending.ui.address import Context, YearContext
from spending.ui.data import fetch, query
from spending.ui.downloads import download
from spending.ui.text import plain

def people() -> dict[str, str]:
    """login -> the account's name, for the accounts that have one (person() looks a login up in it)."""
    accounts = query("accounts/accounts")
    return {login: name for login, name in zip(accounts["email"], accounts["name"]) if isinstance(name, str) and name}


def blank_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A table for st.dataframe with its empty text cells empty (Streamlit shows a missing value as "None")."""
    text = [c for c in frame.columns if frame[c].dtype == object]
    return frame.assign(**{c: frame[c].map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
                           for c in text})


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


def money_width(label: str, values) -> int:
    """Pixels a money column needs to show its header and its longest value whole (issue 37: Streamlit sizes
    a column from its header and first rows, and cut a longer amount further down, 46.7 for 46.70). The
    grid's Source Sans at 14 px: a CJK character 14 px, a digit or a sign at most 8; 8 px padding a side."""
    def px(text: str) -> int:
        return sum(14 if ord(ch) >= 0x2E80 else 8 for ch in text)
    texts = [v if isinstance(v, str) else "" if v is None or pd.isna(v) else f"{v:,.2f}" for v in values]
    return max([px(label)] + [px(t) for t in texts]) + 24


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
                config[label] = st.column_config.TextColumn(
                    label, alignment="right", width=money_width(label, shown[label]) if c.endswith(_MONEY) else None)
            continue
        if c.endswith("_date"):
            config[label] = st.column_config.DateColumn(label, format="YYYY-MM-DD")
        elif c in ("imported_at", "undone_at"):
            config[label] = st.column_config.DatetimeColumn(label, format="YYYY-MM-DD HH:mm:ss")
        elif c in ("actual_pct", "plan_pct"):
            config[label] = st.column_config.ProgressColumn(label, format="%.2f%%", min_value=0, max_value=100)
        elif c.endswith(_MONEY):
            width = None if shown is None or label not in shown else money_width(label, shown[label])
            config[label] = st.column_config.NumberColumn(label, format="%,.2f", width=width)
        elif c.endswith(("_pct", "_pp")):
            config[label] = st.column_config.NumberColumn(label, format="%.2f")
    return config


def two_decimals(frame: pd.DataFrame) -> dict:
    """Column configs showing every float column of an already labelled table with 2 decimals, each wide
    enough for its header and longest value (money_width)."""
    return {c: st.column_config.NumberColumn(c, format="%,.2f", width=money_width(c, frame[c]))
            for c in frame.columns if frame[c].dtype.kind == "f"}


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


FLAGGED = 5   # projects named on 总览's first screen (issue 37); the rest counted


def flagged_lines(ctx: Context, frame: pd.DataFrame, total: int) -> str:
    """The projects lagging, severely lagging or overspent (flagged_projects: at most FLAGGED rows, the
    largest amount first) as one Markdown paragraph, a line each with 科室 and amount in 万元: those behind
    plan under 落后计划最多：, those overspent under 超支：, then 另有 N 个 for the rest of `total`."""
    if frame.empty:
        return ctx.t("flagged_none")
    over = frame["status"] == "overspent"
    lines = []
    for kind, rows in (("behind", frame[~over]), ("over", frame[over])):
        if rows.empty:
            continue
        lines.append(ctx.t("flagged_title" if kind == "behind" else "flagged_over_title"))
        for r in rows.itertuples():
            lines.append("· " + ctx.t(
                f"flagged_{kind}", project=plain(r.project_name), section=plain(r.section),
                status=i18n.status(r.status, ctx.lang), amount=fmt_wan(r.amount_wan)))
    if total > len(frame):
        lines.append(ctx.t("flagged_more", n=f"{total - len(frame):,}"))
    return "  \n".join(lines)


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


def last_year(ctx: YearContext, name: str, **params) -> pd.DataFrame | None:
    """queries/<name>.sql (a curve) for the year before, or None when that year has no rows."""
    found = query(name, **{**params, "year": ctx.year - 1})
    return None if found.empty else found


def last_year_caption(ctx: YearContext, now, curve: pd.DataFrame | None) -> None:
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
# Issue 37: less empty space above the title (Streamlit leaves 6rem), so a laptop's first screen holds more
# (a phone keeps it: its header with the sidebar's button sits there). A KPI's label and a download
# button's words wrap rather than end in "…" (计划偏差（个百分…, 下载滞后项目清单（Exce…).
# A row of KPI columns is one that holds no row of columns itself (总览's totals sit in a column).
PHONE_CSS = """<style>
@media (min-width: 641px) { [data-testid="stMainBlockContainer"] { padding-top: 2rem !important; } }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p,
[data-testid="stDownloadButton"] button [data-testid="stMarkdownContainer"],
[data-testid="stDownloadButton"] button [data-testid="stMarkdownContainer"] p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
@media (max-width: 640px) {
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]):not(:has([data-testid="stHorizontalBlock"])) {
    flex-flow: row wrap !important; gap: 0.4rem 1rem; }
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]):not(:has([data-testid="stHorizontalBlock"]))
    > [data-testid="stColumn"] {
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


def guard(ctx: Context, note: str = "no_plan") -> YearContext:
    """Stop the page with a friendly note (the label `note`) when there is nothing to show yet; else the context
    with its year."""
    if ctx.year is None:
        st.info(ctx.t(note, year=""))
        st.stop()
    return YearContext.of(ctx)


LARGE_DOWNLOAD = 20_000   # rows from which an Excel file takes long enough to say so (100,000: about 18 s)


def sample_loaded() -> bool:
    """Sample data is loaded (the banner's count): every download says so (export.marked, document_head)."""
    return bool(query("sample_loaded")["sample_rows"].iloc[0] > 0)


def status_downloads(ctx: Context, params: dict, meta: list[tuple[str, object]], name: str, rows_total: int) -> None:
    """Excel and CSV buttons for every project project_status(params) selects (rows_total of them) — or
    closed_year_status(params) when params are closed_params (the year closed, issue 33) —
    in the columns of `status --format csv`; the list is fetched and built only when a button is clicked.
    The 说明 sheet names the issuing unit; while sample data is loaded the names begin 示例数据 and 说明 says so."""
    from spending import export
    from spending.pace import STATUS_COLUMNS, all_money

    def rows(now: Context) -> pd.DataFrame:
        """The list for the account as it is at the click (issue 32): its sections, not the page's."""
        if "through" in params:   # issue 33: the year closed (closed_params), its carry-over payments as such
            chosen = now.closed_params(params["through"], params.get("sections"), params.get("statuses"),
                                       params.get("min_gap"), params.get("unit"), params.get("limit"))
            return localise(fetch("closed_year_status", **chosen), now, [*STATUS_COLUMNS, "carry_over_wan"],
                            for_file=True)
        sources = params.get("sources")
        chosen = now.status_params(params.get("sections"), params.get("statuses"), params.get("min_gap"),
                                   params.get("limit"), params.get("unit"), sources[0] if sources else None,
                                   params.get("direct", False))
        listed = fetch("project_status", **chosen) if all_money(chosen) else fetch("project_status_money", **chosen)
        return localise(listed, now, STATUS_COLUMNS, for_file=True)

    # month, thresholds and time in the file name; the context (说明) sheet first, with 数据截至
    sample = sample_loaded()
    name = export.marked(export.file_stem(name, params["yellow"], params["red"], clock.now()), sample, ctx.lang)
    meta = export.document_head(sample, ctx.lang) + meta + [(ctx.t("data_as_of_key"),
                                                               ctx.paid_to or ctx.t("data_as_of_none"))]
    d1, d2, _ = st.columns([1, 1, 2])
    download(d1, ctx.t("download_xlsx"),
             lambda now: export.to_xlsx(rows(now), meta, ctx.t("list_title"), ctx.t("sheet_context"), ctx.lang),
             f"{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ctx,
             icon=":material/download:")
    download(d2, ctx.t("download_csv"), lambda now: export.to_csv(rows(now)), f"{name}.csv", "text/csv", ctx,
             icon=":material/download:")
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
    beside it), statuses coloured. Amounts come right after 状态 (issue 37): a laptop shows them without
    scrolling sideways, where one at the right edge was cut (46.7 for 46.70) or off the table."""
    ahead = [c for c in columns if c in ("project_name", "status")]
    columns = ahead + [c for c in columns if c.endswith(_MONEY) and c not in ahead] \
        + [c for c in columns if not c.endswith(_MONEY) and c not in ahead]
    shown = localise(frame.assign(link=[project_link(ctx, c) for c in frame["project_code"]]), ctx,
                     ["link"] + columns)
    config = number_columns(ctx, columns, shown) | {
        ctx.col("link"): st.column_config.LinkColumn(ctx.col("link"), display_text="→", width="small", pinned=True),
        ctx.col("project_name"): st.column_config.TextColumn(ctx.col("project_name"), pinned=True)}
    st.dataframe(status_style(shown, ctx.col("status"), ctx.lang), column_config=config, hide_index=True,
                 width="stretch", height=height or "auto")


def project_link(ctx: Context, code: str) -> str:
    """The 项目 page of this project, the code URL-encoded (a code such as A&6#x opens its own project)."""
    from urllib.parse import urlencode

    params = {"year": ctx.year, "month": ctx.month, "code": code}
    if ctx.lang == "en":
        params["lang"] = "en"
    return "/project?" + urlencode(params)
