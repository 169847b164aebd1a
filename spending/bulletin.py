"""The monthly bulletin (月度支出进度通报): the month under review (spending.review) as Excel and PDF.

The PDF is HTML printed by Debian's Chromium (export.print_pdf), with Plotly charts exported by kaleido.

A section's bulletin (scope: a 科室 user's, `report --section`) is that section's: its title, opening
paragraph, charts and 概况 name the section and never the bureau (全局). While sample data is loaded
every file says so (a banner on every PDF page; the 概况 note and every sheet's name in Excel).
Excel and PDF carry the same columns for each table (SECTION_COLUMNS, PROJECT_COLUMNS, …).
"""

from __future__ import annotations

import base64
import functools
import io
import os
import tempfile
import warnings
from decimal import Decimal
from pathlib import Path

import pandas as pd

from spending import charts, export, i18n, rules
from spending.export import ISSUER_ENV, issuer  # noqa: F401  (bulletin.issuer: the unit it is issued by)
from spending.review import Review, review  # noqa: F401  (bulletin.review: the month it prints)

INQUIRY_ANSWER_COLUMNS = ["section", "project_name", "deviation_cause", "cause_text", "corrective_action",
                          "catch_up_month", "forecast_wan", "state", "review_reason"]   # state: 已审核/退回 too (issue 36)


def inquiry_tables(r: Review, lang: str = "zh") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per section: issued, answered, overdue, back on pace; and the answers for the 红色 projects."""
    from spending import notice_rules, notices

    inquiries = r.inquiries or []
    counts = pd.DataFrame(notice_rules.summary(inquiries), columns=notice_rules.SUMMARY_COLUMNS)
    counts = counts.rename(columns={c: notices.column(c, lang) for c in counts.columns})
    red = pd.DataFrame(notices.table_rows(notice_rules.red_answers(inquiries), INQUIRY_ANSWER_COLUMNS, lang),
                       columns=[notices.column(c, lang) for c in INQUIRY_ANSWER_COLUMNS])
    return counts, red.replace("", None)


# ------------------------------------------------------------------ tables as people read them

# one list per table, for the Excel sheet and the PDF alike
SECTION_COLUMNS = ["section", "projects", "budget_wan", "actual_wan", "actual_pct", "plan_pct", "deviation_pp",
                   "gap_wan", "grade", "control_pct", "control_score", "lagging", "severe", "overspent",
                   "no_plan"]      # issue 33: 未编制计划 counted beside the statuses
PROJECT_COLUMNS = ["section", "unit_name", "source", "project_code", "project_name", "budget_wan", "actual_wan",
                   "actual_pct", "plan_pct", "deviation_pp", "gap_wan", "status"]   # 预算单位, 资金来源 (issue 34)
BACK_LOADED_COLUMNS = ["section", "project_name", "budget_wan", "plan_pct_by_then"]
INDICATOR_COLUMNS = ["section", "project_name", "level_3", "symbol", "target_value", "unit", "actual_value",
                     "indicator_status"]
RETURN_COLUMNS = ["section", "project_name", "forecast_wan", "forecast_method", "deviation_cause", "cause_text",
                  "likelihood", "corrective_action", "entered_by_name"]   # issue 36: the reason in words; 填报人's name
EVENNESS_COLUMNS = ["month", "paid_wan", "share_pct", "plan_share_pct", "uneven"]
OPENING_SECTIONS = 3     # sections named in the opening paragraph (its projects: review.OPENING_PROJECTS)
# issue 34: the money by 资金来源 (直达资金 first) and the 预算单位 ranked by 执行率 (前五/后五 when more than five)
SOURCE_COLUMNS = ["source", "direct", "projects", "budget_wan", "actual_wan", "actual_pct", "time_pct",
                  "time_deviation_pp", "unbudgeted_wan"]
UNIT_COLUMNS = ["rank", "unit_code", "unit_name", "sections", "projects", "budget_wan", "actual_wan", "actual_pct",
                "plan_pct", "deviation_pp", "lagging", "severe", "overspent"]
UNITS_SHOWN = 5          # more units than this: the first and the last five


def unit_groups(r: Review, lang: str = "zh") -> list[tuple[str, pd.DataFrame]]:
    """The units as the bulletin names them: every one when at most five, else the five with the highest
    执行率 (前五) and the five with the lowest (后五), each in rank order. Units without budget are not ranked."""
    units = r.units if r.units is not None else pd.DataFrame(columns=UNIT_COLUMNS)
    if len(units) <= UNITS_SHOWN:
        return [(i18n.t("units_ranked", lang), units)]
    ranked = units[units["actual_pct"].notna()]
    return [(i18n.t("units_top", lang), ranked.head(UNITS_SHOWN)), (i18n.t("units_bottom", lang), ranked.tail(UNITS_SHOWN))]


def unit_names(frame: pd.DataFrame) -> str:
    return "、".join(f"{n or c}（{p:.2f}%）" for c, n, p in zip(frame["unit_code"], frame["unit_name"], frame["actual_pct"]))


def label(name: str, lang: str) -> str:
    """A column's label: the one set in i18n.COLUMNS, shared with the pages."""
    return i18n.column(name, lang)


