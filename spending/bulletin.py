"""The month under review (双监控) and the monthly bulletin (月度支出进度通报): Excel and PDF.

review() gathers, with exact numbers, what the 总览 page's 双监控 tab shows and what the
bulletin prints: the bureau's pace, sections graded and their budget control, the lagging
projects, spending evenness, back-loaded plans, indicators and monitoring returns.
The PDF is HTML printed by Debian's Chromium, with Plotly charts exported by kaleido.
"""

from __future__ import annotations

import base64
import html
import io
import os
import shutil
import subprocess
import tempfile
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from spending import SpendingError, charts, db, i18n, rules
from spending.rules import STATUSES, Thresholds

BEHIND = [s for s in STATUSES if s != "on_track"]   # the statuses the bulletin lists


@dataclass
class Review:
    year: int
    month: int
    thresholds: Thresholds
    generated_at: datetime
    curve: pd.DataFrame          # bureau_curve, every month
    bureau: dict                 # the as-of month's row of it
    sections: pd.DataFrame       # section_status + grade + budget control rate and score
    control: tuple               # the bureau's (rate, score)
    behind: pd.DataFrame | None  # project_status of every project not on track (None: not fetched)
    spending: pd.DataFrame       # monthly_spending
    back_loaded: pd.DataFrame
    indicators: pd.DataFrame     # indicator_values + status
    returns: pd.DataFrame        # monitoring_returns


def _frame(con, name: str, **params) -> pd.DataFrame:
    cur = db.run(con, name, **params)
    try:
        names = [d[0] for d in cur.description]
        return pd.DataFrame(cur.fetchall(), columns=names, dtype=object)
    finally:
        cur.close()


def review(con, year: int, month: int, thresholds: Thresholds = Thresholds(), now: datetime | None = None,
           with_behind: bool = True, scope: list[str] | None = None) -> Review:
    """The month under review, of the sections in scope (None: the whole bureau; a section user gets
    its own part). The list of projects behind (tens of thousands in a province) is fetched only
    for the bulletin files (with_behind), not for the page."""
    pace = {"year": year, "scope": scope, **thresholds.params()}
    curve = _frame(con, "bureau_curve", **pace)
    if curve.empty:
        raise SpendingError(f"{year} 年度没有预算项目 | no projects in {year}")
    sections = _frame(con, "section_status", month=month, **pace)
    control = {row["section"]: rules.budget_control(row["added_yuan"], row["initial_yuan"])
               for row in db.rows(con, "budget_control", year=year, month=month, scope=scope)}
    sections["grade"] = [rules.execution_grade(p) for p in sections["actual_pct"]]
    sections["control_pct"] = [control[s][0] for s in sections["section"]]
    sections["control_score"] = [control[s][1] for s in sections["section"]]
    indicators = _frame(con, "indicator_values", year=year, month=month, code=None, scope=scope)
    indicators["indicator_status"] = [
        rules.indicator_status(s, t, a, j) for s, t, a, j in
        zip(indicators["symbol"], indicators["target_value"], indicators["actual_value"], indicators["judged_status"])]
    return Review(
        year, month, thresholds, now or datetime.now(), curve,
        curve[curve["as_of_month"] == month].iloc[0].to_dict(), sections, control[None],
        _frame(con, "project_status", month=month, sections=scope, statuses=list(BEHIND), min_gap=None, limit=None,
               year=year, **thresholds.params()) if with_behind else None,
        _frame(con, "monthly_spending", year=year, month=month, limit=str(rules.EVEN_MONTH_LIMIT), scope=scope),
        _frame(con, "back_loaded_plans", year=year, by_month=rules.BACK_LOADED_BY, scope=scope),
        indicators,
        _frame(con, "monitoring_returns", year=year, month=month, code=None, scope=scope),
    )


# ------------------------------------------------------------------ tables as people read them

SECTION_COLUMNS = ["section", "projects", "budget_wan", "actual_wan", "actual_pct", "plan_pct", "deviation_pp",
                   "grade", "control_pct", "control_score", "lagging", "severe", "overspent"]
PROJECT_COLUMNS = ["section", "project_code", "project_name", "budget_wan", "actual_wan", "actual_pct", "plan_pct",
                   "deviation_pp", "gap_wan", "status"]
INDICATOR_COLUMNS = ["section", "project_name", "level_3", "symbol", "target_value", "unit", "actual_value",
                     "indicator_status"]
RETURN_COLUMNS = ["section", "project_name", "forecast_wan", "forecast_method", "deviation_cause", "likelihood",
                  "corrective_action", "entered_by"]
