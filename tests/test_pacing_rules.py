"""SPEC §1 pacing rules, table-driven, computed by the real SQL on a real database.

Each case: a plan, payments and adjustments, an as-of month, and the figures SPEC §1 says
they must give. A Fraction oracle at the end cross-checks many random cases.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from conftest import plan_row, write_csv
from spending import ingest, pace
from spending.rules import Thresholds

D = Decimal
END_OF_PLAN = {3: 0, 6: 0, 10: 70, 12: 100}   # 代理记账中心运转费

# id, budget_wan, checkpoints, payments [(date, yuan)], adjustments [(date, 万元)], (year, month),
# expected {column: value}
CASES = [
    ("worked example, 5 万 by Aug: exactly -10 is on track", 20, END_OF_PLAN,
     [("2021-08-31", "50000.00")], [], (2021, 8),
     dict(plan_pct=D("35.00"), actual_pct=D("25.00"), deviation_pp=D("-10.00"), status="on_track")),
    ("worked example, 4.9 万: -10.5 is lagging", 20, END_OF_PLAN,
     [("2021-08-31", "49000.00")], [], (2021, 8),
     dict(plan_pct=D("35.00"), actual_pct=D("24.50"), deviation_pp=D("-10.50"), status="lagging")),
    ("worked example at November: plan 85", 20, END_OF_PLAN, [], [], (2021, 11),
     dict(plan_pct=D("85.00"), actual_pct=D("0.00"), status="severe", gap_wan=D("17.00"))),
    ("payment on 1 Sep is after an August cut-off", 20, END_OF_PLAN,
     [("2021-08-31", "50000.00"), ("2021-09-01", "90000.00")], [], (2021, 8),
     dict(actual_wan=D("5.00"), status="on_track")),
    ("SPEC: 16,950 of 3 万 against 66.5% is exactly -10 (float says -10.000000000000007)", 3, {6: "66.5"},
     [("2021-06-30", "16950.00")], [], (2021, 6),
     dict(actual_pct=D("56.50"), deviation_pp=D("-10.00"), status="on_track")),
    ("SPEC: 399,960 of 100 万 against 50% is -10.004: lagging, shown -10.00", 100, {6: 50},
     [("2021-06-01", "399960.00")], [], (2021, 6),
     dict(deviation_pp=D("-10.00"), status="lagging", gap_wan=D("10.00"))),
    ("exactly -20 is lagging, not severe", 10, {6: 50}, [("2021-03-01", "30000.00")], [], (2021, 6),
     dict(deviation_pp=D("-20.00"), status="lagging")),
    ("a fen below -20 is severe", 10, {6: 50}, [("2021-03-01", "29999.99")], [], (2021, 6),
     dict(deviation_pp=D("-20.00"), status="severe")),
    ("a third of a point: exactly -10 against an interpolated 100/3", 3, {3: 100},
     [("2021-01-15", "7000.00")], [], (2021, 1),
     dict(plan_pct=D("33.33"), actual_pct=D("23.33"), deviation_pp=D("-10.00"), status="on_track")),
    ("a fen less than that is lagging", 3, {3: 100}, [("2021-01-15", "6999.99")], [], (2021, 1),
     dict(deviation_pp=D("-10.00"), status="lagging")),
    ("budget 0 and nothing paid: rates empty, on track", 0, {12: 100}, [], [], (2021, 11),
     dict(budget_wan=D("0.00"), actual_pct=None, deviation_pp=None, time_deviation_pp=None,
          plan_pct=D("91.67"), status="on_track")),
    ("budget 0 and something paid: overspent", 0, {12: 100}, [("2021-02-01", "1.00")], [], (2021, 11),
     dict(actual_pct=None, status="overspent")),
    ("reversals reduce the actual", 10, {12: 100},
     [("2021-02-01", "60000.00"), ("2021-03-01", "-20000.00"), ("2021-03-02", "1,000.50")], [], (2021, 6),
     dict(actual_wan=D("4.10"), actual_pct=D("41.00"), plan_pct=D("50.00"), status="on_track")),
    ("a reversal after the cut-off does not count yet", 10, {12: 100},
     [("2021-02-01", "60000.00"), ("2021-07-01", "-20000.00")], [], (2021, 6),
     dict(actual_wan=D("6.00"))),
    ("paying all of it exactly is not overspent", 10, {12: 100}, [("2021-02-01", "100000.00")], [], (2021, 6),
     dict(actual_pct=D("100.00"), status="on_track")),
    ("a fen over the budget is overspent, before any lag rule", 10, {12: 100},
     [("2021-02-01", "100000.01")], [], (2021, 6), dict(status="overspent")),
    ("adjustment on the cut-off day counts, the next day's does not", 10, {12: 100},
     [("2021-06-15", "50000.00")], [("2021-06-30", "10"), ("2021-07-01", "5")], (2021, 6),
     dict(budget_wan=D("20.00"), actual_pct=D("25.00"), plan_pct=D("50.00"), deviation_pp=D("-25.00"),
          status="severe")),
    ("追减 lowers the denominator", 20, {12: 100}, [("2021-06-15", "50000.00")], [("2021-03-01", "-10")], (2021, 6),
     dict(budget_wan=D("10.00"), actual_pct=D("50.00"), status="on_track")),
    ("checkpoints ending below 100 stay at the last one", 10, {6: 40, 9: 60}, [], [], (2021, 12),
     dict(plan_pct=D("60.00"))),
    ("before the first checkpoint: from (0, 0)", 10, {6: 40, 9: 60}, [], [], (2021, 3),
     dict(plan_pct=D("20.00"))),
    ("between checkpoints", 10, {6: 40, 9: 60}, [], [], (2021, 8), dict(plan_pct=D("53.33"))),
    ("single checkpoint in December", 10, {12: 100}, [], [], (2021, 3), dict(plan_pct=D("25.00"))),
    ("single checkpoint in May, after it", 10, {5: 50}, [], [], (2021, 7), dict(plan_pct=D("50.00"))),
    ("single checkpoint in May, before it", 10, {5: 50}, [], [], (2021, 2), dict(plan_pct=D("20.00"))),
    ("checkpoints in any months", 10, {2: 10, 7: 35}, [], [], (2021, 4), dict(plan_pct=D("20.00"))),
    ("a checkpoint of 0 holds the plan at 0", 10, {3: 0, 6: 0, 10: 0, 12: 100}, [], [], (2021, 10),
     dict(plan_pct=D("0.00"), status="on_track")),
    ("two-decimal checkpoints", 10, {1: "12.34", 12: "99.99"}, [], [], (2021, 1), dict(plan_pct=D("12.34"))),
    ("leap year: 29 Feb 2024 is inside February", 10, {12: 100},
     [("2024-02-29", "10000.00"), ("2024-03-01", "50000.00")], [("2024-02-29", "10")], (2024, 2),
     dict(actual_wan=D("1.00"), budget_wan=D("20.00"), actual_pct=D("5.00"), plan_pct=D("16.67"),
          time_pct=D("16.67"), deviation_pp=D("-11.67"), status="lagging")),
    ("序时进度 and its deviation", 12, {12: 100}, [("2021-05-05", "30000.00")], [], (2021, 11),
     dict(time_pct=D("91.67"), time_deviation_pp=D("-66.67"), actual_pct=D("25.00"))),
    ("rounding is half away from zero", 8, {12: 100}, [("2021-01-05", "12.00")], [], (2021, 12),
     dict(actual_pct=D("0.02"), actual_wan=D("0.00"))),   # 0.015% -> 0.02
    # SPEC §5: a project without a checkpoint is no_plan (未编制计划), right after overspent; no plan figures
    ("no checkpoint, nothing paid: no plan, never on track", 10, {}, [], [], (2021, 6),
     dict(status="no_plan", plan_pct=None, deviation_pp=None, gap_wan=None, plan_wan=None,
          actual_pct=D("0.00"), time_pct=D("50.00"), time_deviation_pp=D("-50.00"))),
    ("no checkpoint, paid as time elapsed: still no plan", 10, {}, [("2021-03-01", "50000.00")], [], (2021, 6),
     dict(status="no_plan", actual_pct=D("50.00"), plan_pct=None, deviation_pp=None, gap_wan=None)),
    ("no checkpoint, in December too", 10, {}, [("2021-03-01", "100000.00")], [], (2021, 12),
     dict(status="no_plan", plan_pct=None)),
    ("no checkpoint and a budget of 0: no plan", 0, {}, [], [], (2021, 6),
     dict(status="no_plan", actual_pct=None, plan_pct=None)),
    ("no checkpoint but paid over the budget: overspent comes first", 10, {}, [("2021-03-01", "100000.01")], [],
     (2021, 6), dict(status="overspent", plan_pct=None, deviation_pp=None)),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_project_pace(ledger, case):
    _, budget, checkpoints, payments, adjustments, (year, month), expected = case
    ledger.plan(plan_row("P-1", budget, checkpoints, year=year))
    if adjustments:
        ledger.adjust("P-1", *adjustments)
    if payments:
        ledger.pay("P-1", *payments)
    [row] = pace.project_status(ledger.con, year, month)
    for column, value in expected.items():
        assert row[column] == value, (column, row)


THRESHOLD_CASES = [
    # deviation, yellow, red, status
    ("-4.99", "5", "15", "on_track"),
    ("-5.00", "5", "15", "on_track"),
    ("-5.01", "5", "15", "lagging"),
    ("-15.00", "5", "15", "lagging"),
    ("-15.01", "5", "15", "severe"),
    ("-0.01", "0", "0", "severe"),
    ("0.00", "0", "0", "on_track"),
    ("-7.50", "7.5", "7.5", "on_track"),
]


@pytest.mark.parametrize("deviation,yellow,red,status", THRESHOLD_CASES)
def test_thresholds(ledger, deviation, yellow, red, status):
    ledger.plan(plan_row("P-1", 100, {6: 50}))       # 1 point = 10,000 yuan
    paid = (D(50) + D(deviation)) * 10000
    if paid:
        ledger.pay("P-1", ("2021-06-01", str(paid)))
    [row] = pace.project_status(ledger.con, 2021, 6, Thresholds(D(yellow), D(red)))
    assert row["status"] == status


# Budget 3 万元, plan 50 % by June, 12,000.01 yuan paid: deviation = −9.99996666… points, a
# rational the status must compare exactly with thresholds of 6 decimals.
MICRO_CASES = [
    ("9.999967", "on_track"),    # −9.9999666… is not below −9.999967
    ("9.999966", "lagging"),     # but is below −9.999966
    ("9.99996", "lagging"),
    ("10", "on_track"),
]


@pytest.mark.parametrize("yellow,status", MICRO_CASES)
def test_thresholds_with_six_decimals_compare_the_exact_deviation(ledger, yellow, status):
    ledger.plan(plan_row("P-1", 3, {6: 50}))
    ledger.pay("P-1", ("2021-06-01", "12000.01"))
    [row] = pace.project_status(ledger.con, 2021, 6, Thresholds(D(yellow), D("20")))
    assert (row["deviation_pp"], row["status"]) == (D("-10.00"), status)


def test_rollups_sum_projects_and_recompute_rates(ledger):
    ledger.plan(plan_row("A", 10, {12: 100}, section="甲科"), plan_row("B", 30, {6: 60}, section="甲科"),
                plan_row("C", 0, {12: 100}, section="乙科"))
    ledger.pay("A", ("2021-03-01", "10000.00"))
    ledger.pay("B", ("2021-03-01", "60000.00"))
    sections = {r["section"]: r for r in pace.section_status(ledger.con, 2021, 6)}
    first = sections["甲科"]
    # budget 40 万; actual 7 万; plan 10×50% + 30×60% = 23 万 -> plan_pct 57.5, actual 17.5
    assert (first["projects"], first["budget_wan"], first["actual_wan"]) == (2, D("40.00"), D("7.00"))
    assert (first["plan_pct"], first["actual_pct"], first["deviation_pp"]) == (D("57.50"), D("17.50"), D("-40.00"))
    assert (first["severe"], first["on_track"], first["lagging"], first["overspent"]) == (2, 0, 0, 0)
    second = sections["乙科"]
    assert second["actual_pct"] is None and second["plan_pct"] is None and second["deviation_pp"] is None
    assert second["on_track"] == 1


def test_rollups_count_projects_without_a_plan_and_never_call_them_ahead(ledger):
    ledger.plan(plan_row("A", 10, {12: 100}, section="甲科"), plan_row("N", 30, {}, section="甲科"),
                plan_row("M", 5, {}, section="乙科"))
    ledger.pay("A", ("2021-03-01", "10000.00"))
    ledger.pay("N", ("2021-03-01", "60000.00"))
    sections = {r["section"]: r for r in pace.section_status(ledger.con, 2021, 6)}
    first = sections["甲科"]
    # the budgets and payments of both count; the plan is A's alone (10 万 × 50 % = 5 万 of 40 万)
    assert (first["projects"], first["budget_wan"], first["actual_wan"], first["plan_wan"]) == (
        2, D("40.00"), D("7.00"), D("5.00"))
    assert (first["plan_pct"], first["no_plan"], first["severe"], first["on_track"]) == (D("12.50"), 1, 1, 0)
    assert first["status"] == "on_track"
    # A is 4 万 behind; N's 6 万 paid without a plan is not "ahead of plan"
    assert ledger.con.execute("select behind_wan, ahead_wan, ahead_projects from section_pace(2021, 10, 20, true, null)"
                              " where as_of_month = 6 and section = '甲科'").fetchone() == (D("4.00"), D("0.00"), 0)
    second = sections["乙科"]   # no project of it has a plan: no plan figures, and its status says so
    assert (second["no_plan"], second["status"], second["plan_pct"], second["deviation_pp"]) == (1, "no_plan", None, None)
    assert second["gap_wan"] is None and second["plan_wan"] is None


# ---------------------------------------------------------------- Fraction oracle

def _round2(x: Fraction | None) -> Decimal | None:
    """Half away from zero, on the exact rational."""
    if x is None:
        return None
    hundredths = math.floor(abs(x) * 100 + Fraction(1, 2))
    return (Decimal(hundredths if x >= 0 else -hundredths) / 100).quantize(D("0.01"))


def oracle(budget_yuan: Fraction, checkpoints: dict[int, Fraction], paid: Fraction, month: int,
           yellow=Fraction(10), red=Fraction(20)) -> dict:
    if not checkpoints:     # SPEC §5: no plan, no plan figures; overspent still comes first
        status = "overspent" if paid > budget_yuan else "no_plan"
        return dict(plan_pct=None, actual_pct=_round2(paid / budget_yuan * 100 if budget_yuan else None),
                    deviation_pp=None, gap_wan=None, status=status)
    points = [(0, Fraction(0))] + sorted(checkpoints.items())
    plan = points[-1][1]
    for (m0, p0), (m1, p1) in zip(points, points[1:]):
        if m0 <= month < m1:
            plan = p0 + (p1 - p0) * (month - m0) / (m1 - m0)
            break
    actual_pct = paid / budget_yuan * 100 if budget_yuan else None
    deviation = actual_pct - plan if actual_pct is not None else None
    if paid > budget_yuan:
        status = "overspent"
    elif deviation is not None and deviation < -red:
        status = "severe"
    elif deviation is not None and deviation < -yellow:
        status = "lagging"
    else:
        status = "on_track"
    return dict(plan_pct=_round2(plan), actual_pct=_round2(actual_pct), deviation_pp=_round2(deviation),
                gap_wan=_round2((budget_yuan * plan / 100 - paid) / 10000), status=status)


def test_random_projects_match_a_fraction_oracle(ledger):
    rng = random.Random(20211130)
    projects = []
    rows = []
    for i in range(60):
        months = sorted(rng.sample(range(1, 13), rng.randint(0, 5)))   # 0: a project without a plan
        pcts = sorted(Decimal(rng.randint(0, 10000)) / 100 for _ in months)
        cps = dict(zip(months, pcts))
        budget = Decimal(rng.choice([0, rng.randint(1, 2_000_000)])) / 100   # 万元, up to 6 dp allowed; use 2
        rows.append(plan_row(f"R{i:03d}", budget, cps))
        projects.append((f"R{i:03d}", budget, cps))
    ledger.plan(*rows)
    payments = []
    for code, _, _ in projects:
        for _ in range(rng.randint(0, 4)):
            amount = Decimal(rng.randint(-50_000, 5_000_000)) / 100 or Decimal("1.00")
            day = date(2021, 1, 1) + timedelta(days=rng.randint(0, 364))
            payments.append((code, day.isoformat(), amount))
    f = write_csv(ledger.dir / "random-payments.csv", ["voucher_no", "project_code", "pay_date", "amount_yuan"],
                  [[f"R-{i}", c, d, a] for i, (c, d, a) in enumerate(payments)])
    ingest.import_file(ledger.con, "disbursements", f)
    for month in (1, 4, 6, 9, 11, 12):
        yellow = D(rng.randint(0, 30_000_000)) / 1_000_000      # thresholds with up to 6 decimals
        red = yellow + D(rng.randint(0, 30_000_000)) / 1_000_000
        got = {r["project_code"]: r for r in pace.project_status(ledger.con, 2021, month, Thresholds(yellow, red))}
        for code, budget, cps in projects:
            paid = sum((Fraction(a) for c, d, a in payments if c == code and int(d[5:7]) <= month), Fraction(0))
            want = oracle(Fraction(budget) * 10000, {m: Fraction(p) for m, p in cps.items()}, paid, month,
                          Fraction(yellow), Fraction(red))
            for column, value in want.items():
                assert got[code][column] == value, (code, month, column, got[code], want)


# round2 divides in BIGINT below 10^16 and in HUGEINT above: the same answer either side of the edge.
EDGE = 10 ** 16
ROUND2_CASES = [(n, d) for n in (0, 1, -1, 5, -5, 15, -15, 149, 150, -150, 151, 12345678, EDGE - 1, -(EDGE - 1),
                                 EDGE, -EDGE, EDGE + 7, 10 ** 22 + 5, -(10 ** 22 + 5))
                for d in (1, 3, 7, 200, 1000000, 2772000 * 9999, EDGE - 1, EDGE, 10 ** 20)]


def test_round2_matches_the_exact_rational(ledger):
    got = ledger.con.execute("select n, d, round2(n::hugeint, d::hugeint) from unnest($cases) as t(c),"
                             " lateral (select c[1] as n, c[2] as d)",
                             {"cases": [[n, d] for n, d in ROUND2_CASES]}).fetchall()
    assert len(got) == len(ROUND2_CASES)
    for n, d, value in got:
        assert value == _round2(Fraction(int(n), int(d))), (n, d)
    assert ledger.con.execute("select round2(5, 0)").fetchone()[0] is None