def table(frame: pd.DataFrame, columns: list[str], lang: str = "zh") -> pd.DataFrame:
    """Chosen columns, statuses in words, numbers as numbers, blanks as None (never "None"),
    headers in the language."""
    shown = frame[columns].copy()
    if "status" in shown:
        shown["status"] = shown["status"].map(lambda s: i18n.status(s, lang))
    if "indicator_status" in shown:
        shown["indicator_status"] = shown["indicator_status"].map(lambda s: i18n.indicator_status(s, lang))
    if "forecast_method" in shown:
        shown["forecast_method"] = shown["forecast_method"].map(
            lambda m: i18n.t(f"method_{m}", lang) if isinstance(m, str) and f"method_{m}" in i18n.TEXT else None)
    if "grade" in shown:
        shown["grade"] = shown["grade"].map(lambda g: i18n.grade(g, lang))
    if "source" in shown:      # a project's sources (export.with_sources) in one cell
        shown["source"] = shown["source"].map(lambda v: export.source_words(v, lang))
    if "direct" in shown:      # 直达资金: 是/否 in the file as on the page
        shown["direct"] = shown["direct"].map(lambda d: i18n.t("yes" if d else "no", lang))
    for name in ("target_value", "actual_value"):      # "90.00" is a number; "≥90%", "按期完成" stay text
        if name in shown:
            shown[name] = shown[name].map(_number_or_text)
    for name in shown.columns:
        if name.endswith(("_wan", "_pct", "_pp")):
            shown[name] = pd.to_numeric(shown[name], errors="coerce").astype(float)
    return shown.rename(columns={c: label(c, lang) for c in columns})


def _number_or_text(value):
    """An indicator's target or value: a Decimal when the text is a plain number, else the text as it is."""
    if isinstance(value, str) and "%" not in value:
        number = rules.as_number(value)
        if number is not None:
            return number
    return value


def scope_name(r: Review, lang: str = "zh") -> str | None:
    """The sections a section's bulletin covers, as its title names them (None: the whole bureau)."""
    return i18n.t("names_sep", lang).join(r.scope) if r.scope else None


def title(r: Review, lang: str = "zh") -> str:
    """月度支出进度通报（2021年11月）, a section's: 月度支出进度通报（经济建设科，2021年11月）."""
    month = i18n.month_label(r.year, r.month, lang)
    if r.scope:
        return i18n.t("bulletin_title_section", lang, section=scope_name(r, lang), month=month)
    return i18n.t("bulletin_title", lang, month=month)


def curve_title(r: Review, lang: str = "zh") -> str:
    if r.scope:
        return i18n.t("section_curve_title", lang, section=scope_name(r, lang))
    return i18n.t("curve_title", lang)


def _pct(value) -> str:
    return "—" if value is None else f"{value:.2f}%"