EXTRA_LABELS = {
    "grade": ("执行率评级", "Grade"), "control_pct": ("预算控制率%", "Budget control %"),
    "control_score": ("预算控制得分", "Control score"), "indicator_status": ("指标状态", "Indicator status"),
    "actual_value": ("实际值", "Actual"), "forecast_wan": ("全年预计执行数(万元)", "Forecast (10k CNY)"),
    "forecast_method": ("预计方法", "Method"), "deviation_cause": ("偏差原因", "Cause"),
    "likelihood": ("完成可能性", "Likelihood"), "corrective_action": ("纠偏措施", "Corrective action"),
    "entered_by": ("填报人", "Entered by"), "month": ("月份", "Month"), "share_pct": ("占比%", "Share %"),
    "uneven": ("超过25%", "Above 25 %"), "plan_pct_by_then": ("9月底计划进度%", "Plan by September %"),
}
METHODS = {"plan_shape": ("按计划形态", "Plan shape"), "run_rate": ("按当前进度", "Run rate"),
           "manual": ("手工填报", "By hand")}


def label(name: str, lang: str) -> str:
    if name in EXTRA_LABELS:
        return EXTRA_LABELS[name][1 if lang == "en" else 0]
    return i18n.column(name, lang)


def table(frame: pd.DataFrame, columns: list[str], lang: str = "zh") -> pd.DataFrame:
    """Chosen columns, statuses in words, numbers as numbers, headers in the language."""
    shown = frame[columns].copy()
    if "status" in shown:
        shown["status"] = shown["status"].map(lambda s: i18n.status(s, lang))
    if "indicator_status" in shown:
        shown["indicator_status"] = shown["indicator_status"].map(lambda s: i18n.indicator_status(s, lang))
    if "forecast_method" in shown:
        shown["forecast_method"] = shown["forecast_method"].map(
            lambda m: METHODS[m][1 if lang == "en" else 0] if m in METHODS else "")
    for name in shown.columns:
        if name.endswith(("_wan", "_pct", "_pp")):
            shown[name] = pd.to_numeric(shown[name], errors="coerce").astype(float)
    return shown.rename(columns={c: label(c, lang) for c in columns})


def summary_lines(r: Review, lang: str = "zh") -> list[tuple[str, str]]:
    b = r.bureau
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    rate, score = r.control
    return [
        (t("bulletin_month"), i18n.month_label(r.year, r.month, lang)),
        (t("kpi_budget") + "（万元）", f"{b['budget_wan']:,.2f}"),
        (t("kpi_actual") + "（万元）", f"{b['actual_wan']:,.2f}"),
        (t("kpi_actual_pct"), f"{b['actual_pct']:.2f}%" if b["actual_pct"] is not None else "—"),
        (t("kpi_plan_pct"), f"{b['plan_pct']:.2f}%" if b["plan_pct"] is not None else "—"),
        (t("kpi_time_pct"), f"{b['time_pct']:.2f}%"),
        (t("kpi_deviation"), f"{b['deviation_pp']:+.2f}" if b["deviation_pp"] is not None else "—"),
        (t("kpi_gap") + "（万元）", f"{b['gap_wan']:,.2f}"),
        (t("kpi_lagging"), str(int(b["lagging"]))),
        (t("kpi_severe"), str(int(b["severe"]))),
        (t("kpi_overspent"), str(int(b["overspent"]))),
        (t("budget_control"), "—" if rate is None else f"{rate:.2f}%（{score} 分）"),
        (t("thresholds_short"), f"{r.thresholds.yellow} / {r.thresholds.red}"),
        (t("generated_at"), r.generated_at.strftime("%Y-%m-%d %H:%M:%S")),
    ]


# ------------------------------------------------------------------ Excel

def to_xlsx(r: Review, lang: str = "zh") -> bytes:
    from spending.export import write_sheet

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    title = i18n.t("bulletin_title", lang, month=i18n.month_label(r.year, r.month, lang))
    write_sheet(book, i18n.t("sheet_summary", lang), pd.DataFrame(summary_lines(r, lang), columns=["", " "]),
                [(title, "")])
    write_sheet(book, i18n.t("sheet_sections", lang), table(r.sections, SECTION_COLUMNS, lang), [(title, "")])
    write_sheet(book, i18n.t("sheet_behind", lang), table(r.behind, PROJECT_COLUMNS, lang), [(title, "")])
    write_sheet(book, i18n.t("sheet_returns", lang), table(r.returns, RETURN_COLUMNS, lang), [(title, "")])
    write_sheet(book, i18n.t("sheet_indicators", lang), table(r.indicators, INDICATOR_COLUMNS, lang), [(title, "")])
    write_sheet(book, i18n.t("sheet_evenness", lang),
                table(r.spending, ["month", "paid_wan", "share_pct", "uneven"], lang), [(title, "")])
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
    spending["share_pct"] = spending["share_pct"].astype(float)
    return {
        "curve": charts.cumulative_curve(curve, r.month, i18n.t("curve_title", lang), lang),
        "sections": charts.deviation_bars(sections, "section", i18n.t("sections_ranked", lang), lang, height=380),
        "evenness": charts.monthly_shares(spending, float(rules.EVEN_MONTH_LIMIT), i18n.t("evenness_title", lang), lang),
    }


