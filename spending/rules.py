"""Pacing rules that are not SQL: thresholds and statuses.

The rates themselves (plan interpolation, deviations, status) are computed exactly in
queries/macros.sql, and the running-budget rule in queries/import/negative_budgets.sql;
this module holds the pure pieces around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Status codes in the order the rules test them (SPEC §1), and their one set of colours.
STATUSES = ("overspent", "severe", "lagging", "on_track")
STATUS_COLORS = {
    "on_track": "#2e9d5b",   # 正常 green
    "lagging": "#f0a202",    # 滞后 amber
    "severe": "#d64541",     # 严重滞后 red
    "overspent": "#7b4fb3",  # 超支 purple
}
DEFAULT_YELLOW = Decimal("10")
DEFAULT_RED = Decimal("20")


@dataclass(frozen=True)
class Thresholds:
    """Points behind plan at which a project turns 滞后 (yellow) and 严重滞后 (red)."""

    yellow: Decimal = DEFAULT_YELLOW
    red: Decimal = DEFAULT_RED

    def __post_init__(self):
        for name in ("yellow", "red"):
            value = Decimal(getattr(self, name))
            if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.000001")):
                raise ValueError(f"{name} threshold must be a number ≥ 0 with at most 6 decimals")
            object.__setattr__(self, name, value)
        if self.yellow > self.red:
            raise ValueError("the yellow threshold must not exceed the red one")

    def params(self) -> dict:
        return {"yellow": str(self.yellow), "red": str(self.red)}


# ---------------------------------------------------------------- 双监控: goals as well as money

INDICATOR_STATUSES = ("met", "at_risk", "not_met")
AT_RISK_MARGIN = Decimal("0.10")        # within 10 % of the target (relatively) is "at risk"
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def as_number(text) -> Decimal | None:
    """A target or actual value as a number, if it is one ("100.00", "95%", "1,000")."""
    if not isinstance(text, (str, int, Decimal)):     # None, or NaN from a DataFrame
        return None
    cleaned = str(text).strip().replace(",", "").rstrip("%").strip()
    return Decimal(cleaned) if _NUMBER.fullmatch(cleaned) else None


def indicator_status(symbol: str | None, target, actual, judged: str | None = None) -> str | None:
    """met / at_risk / not_met for one indicator value; None when it cannot be judged yet.

    Numeric targets with =, >=, >, <=, < are compared exactly: satisfied is met; missing the
    target by at most 10 % of it is at risk; otherwise not met. Text targets (文字描述) and
    non-numeric values take the person's judgement.
    """
    op = (symbol.strip() if isinstance(symbol, str) else "").replace("≥", ">=").replace("≤", "<=").replace("＝", "=")
    goal, value = as_number(target), as_number(actual)
    if op not in ("=", ">=", ">", "<=", "<") or goal is None or value is None:
        return judged if judged in INDICATOR_STATUSES else None
    satisfied = {"=": value == goal, ">=": value >= goal, ">": value > goal,
                 "<=": value <= goal, "<": value < goal}[op]
    if satisfied:
        return "met"
    return "at_risk" if abs(value - goal) <= abs(goal) * AT_RISK_MARGIN else "not_met"


# 财政资金预算完成率 graded on the document's own scale (部门职责-工作活动绩效目标 table).
GRADES = ((Decimal(95), "优"), (Decimal(90), "良"), (Decimal(80), "中"))


def execution_grade(actual_pct) -> str | None:
    """≥95 % 优, ≥90 % 良, ≥80 % 中, below 80 % 差; None without a rate."""
    if actual_pct is None:
        return None
    rate = Decimal(str(actual_pct))
    for floor, grade in GRADES:
        if rate >= floor:
            return grade
    return "差"


def budget_control(additions_yuan, initial_yuan) -> tuple[Decimal | None, int | None]:
    """预算控制率 = 本年追加预算 / 年初预算 × 100, and its score from the document:
    0 → 10; (0, 10 %] → 8; (10 %, 20 %] → 5; (20 %, 30 %] → 3; above 30 % → 0.
    Compared exactly; the rate is returned rounded to 2 decimals. None when the initial budget is 0."""
    additions, initial = Decimal(additions_yuan), Decimal(initial_yuan)
    if initial == 0:
        return None, None
    hundredfold = additions * 100        # rate ≤ x %  <=>  additions × 100 ≤ x × initial
    if additions == 0:
        score = 10
    elif hundredfold <= 10 * initial:
        score = 8
    elif hundredfold <= 20 * initial:
        score = 5
    elif hundredfold <= 30 * initial:
        score = 3
    else:
        score = 0
    return (hundredfold / initial).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"), score


def forecasts(actual_yuan, plan_pct_now, plan_pct_year_end, month: int) -> dict[str, Decimal | None]:
    """全年预计执行数 two ways: spending keeps the plan's shape (actual × year-end plan / plan now;
    None while the plan is still 0), or keeps its run rate so far (actual × 12 / month)."""
    actual = Decimal(actual_yuan)
    now, end = Decimal(plan_pct_now), Decimal(plan_pct_year_end)
    cents = Decimal("0.01")
    return {
        "plan_shape": (actual * end / now).quantize(cents, rounding="ROUND_HALF_UP") if now > 0 else None,
        "run_rate": (actual * 12 / month).quantize(cents, rounding="ROUND_HALF_UP"),
    }


EVEN_MONTH_LIMIT = Decimal(25)     # a month with more than 25 % of the year's spending is flagged
BACK_LOADED_BY = 9                 # a plan is back-loaded when less than half is due by the end of September

# Choices of the 绩效运行监控表.
DEVIATION_CAUSES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")
LIKELIHOODS = ("确定能", "有可能", "完全不可能")