def summary_items(r: Review, lang: str = "zh") -> list[tuple[str, object, str]]:
    """The 概况: (label, value, kind) with kind wan / pct / pp / count / text; values exact."""
    b = r.bureau
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    rate, score = r.control
    wan = t("in_wan")
    return [
        (t("kpi_budget") + wan, b["budget_wan"], "wan"),
        (t("kpi_actual") + wan, b["actual_wan"], "wan"),
        (t("kpi_actual_pct"), b["actual_pct"], "pct"),
        (t("kpi_plan_pct"), b["plan_pct"], "pct"),
        (t("kpi_time_pct"), b["time_pct"], "pct"),
        (t("kpi_deviation") + t("in_pp"), b["deviation_pp"], "pp"),
        (t("kpi_behind") + wan, b.get("behind_wan"), "wan"),
        (t("kpi_ahead") + wan, b.get("ahead_wan"), "wan"),
        (t("kpi_net_gap") + wan, b["gap_wan"], "wan"),
        (i18n.column("grade", lang), i18n.grade(r.grade, lang), "text"),
        (t("kpi_lagging"), int(b["lagging"]), "count"),
        (t("kpi_severe"), int(b["severe"]), "count"),
        (t("kpi_overspent"), int(b["overspent"]), "count"),
        (i18n.column("on_track", lang), int(b["on_track"]), "count"),
        *([(t("kpi_no_plan"), int(b["no_plan"]), "count")] if b.get("no_plan") else []),   # issue 33: 未编制计划
        (t("budget_control"), "—" if rate is None else t("control_value", rate=f"{rate:.2f}", score=score), "text"),
    ]


def _shown(value, kind: str) -> str:
    if value is None or (not isinstance(value, str) and value != value):
        return "—"
    if kind == "text" or isinstance(value, str):
        return str(value)
    return {"wan": f"{value:,.2f}", "pct": f"{value:.2f}%", "pp": f"{value:+.2f}", "count": f"{value:,}"}.get(
        kind, str(value))


def summary_lines(r: Review, lang: str = "zh") -> list[tuple[str, str]]:
    """The 概况 as text, for the PDF."""
    return [(k, _shown(v, kind)) for k, v, kind in summary_items(r, lang)]


def data_as_of(r: Review, lang: str = "zh") -> str:
    if r.last_pay_date is None:
        return i18n.t("data_as_of_none", lang)
    return i18n.t("data_as_of", lang, date=i18n.day_label(r.last_pay_date, lang))


