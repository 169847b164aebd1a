"""The month under review (双监控): what the 总览 page's 双监控 tab shows and the bulletin prints.

review() gathers it, with exact numbers, for a year and month: the bureau's pace, sections graded and
their budget control, the projects not on track, spending evenness, back-loaded plans, indicators,
monitoring returns and the month's inquiries (spending.notices). A section user's review (scope) is
that section's. spending.bulletin writes it as Excel and PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from spending import NoProjects, clock, db, export, rules
from spending.rules import Thresholds

OPENING_PROJECTS = 3     # the projects furthest behind, named in the bulletin's opening paragraph


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
    spending: pd.DataFrame       # monthly_spending + uneven (rules.uneven_months)
    back_loaded: pd.DataFrame
    indicators: pd.DataFrame     # indicator_values + status
    returns: pd.DataFrame        # monitoring_returns
    last_pay_date: date | None = None   # 数据截至: the year's last imported payment
    most_behind: pd.DataFrame | None = None       # the projects furthest behind in money
    overspent: pd.DataFrame | None = None         # the overspent projects (at most 10)
    issuer: str = export.DEFAULT_ISSUER
    last_year: dict | None = None                 # the same month of the year before (bureau_curve), if planned
    inquiries: list[dict] | None = None          # 问询 of the month with their state (issue 13); None: none issued
    scope: list[str] | None = None               # the sections it covers (None: the whole bureau)
    sample: bool = False                         # sample data is loaded: every file says so
    sources: pd.DataFrame | None = None          # source_status: 资金来源, 直达资金 first (issue 34)
    units: pd.DataFrame | None = None            # unit_status: 预算单位 ranked by 执行率 (issue 34)

    @property
    def grade(self) -> str | None:
        """The bureau's 执行率评级 (same rule as the sections')."""
        b = self.bureau
        return rules.execution_grade(b["actual_pct"], b["plan_pct"], self.month, b["status"] == "overspent")

    @property
    def not_imported(self) -> bool:
        """The month is past the last imported payment's month (its figures are incomplete)."""
        return self.last_pay_date is None or (self.last_pay_date.year, self.last_pay_date.month) < (self.year, self.month)


def _frame(con, name: str, **params) -> pd.DataFrame:
    cur = db.run(con, name, **params)
    try:
        names = [d[0] for d in cur.description]
        return pd.DataFrame(cur.fetchall(), columns=names, dtype=object)
    finally:
        cur.close()


def review(con, year: int, month: int, thresholds: Thresholds = Thresholds(), now: datetime | None = None,
           for_page: bool = False, scope: list[str] | None = None) -> Review:
    """The month under review, of the sections in scope (None: the whole bureau; a section user gets
    its own part). for_page: only what 总览's 双监控 tab shows (the bureau, sections and grades, evenness,
    back-loaded plans, indicators, returns); the rest is the bulletin files' — the list of projects behind (tens of
    thousands in a province), the projects its opening names, the overspent, last year's month, the inquiries, the
    sources and the units (None for the page: each a query the page's first view would wait for, issue 41)."""
    pace = {"year": year, "scope": scope, **thresholds.params()}
    curve = _frame(con, "bureau_curve", **pace)
    if curve.empty:
        raise NoProjects(year)
    sections = _frame(con, "section_status", month=month, **pace)
    control = {row["section"]: rules.budget_control(row["added_yuan"], row["initial_yuan"])
               for row in db.rows(con, "budget_control", year=year, month=month, scope=scope)}
    sections["grade"] = [rules.execution_grade(a, p, month, s == "overspent")
                         for a, p, s in zip(sections["actual_pct"], sections["plan_pct"], sections["status"])]
    sections["control_pct"] = [control[s][0] for s in sections["section"]]
    sections["control_score"] = [control[s][1] for s in sections["section"]]
    indicators = _frame(con, "indicator_values", year=year, month=month, code=None, scope=scope)
    indicators["indicator_status"] = [
        rules.indicator_status(s, t, a, j) for s, t, a, j in
        zip(indicators["symbol"], indicators["target_value"], indicators["actual_value"], indicators["judged_status"])]
    spending = _frame(con, "monthly_spending", year=year, month=month, limit=str(rules.EVEN_MONTH_LIMIT), scope=scope)
    spending["uneven"] = rules.uneven_months(spending["paid_fen"], spending["planned_num"])
    r = Review(
        year, month, thresholds, now or clock.now(), curve,
        curve[curve["as_of_month"] == month].iloc[0].to_dict(), sections, control[None],
        None,
        spending,
        _frame(con, "back_loaded_plans", year=year, by_month=rules.BACK_LOADED_BY, scope=scope),
        indicators,
        _frame(con, "monitoring_returns", year=year, month=month, code=None, scope=scope),
        db.rows(con, "last_payment", year=year)[0]["last_pay_date"],
        scope=scope or None, sample=export.sample_loaded(con),
    )
    if for_page:
        return r
    # the bulletin's: with each project's 资金来源 beside its 预算单位 (issue 34: the lagging list carries both)
    status = {"year": year, "month": month, "sections": scope, "min_gap": None, "unit": None, "sources": None,
              "direct": False, **thresholds.params()}
    r.behind = export.with_sources(con, _frame(con, "project_status", statuses=list(rules.NOT_ON_TRACK), limit=None,
                                               **status), year, month, scope)
    r.most_behind = _frame(con, "most_behind", month=month, limit=OPENING_PROJECTS, **pace)
    r.overspent = _frame(con, "project_status", statuses=["overspent"], limit=10, **status)
    r.issuer = export.issuer()
    r.last_year = last_year_row(con, year, month, thresholds, scope)
    r.inquiries = _inquiries(con, year, month, thresholds, now, scope)
    r.sources = _frame(con, "source_status", year=year, month=month, scope=scope, unit=None)
    r.units = _frame(con, "unit_status", month=month, sources=None, direct=False, **pace)
    return r


def last_year_row(con, year: int, month: int, thresholds: Thresholds, scope=None) -> dict | None:
    """bureau_curve's row for the same month of the year before; None when that year has no plan."""
    before = _frame(con, "bureau_curve", year=year - 1, scope=scope, **thresholds.params())
    row = before[before["as_of_month"] == month]
    return row.iloc[0].to_dict() if len(row) else None


def _inquiries(con, year, month, thresholds, now, scope) -> list[dict] | None:
    """The month's inquiries (预警与问询, issue 13) as the bulletin's page on them; None when none were issued."""
    from spending import notices

    rows = notices.inquiries(con, year, month, thresholds, now.date() if now else notices.today(), scope)
    return rows or None