def _png(fig, width: int, height: int) -> str:
    import kaleido
    import plotly.io as pio

    if not getattr(_png, "started", False):      # one kaleido browser per process (first image ~4 s)
        os.environ.setdefault("BROWSER_PATH", chromium())
        kaleido.start_sync_server(silence_warnings=True)
        _png.started = True
    with warnings.catch_warnings():     # plotly warns that kaleido's server ignores per-call options
        warnings.simplefilter("ignore", UserWarning)
        data = pio.to_image(fig, format="png", width=width, height=height, scale=2)
    return "data:image/png;base64," + base64.b64encode(data).decode()


def chromium() -> str:
    found = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SpendingError("生成 PDF 需要 Chromium（apt-get install chromium fonts-noto-cjk） | "
                            "the PDF needs Chromium: apt-get install chromium fonts-noto-cjk")
    return found


PDF_ROWS = 50   # rows of a list in the PDF: a province has tens of thousands behind; the Excel file holds all


def _html_table(frame: pd.DataFrame, lang: str = "zh") -> str:
    note = ""
    if len(frame) > PDF_ROWS:
        note = f'<p class="note">{html.escape(i18n.t("first_rows", lang, shown=PDF_ROWS, total=f"{len(frame):,}"))}</p>'
        frame = frame.head(PDF_ROWS)

    def cell(v):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return ""
        if isinstance(v, float):
            return f"{v:,.2f}"
        return html.escape(str(v))
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}"


def to_html(r: Review, lang: str = "zh") -> str:
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    figs = figures(r, lang)
    title = t("bulletin_title", month=i18n.month_label(r.year, r.month, lang))
    lines = summary_lines(r, lang)
    half = (len(lines) + 1) // 2
    pairs = [lines[i:i + 1] + lines[half + i:half + i + 1] for i in range(half)]
    summary = "".join("<tr>" + "".join(f"<th>{html.escape(k)}</th><td>{html.escape(v)}</td>" for k, v in pair)
                      + "</tr>" for pair in pairs)
    back = table(r.back_loaded, ["section", "project_name", "budget_wan", "plan_pct_by_then"], lang)
    return f"""<!doctype html><html lang="{'en' if lang == 'en' else 'zh-CN'}"><head><meta charset="utf-8">
<style>
 @page {{ size: A4; margin: 14mm 12mm; }}
 body {{ font-family: "Noto Sans CJK SC", "Noto Sans CJK", sans-serif; font-size: 10pt; color: #1f2d3d; }}
 h1 {{ font-size: 18pt; margin: 0 0 4mm; }}
 h2 {{ font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #ccd; break-after: avoid; }}
 tr, img {{ break-inside: avoid; }}
 table {{ border-collapse: collapse; width: 100%; margin-bottom: 3mm; }}
 th, td {{ border: 1px solid #ccd; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }}
 thead th {{ background: #e8edf7; }} img {{ display: block; width: 100%; height: auto; }}
 .note {{ color: #667; font-size: 8.5pt; }} table.summary th {{ width: 22%; background: #f4f6fb; }}
 .two {{ display: flex; gap: 4mm; }} .two > div {{ flex: 1; }}
</style></head><body>
<h1>{html.escape(title)}</h1>
<table class="summary">{summary}</table>
<img src="{_png(figs['curve'], 900, 380)}">
<img src="{_png(figs['sections'], 900, 360)}">
<h2>{t('sheet_sections')}</h2>{_html_table(table(r.sections, SECTION_COLUMNS, lang), lang)}
<h2>{t('sheet_behind')}</h2>{_html_table(table(r.behind, PROJECT_COLUMNS, lang), lang)}
<h2>{t('evenness_title')}</h2><img src="{_png(figs['evenness'], 900, 300)}">
<h2>{t('back_loaded_title')}</h2><p class="note">{html.escape(t('back_loaded_note'))}</p>{_html_table(back, lang)}
<h2>{t('sheet_returns')}</h2>{_html_table(table(r.returns, RETURN_COLUMNS, lang), lang) if len(r.returns) else '<p class="note">' + html.escape(t('no_returns')) + '</p>'}
<h2>{t('sheet_indicators')}</h2>{_html_table(table(r.indicators, INDICATOR_COLUMNS, lang), lang)}
</body></html>"""


def to_pdf(r: Review, lang: str = "zh") -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "bulletin.html"
        out = Path(folder) / "bulletin.pdf"
        page.write_text(to_html(r, lang), encoding="utf-8")
        command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                   f"--user-data-dir={folder}/profile", "--no-pdf-header-footer", f"--print-to-pdf={out}",
                   page.as_uri()]
        done = subprocess.run(command, capture_output=True, timeout=120)
        if not out.exists():
            raise SpendingError(f"Chromium 未能生成 PDF | Chromium made no PDF: {done.stderr.decode()[-300:]}")
        return out.read_bytes()


def write(r: Review, path: str | Path, lang: str = "zh") -> Path:
    """report --out FILE: .xlsx or .pdf by suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise ValueError(suffix)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_xlsx(r, lang) if suffix == ".xlsx" else to_pdf(r, lang))
    return path