def opening(r: Review, lang: str = "zh") -> list[str]:
    """The opening paragraph, written from the figures: the month's 执行率 against plan, the amount
    behind (summed over the projects behind, the net said apart), counts by status, and the
    sections and projects most behind. One sentence per item."""
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    b = a = r.bureau
    sep = i18n.t("items_sep", lang)
    dev = b["deviation_pp"]
    if dev is None or dev == 0:
        direction = t("opening_even")
    elif dev < 0:
        direction = t("opening_behind", pp=f"{-dev:.2f}")
    else:
        direction = t("opening_ahead", pp=f"{dev:.2f}")
    name = scope_name(r, lang)
    who = t("whole_bureau") if name is None else name if lang != "en" else f"{name}'s"
    out = [t("opening_rate", month=i18n.month_label(r.year, r.month, lang), who=who, budget=f"{b['budget_wan']:,.2f}",
             actual=f"{b['actual_wan']:,.2f}", actual_pct=_pct(b["actual_pct"]), plan_pct=_pct(b["plan_pct"]),
             direction=direction)]
    if a:       # issue 37: no 「另有 0 个项目超前 0.00 万元」 when nothing is ahead
        out.append(t("opening_gap" if a["ahead_projects"] else "opening_gap_none_ahead",
                     behind_projects=a["behind_projects"], behind=f"{a['behind_wan']:,.2f}",
                     ahead_projects=a["ahead_projects"], ahead=f"{a['ahead_wan']:,.2f}", net=f"{b['gap_wan']:,.2f}"))
    out.append(t("opening_counts", on_track=int(b["on_track"]), lagging=int(b["lagging"]), severe=int(b["severe"]),
                 overspent=int(b["overspent"])))
    if b.get("no_plan"):        # issue 33: never counted as on track, nor as behind a plan they do not have
        out.append(t("opening_no_plan", n=int(b["no_plan"])))
    behind = r.sections[r.sections["deviation_pp"].map(lambda d: d is not None and d < 0)]
    if r.scope and len(r.sections) <= 1:
        behind = None       # issue 37: a section's own bulletin never names itself as the section most behind
    elif len(behind):
        named = [t("opening_section", section=row["section"], pp=f"{-row['deviation_pp']:.2f}")
                 for _, row in behind.head(OPENING_SECTIONS).iterrows()]
        out.append(t("opening_sections", sections=sep.join(named)))
    else:
        out.append(t("opening_none_behind"))
    if r.most_behind is not None and len(r.most_behind):
        named = [t("opening_project", project=row["project_name"], section=row["section"],
                   amount=f"{row['gap_wan']:,.2f}") for _, row in r.most_behind.iterrows()]
        out.append(t("opening_projects", projects=sep.join(named)))
    if r.overspent is not None and len(r.overspent):
        named = [t("opening_overspent_project", project=row["project_name"], section=row["section"],
                   pct=_pct(row["actual_pct"])) for _, row in r.overspent.iterrows()]
        out.append(t("opening_overspent", projects=sep.join(named)))
    if r.last_year is not None:
        out.append(last_year_sentence(b, r.last_year, r.year - 1, lang))
    if r.not_imported:
        out.append(t("month_not_imported", month=i18n.month_label(r.year, r.month, lang),
                     date=i18n.day_label(r.last_pay_date, lang) if r.last_pay_date else "—"))
    return out


def last_year_sentence(now: dict, before: dict, last_year: int, lang: str = "zh") -> str:
    """How the month compares with the same month of last year: 执行率, money paid, deviation from plan."""
    def pp(a, b):
        return "—" if a is None or b is None else f"{float(a) - float(b):+.2f}"
    return i18n.t("opening_last_year", lang, year=last_year, last_pct=_pct(before["actual_pct"]),
                  change=pp(now["actual_pct"], before["actual_pct"]),
                  paid=f"{float(now['actual_wan']) - float(before['actual_wan']):+,.2f}",
                  dev_change=pp(now["deviation_pp"], before["deviation_pp"]))


def flagged_indicators(r: Review) -> pd.DataFrame:
    """The indicators not met or at risk (not met first): what the bulletin lists."""
    order = {"not_met": 0, "at_risk": 1}
    flagged = r.indicators[r.indicators["indicator_status"].isin(list(order))].copy()
    flagged["_order"] = flagged["indicator_status"].map(order)
    return flagged.sort_values(["_order", "section", "project_code", "seq"], kind="stable").drop(columns="_order")


def indicator_counts(r: Review, lang: str = "zh") -> str:
    states = r.indicators["indicator_status"]
    counts = {code: int((states == code).sum()) for code in rules.INDICATOR_STATUSES}
    return i18n.t("indicator_counts", lang, total=len(states), none=int(len(states) - sum(counts.values())), **counts)


def context_items(r: Review, lang: str = "zh") -> list[tuple[str, object]]:
    """The bulletin's context (first sheet, top of the PDF): unit, month, data currency, thresholds, rules."""
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    covers = [(t("report_section"), scope_name(r, lang))] if r.scope else []
    return [
        (t("issuing_unit"), r.issuer),
        *covers,
        (t("bulletin_month"), i18n.month_label(r.year, r.month, lang)),
        (i18n.column("fiscal_year", lang), int(r.year)),
        (i18n.column("month", lang), int(r.month)),
        (t("data_as_of_key"),
         r.last_pay_date if r.last_pay_date else t("data_as_of_none")),
        (t("thresholds_short"), f"{r.thresholds.yellow} / {r.thresholds.red}"),
        (t("generated_at"), r.generated_at.replace(microsecond=0)),
    ]


