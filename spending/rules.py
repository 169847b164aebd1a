"""The rules' home (issue 38.2): every pacing, judgement and check rule is named here, with where its code is.
A new rule goes where its kind of rule lives (a SQL macro when queries compute it over rows, a pure function of
this module or of notice_rules.py otherwise), gets a table-driven test, and a line below; tests/test_rules_home.py
fails for a macro of queries/macros.sql or queries/import/check_macros.sql, or a public function of this module or
of notice_rules.py, that is not named here.

Pacing (SPEC §1), exact, in SQL: queries/macros.sql
    round2           n / d rounded half away from zero to 2 decimals (every figure is rounded once, here)
    to_wan           元 to 万元
    floor_div        integer division rounding down (the interpolation's steps)
    deviation_micro  the deviation from plan in millionths of a point, for the status
    pace_status      the status: overspent, no_plan, severe, lagging, on_track (STATUSES; Thresholds below)
    same_unit        two 预算单位 (code or name) are the same (a payment's unit against its project's)
    pace_inputs      per project and month: budget, actual and the plan interpolated between its checkpoints
                     (a percentage plan, or a 用款计划 in amounts); what refresh_pace_fill stores in pace_cache
    cached_pace      pace_cache of a year, each project-month with has_plan (it has a checkpoint)
    project_pace     one row per project and month from pace_cache: rates, gap, next checkpoint, status
    section_pace     project_pace summed per 科室 or for the bureau over every month (the curves, 科室汇总,
                     全局合计), with the money behind and ahead of plan; the rates recomputed from the sums
    default_source   a project's default 资金来源 (本级安排资金)
    budget_lines     the 年初预算数 and each adjustment as budget lines by 资金来源
    payment_sources  the payments by 资金来源
    source_money_inputs, source_money, money_pace   project_pace counting only the chosen sources' money
    whole_pace       one month's project pace with its 预算单位, of the chosen sections and unit, all money
    chosen_pace      whole_pace, or counting only the chosen sources' money (money_pace)
    pace_rollup      chosen_pace summed per 预算单位 or 科室 for one month, ranked by 执行率. Not section_pace
                     with fewer columns (issue 38): section_pace spans every month and names the money behind and
                     ahead, pace_rollup one month with unit, sources and rank; they share round2, deviation_micro
                     and pace_status, and tests/test_rules_home.py checks that per 科室 and month they agree
    rollup_figures   a group's figures (万元, rates, plan, gap) from its sums: pace_rollup's and unit_inputs'
    unit_inputs      pace_rollup per 预算单位 (every section, all the money) for every month, without thresholds: what
                     refresh_units_fill stores in unit_cache (task B, issue 34: `units` at 10 M payment lines)
    unit_pace        unit_cache for one month at the thresholds (lagging and severe counted from each unit's projects
                     behind plan): what `units` reads for every section and all the money; tests/test_units_sources.py
                     checks it gives pace_rollup's rows
    whole_projects, chosen_projects   whole_pace / chosen_pace filtered as the pages filter (status, gap)
The running-budget rule (an adjusted budget never below 0): queries/import/negative_budgets.sql.

Cell checks of an import (SPEC §2), in SQL: queries/import/check_macros.sql, used by each kind's stage_<kind>.sql
(the kinds: spending/ingest/kinds.py)
    is_plain_char, cell                       a cell's text without blanks or invisible characters
    code, key_case, has_case, needs_nfkc      keys and codes compared as stored (case, NFKC: characters.py)
    line_break_inside                         two values in one key cell
    text_problem                              a text cell the check refuses
    split_amount                              an amount cut by an unquoted thousands separator
    code_name_parts, code_part, name_part     a 「代码 - 名称」 cell
    spaced_parts, code_of, name_of            a 「代码 - 名称」 or 「代码 名称」 cell (a blank splits only after a code)
    clean_number, to_number, number_problem   amounts: places, limits
    pct_text, pct_problem                     checkpoint percentages
    date_text, to_date, is_plain_date, date_problem, year_problem   dates and years
    total_label, is_total_row                 合计/小计/总计 lines left out

Judgements, pure Python, here (spending/rules.py)
    Thresholds          the yellow and red thresholds (points behind plan) pace_status takes
    as_number, indicator_status   双监控: an indicator value met, at_risk or not_met
    execution_grade     the year's 执行率 graded 优/良/中/差 (or 超支)
    uneven_months       months paid far off plan (the 均衡性 check)
    budget_control      追加 against the 年初预算数 (预算控制)
    forecasts, forecasts_wan, over_budget_wan, method_used   the year-end forecasts of the 监控表
    check_text, cell_text   text limits of what people enter and what files hold
    checkpoint_note     what the next checkpoint asks for
Inquiries (预警与问询), pure Python: spending/notice_rules.py (today always passed in)
    level, reply_by, add_working_days, state, escalated, summary, ask, catch_up_months, Answer, check_answer,
    latest_verdict, red_answers, decidable, forecast_default
Working days: spending/workdays.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spending import SpendingError, i18n

# Status codes in the order the rules test them (SPEC §1; no_plan, 未编制计划, SPEC §5: a project without a
# checkpoint, right after overspent), and their one set of colours.
STATUSES = ("overspent", "no_plan", "severe", "lagging", "on_track")
# Behind plan or overspent, worst first: the projects the bulletin, the lists and the section packets name.
# A project without a plan is not among them (it cannot be behind a plan it does not have): NO_PLAN lists it apart.
NOT_ON_TRACK = tuple(s for s in STATUSES if s not in ("on_track", "no_plan"))
NO_PLAN = "no_plan"
# Behind the plan in money (滞后, 严重滞后; overspent is ahead of it): a warning turns red after three such months.
BEHIND_PLAN = ("lagging", "severe")
STATUS_COLORS = {
    "on_track": "#2e9d5b",   # 正常 green
    "lagging": "#f0a202",    # 滞后 amber
    "severe": "#d64541",     # 严重滞后 red
    "overspent": "#7b4fb3",  # 超支 purple
    "no_plan": "#8c8c8c",    # 未编制计划 grey
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
OVERSPENT_GRADE = "超支"
GRADE_MARKS = ("优", "良", "中", "差", OVERSPENT_GRADE)


def execution_grade(actual_pct, plan_pct=None, month: int = 12, overspent: bool = False) -> str | None:
    """执行率评级 (the rule is named on the 总览 page and in the bulletin: i18n "grade_rule").

    - Spent more than the budget: 超支, whatever the month (never 优).
    - December (month 12): the document's scale on the 执行率 itself: ≥95 % 优, ≥90 % 良, ≥80 % 中, else 差.
    - January to November: the same scale on the 计划完成度 = 执行率 ÷ 计划进度 × 100 (how much of what
      the plan asked for by now was spent), compared exactly without dividing. Nothing is due yet
      (计划进度 0) or no rate: no grade (None).
    """
    if overspent:
        return OVERSPENT_GRADE
    if actual_pct is None or actual_pct != actual_pct:      # None or NaN
        return None
    rate = Decimal(str(actual_pct))
    if month == 12:
        base = Decimal(100)
    else:
        if plan_pct is None or plan_pct != plan_pct or Decimal(str(plan_pct)) <= 0:
            return None
        base = Decimal(str(plan_pct))
    for floor, grade in GRADES:
        if rate * 100 >= floor * base:            # rate / base × 100 ≥ floor
            return grade
    return "差"


# 支出均衡性: a month is uneven when its share of the year's spending so far is above the
# document's 25 % AND above the plan's own share for that month by more than EVEN_MARGIN points.
# The plan's share is that month's planned amount (the increase of 计划应支出) over the plan to date;
# when the plan asks for nothing yet, time is the shape (each month 1/M). So in January (100 %
# of the spending and 100 % of the plan) nothing is flagged, and a December rush beyond what the
# plan itself schedules is.
EVEN_MONTH_LIMIT = Decimal(25)
EVEN_MARGIN = Decimal(10)


def uneven_months(paid, planned) -> list[bool]:
    """paid and planned: the amounts of months 1..M (planned: the month's increase of the plan).
    Exact: shares are compared by cross-multiplying, never divided."""
    paid = [Decimal(str(v)) for v in paid]
    planned = [Decimal(str(v)) for v in planned]
    total_paid, total_plan = sum(paid, Decimal(0)), sum(planned, Decimal(0))
    months = len(paid)
    if total_paid <= 0:
        return [False] * months
    if total_plan <= 0:
        planned, total_plan = [Decimal(1)] * months, Decimal(months)
    flags = []
    for amount, plan in zip(paid, planned):
        above_limit = amount * 100 > EVEN_MONTH_LIMIT * total_paid
        # amount / total_paid × 100 > plan / total_plan × 100 + margin
        above_plan = amount * 100 * total_plan > (plan * 100 + EVEN_MARGIN * total_plan) * total_paid
        flags.append(above_limit and above_plan)
    return flags


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



def over_budget_wan(actual_wan, budget_wan) -> Decimal:
    """How far spending is past the budget, in 万元, exactly (negative: what is left unspent)."""
    return Decimal(str(actual_wan)) - Decimal(str(budget_wan))


def forecasts_wan(actual_wan, plan_pct_now, plan_pct_year_end, month: int) -> dict[str, Decimal | None]:
    """forecasts() from and in 万元 (as the pages and the inquiries show them), to the cent of a 万元
    (四舍五入); a float figure is taken as it prints (Decimal(str(x)))."""
    figures = forecasts(Decimal(str(actual_wan)) * 10000, Decimal(str(plan_pct_now)), Decimal(str(plan_pct_year_end)),
                        int(month))
    return {method: None if yuan is None else (yuan / 10000).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
            for method, yuan in figures.items()}


def method_used(method: str, figure, entered) -> str:
    """The 全年预计执行数's method as saved: the method chosen while its figure (万元) is what was entered
    (to the fen); "manual" when the person typed a figure of their own, or the method had none to give."""
    if method == "manual" or entered is None:
        return method
    if figure is None or abs(Decimal(str(figure)) - Decimal(str(entered))) >= Decimal("0.005"):
        return "manual"
    return method


BACK_LOADED_BY = 9                 # a plan is back-loaded when less than half is due by the end of September

# Choices of the 绩效运行监控表.
DEVIATION_CAUSES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")
LIKELIHOODS = ("确定能", "有可能", "完全不可能")


# ---------------------------------------------------------------- bounded free text (issue 19)

# The longest free text a person may enter (偏差原因说明, 纠偏措施, an indicator's actual value, an
# answer to an inquiry): 2,000 characters is about one A4 page of Chinese, several times what the
# 绩效运行监控表 leaves for each of these boxes, yet it keeps a page of twelve answers under ~100 KB
# (twelve 10 MB answers took the 项目 page to 4.1 GB). The widgets' max_chars and the saving
# functions use the same number.
MAX_TEXT_CHARS = 2000
# The longest text written into one cell of a file (the bulletin's Excel and PDF): a longer one is
# cut, and says so, rather than making a table row pages high (the full text stays in the system).
CELL_TEXT_CHARS = 500
CUT_MARK = i18n.t("cut_mark")   # in every file, whatever its language


def check_text(value: str | None, field, field_en: str | None = None, limit: int = MAX_TEXT_CHARS) -> None:
    """Refuses a free text longer than `limit` characters, naming the field (a SpendingError for the
    CLI and the pages alike): its two names, or one i18n.Message (or (中文, English) pair) naming it."""
    if isinstance(value, str) and len(value) > limit:
        raise SpendingError("text_too_long", field=field if field_en is None else (field, field_en),
                            limit=limit, length=len(value))


def cell_text(value, limit: int = CELL_TEXT_CHARS):
    """A text for a file's cell: as it is when it fits in `limit` characters, else its first part
    ending in "…（全文见系统）" (the whole being `limit` long). Anything not a string is returned as is."""
    if not isinstance(value, str) or len(value) <= limit:
        return value
    return value[:max(limit - len(CUT_MARK), 0)] + CUT_MARK


# ---------------------------------------------------------------- what a project's page says next (issue 21)

def checkpoint_note(status: str | None, budget_wan, actual_wan, next_month, need_wan) -> tuple[str, Decimal | None]:
    """What the 项目 page says under the KPIs, and the amount it names (万元):
    - ("overspent", over): spent more than the budget — never congratulated; over = actual − budget,
      and the page says what to do (追加预算, or explain the overspending);
    - ("no_plan", None): no checkpoint at all (SPEC §5), so nothing to reach: a plan is to be made;
    - ("final", None): past the last checkpoint;
    - ("needs", need): the next checkpoint still needs `need` more;
    - ("met", None): the next checkpoint's share is already paid.
    Amounts compared exactly (Decimal of their text)."""
    budget, actual = Decimal(str(budget_wan)), Decimal(str(actual_wan))
    if status == "overspent" or actual > budget:
        return "overspent", (actual - budget).quantize(Decimal("0.01"))
    if status == NO_PLAN:
        return NO_PLAN, None
    if next_month is None:                                      # no checkpoint left
        return "final", None
    need = Decimal(str(need_wan))
    if need > 0:
        return "needs", need
    return "met", None