# ------------------------------------------------------------------ Excel

def cut(frame: pd.DataFrame, limit: int = rules.CELL_TEXT_CHARS) -> pd.DataFrame:
    """The table with every text longer than `limit` characters cut visibly (rules.cell_text:
    "…（全文见系统）"), for the bulletin's Excel and PDF cells; the full text stays in the system."""
    frame = frame.copy()
    for name in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[name]):      # object or pandas string columns
            frame[name] = frame[name].map(lambda v: rules.cell_text(v, limit))
    return frame


def to_xlsx(r: Review, lang: str = "zh") -> bytes:
    """概况 first (the context, the opening paragraph and the figures, each cell typed), then one
    sheet per table with its header on row 1."""
    import xlsxwriter

    from spending.export import XLSX_OPTIONS, Formats, write_context, write_table

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, XLSX_OPTIONS)
    fmt = Formats(book, lang)
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731

    def sheet(key: str) -> str:
        return export.marked(t(key), r.sample, lang)
    formats = {"pct": '0.00"%"', "pp": '+0.00;-0.00;0.00'}
    items: list[tuple] = [(title(r, lang), "")] + export.sample_note(r.sample, lang) + context_items(r, lang)
    items += [(t("opening_key"), ("" if lang != "en" else " ").join(opening(r, lang)))]
    items += [(k, v, formats.get(kind)) for k, v, kind in summary_items(r, lang)]
    if r.units is not None and len(r.units) > UNITS_SHOWN:    # 前五/后五 named on 概况; the sheet ranks them all
        items += [(key, unit_names(frame)) for key, frame in unit_groups(r, lang)]
    items += [(t("thresholds_key"), t("thresholds", yellow=r.thresholds.yellow, red=r.thresholds.red)),
              (t("grade_rule_key"), t("grade_rule")), (t("evenness_rule_key"), t("evenness_rule"))]
    write_context(book, sheet("sheet_summary"), items, fmt)
    write_table(book, sheet("sheet_sections"), cut(table(r.sections, SECTION_COLUMNS, lang)), fmt)
    write_table(book, sheet("sheet_behind"), cut(table(r.behind, PROJECT_COLUMNS, lang)), fmt)
    write_table(book, sheet("sheet_returns"), cut(table(r.returns, RETURN_COLUMNS, lang)), fmt)
    write_table(book, sheet("sheet_indicators"), cut(table(r.indicators, INDICATOR_COLUMNS, lang)), fmt)
    write_table(book, sheet("sheet_evenness"), cut(table(r.spending, EVENNESS_COLUMNS, lang)), fmt)
    write_table(book, sheet("back_loaded_title"), cut(table(r.back_loaded, BACK_LOADED_COLUMNS, lang)), fmt)
    if r.sources is not None:
        write_table(book, sheet("sources_title"), cut(table(r.sources, SOURCE_COLUMNS, lang)), fmt)
    if r.units is not None:
        write_table(book, sheet("units_ranked"), cut(table(r.units, UNIT_COLUMNS, lang)), fmt)
    if r.inquiries:
        counts, red = inquiry_tables(r, lang)
        write_table(book, sheet("sheet_inquiries"), cut(counts), fmt)
        write_table(book, sheet("sheet_red_answers"), cut(red), fmt)
    book.close()
    return buffer.getvalue()


# ------------------------------------------------------------------ PDF

def figures(r: Review, lang: str = "zh") -> dict:
    curve = r.curve.copy()
    for c in ("plan_pct", "actual_pct", "time_pct", "plan_wan", "actual_wan"):
        curve[c] = curve[c].astype(float)
    sections = r.sections.copy()
    for c in ("deviation_pp", "gap_wan"):
        sections[c] = sections[c].astype(float)
    spending = r.spending.copy()
    for c in ("share_pct", "plan_share_pct"):
        spending[c] = spending[c].astype(float)
    return {
        "curve": charts.cumulative_curve(curve, r.month, curve_title(r, lang), lang),
        "sections": charts.deviation_bars(sections, "section", i18n.t("sections_ranked", lang), lang,
                                          (float(r.thresholds.yellow), float(r.thresholds.red)), height=380),
        "evenness": charts.monthly_shares(spending, float(rules.EVEN_MONTH_LIMIT), i18n.t("evenness_title", lang), lang),
    }


@functools.cache
def _kaleido() -> None:
    """One kaleido browser per process (the first image ~4 s), started on the first image."""
    import kaleido

    os.environ.setdefault("BROWSER_PATH", export.chromium())
    kaleido.start_sync_server(silence_warnings=True)


def _png(fig, width: int, height: int) -> str:
    import plotly.io as pio

    _kaleido()
    with warnings.catch_warnings():     # plotly warns that kaleido's server ignores per-call options
        warnings.simplefilter("ignore", UserWarning)
        data = pio.to_image(fig, format="png", width=width, height=height, scale=2)
    return "data:image/png;base64," + base64.b64encode(data).decode()


PDF_ROWS = 50   # rows of a list in the PDF: a province has tens of thousands behind; the Excel file holds all
NOWRAP = ("section", "status", "grade", "indicator_status", "project_code", "forecast_method", "level",
          "state", "source", "unit_code")      # never broken one character a line (issue 37: 按计划形/态; issue 34)
WIDE = ("project_name", "level_3", "corrective_action")                         # at least 8 characters wide
DENSE_COLUMNS = 10      # a table this wide is set smaller, its headers broken where needed (14 columns fit A4)


def table_cells(frame: pd.DataFrame, lang: str = "zh", nowrap: tuple[str, ...] = NOWRAP) -> dict:
    """A labelled table (bulletin.table) as the cells the templates' table() prints (templates/_printed.html.j2):
    numbers right-aligned with 2 decimals, blanks empty, the columns named in `nowrap` (by their code) kept on one
    line; a table of many columns (DENSE_COLUMNS or more) in a smaller type, its headers broken before their
    units, so that it fits the page's width; past PDF_ROWS rows the first ones and a note saying how many."""
    note = ""
    if len(frame) > PDF_ROWS:
        note = i18n.t("first_rows", lang, shown=PDF_ROWS, total=f"{len(frame):,}")
        frame = frame.head(PDF_ROWS)
    keep = {label(c, lang) for c in nowrap}
    wide = {label(c, lang) for c in WIDE}

    def cell(v, name) -> dict:
        cls = ["nw"] if name in keep else ["wide"] if name in wide else []
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            text = ""
        elif isinstance(v, bool):
            text = i18n.t("yes" if v else "no", lang)
        elif isinstance(v, (int, float, Decimal)):
            text = f"{v:,.2f}" if isinstance(v, (float, Decimal)) else f"{v:,}"
            cls.append("num")
        else:
            text = rules.cell_text(str(v))      # a long text cut visibly, "…（全文见系统）"
        return {"text": text, "cls": " ".join(cls)}
    dense = len(frame.columns) >= DENSE_COLUMNS

    def header(c) -> dict:       # a dense table's units on a line of their own: 调整后预算 / (万元)
        first, *rest = str(c).split("(") if dense else [str(c)]
        return {"lines": [first] + ["(" + part for part in rest], "cls": "nw" if c in keep and not dense else ""}
    return {"dense": dense, "note": note, "head": [header(c) for c in frame.columns],
            "rows": [[cell(v, c) for v, c in zip(row, frame.columns)] for row in frame.itertuples(index=False)]}


def _html_table(frame: pd.DataFrame, lang: str = "zh", nowrap: tuple[str, ...] = NOWRAP) -> str:
    """A labelled table as the PDF prints it (table_cells through the templates' table())."""
    from spending import printed

    return str(printed.macro("_printed.html.j2", "table")(table_cells(frame, lang, nowrap)))


def _inquiry_cells(r: Review, lang: str = "zh") -> dict | None:
    if not r.inquiries:
        return None
    counts, red = inquiry_tables(r, lang)
    return {"counts": table_cells(counts, lang), "red": table_cells(red, lang) if len(red) else None}


def _inquiries_html(r: Review, lang: str = "zh") -> str:
    """预警问询答复情况 as the PDF prints it (templates/_bulletin.html.j2), empty without inquiries."""
    from spending import printed

    return str(printed.macro("_bulletin.html.j2", "inquiries")(_inquiry_cells(r, lang), printed.Labels(lang)))


def to_html(r: Review, lang: str = "zh") -> str:
    """The bulletin as HTML for Chromium (templates/bulletin.html.j2)."""
    from spending import printed

    figs = figures(r, lang)
    lines = summary_lines(r, lang)
    half = (len(lines) + 1) // 2
    uneven = [i18n.month_name(m, lang) for m, u in zip(r.spending["month"], r.spending["uneven"]) if u]
    flagged = flagged_indicators(r)
    tables = {
        "sections": table_cells(table(r.sections, SECTION_COLUMNS, lang), lang),
        "behind": table_cells(table(r.behind, PROJECT_COLUMNS, lang), lang),
        "sources": (table_cells(table(r.sources, SOURCE_COLUMNS, lang), lang)     # 资金来源, 直达资金 first (issue 34)
                    if r.sources is not None and len(r.sources) else None),
        "units": ([(heading, table_cells(table(frame, UNIT_COLUMNS, lang), lang))   # 前五 and 后五 by 执行率
                   for heading, frame in unit_groups(r, lang)] if r.units is not None and len(r.units) else []),
        "back_loaded": table_cells(table(r.back_loaded, BACK_LOADED_COLUMNS, lang), lang),
        "returns": table_cells(table(r.returns, RETURN_COLUMNS, lang), lang) if len(r.returns) else None,
        "indicators": table_cells(table(flagged, INDICATOR_COLUMNS, lang), lang) if len(flagged) else None,
    }
    return printed.render(
        "bulletin.html.j2", html_lang=printed.html_lang(lang), t=printed.Labels(lang), heading=title(r, lang),
        issuer=r.issuer, marks=export.sample_marks(r.sample, lang),
        footer_css=export.css_text(i18n.TEXT["page_footer"][1 if lang == "en" else 0]),
        data_as_of=data_as_of(r, lang), generated=f"{i18n.day_label(r.generated_at, lang)} {r.generated_at:%H:%M}",
        opening=opening(r, lang), opening_joiner=" " if lang == "en" else "",
        summary=[lines[i:i + 1] + lines[half + i:half + i + 1] for i in range(half)],
        thresholds=i18n.t("thresholds", lang, yellow=r.thresholds.yellow, red=r.thresholds.red),
        images={"curve": _png(figs["curve"], 900, 380),
                "sections": _png(figs["sections"], 900, 380) if len(r.sections) > 1 else None,
                "evenness": _png(figs["evenness"], 900, 320)},
        tables=tables, inquiries=_inquiry_cells(r, lang),
        evenness=i18n.t("uneven_months", lang, months="、".join(uneven)) if uneven else i18n.t("even_ok", lang),
        indicator_counts=indicator_counts(r, lang))


def to_pdf(r: Review, lang: str = "zh") -> bytes:
    """The HTML printed by Chromium: page numbers from the CSS @page footer, the document title
    from <title> (Chromium sets the PDF's Title from it)."""
    return export.print_pdf(to_html(r, lang))


def write(r: Review, path: str | Path, lang: str = "zh") -> Path:
    """report --out FILE: .xlsx or .pdf by suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise ValueError(suffix)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=path.parent):    # a folder that cannot be written to fails now, not after the PDF
        pass
    path.write_bytes(to_xlsx(r, lang) if suffix == ".xlsx" else to_pdf(r, lang))
    return path
