"""Pure rules around the pace: thresholds, 双监控 statuses, grades, budget control, forecasts."""

from decimal import Decimal as D

import pytest

from spending import rules
from spending.rules import Thresholds, budget_control, execution_grade, forecasts, indicator_status, uneven_months


@pytest.mark.parametrize("symbol,target,actual,judged,want", [
    (">=", "90.00", "90", None, "met"),
    (">=", "90.00", "89.99", None, "at_risk"),
    (">=", "90.00", "81", None, "at_risk"),            # exactly 10 % short
    (">=", "90.00", "80.99", None, "not_met"),
    ("≥", "4.00", "4", None, "met"),
    ("=", "100.00", "100%", None, "met"),
    ("=", "100.00", "95", None, "at_risk"),
    ("=", "100.00", "111", None, "not_met"),
    ("<=", "10", "10.5", None, "at_risk"),
    ("<", "10", "10", None, "at_risk"),
    (">", "0", "0", None, "at_risk"),                  # 10 % of 0 is 0: equal is within
    ("=", "0.00", "1", None, "not_met"),
    ("文字描述", None, "按要求完成", "met", "met"),
    ("文字描述", None, "部分完成", None, None),          # not judged yet
    (">=", "90.00", "较好", "at_risk", "at_risk"),      # a text actual needs a judgement
    (None, "0.00", "3", None, None),                    # no symbol: cannot compare
    (">=", "15.00", "1,000", None, "met"),
    (float("nan"), float("nan"), "3", float("nan"), None),   # blanks as a DataFrame gives them
    ("", "0.00", None, "met", "met"),
])
def test_indicator_status(symbol, target, actual, judged, want):
    assert indicator_status(symbol, target, actual, judged) == want


@pytest.mark.parametrize("pct,grade", [
    (None, None), (100, "优"), (D("95.00"), "优"), (D("94.99"), "良"), (90, "良"), (D("89.99"), "中"),
    (80, "中"), (D("79.99"), "差"), (0, "差"), (D("104.5"), "优"),
])
def test_execution_grade(pct, grade):
    assert execution_grade(pct) == grade


@pytest.mark.parametrize("actual,plan,month,overspent,grade", [
    # December: the document's scale on the 执行率 itself
    (D("95.00"), D("100"), 12, False, "优"),
    (D("94.99"), D("100"), 12, False, "良"),
    (D("90"), D("100"), 12, False, "良"),
    (D("80"), D("100"), 12, False, "中"),
    (D("79.99"), D("100"), 12, False, "差"),
    (D("55.00"), D("100"), 12, False, "差"),
    (D("104.50"), D("100"), 12, True, "超支"),           # overspent is its own mark, never 优
    # during the year: 执行率 ÷ 计划进度 on the same scale
    (D("55.00"), D("50.00"), 11, False, "优"),           # 综合科 in November: 5 points ahead is not 差
    (D("104.50"), D("50.00"), 11, True, "超支"),         # 非税综合科 in November: not 优
    (D("80.00"), D("85.00"), 11, False, "良"),           # 94.1 % of the plan
    (D("42.05"), D("50.00"), 11, False, "中"),           # 84.1 %
    (D("22.00"), D("50.00"), 11, False, "差"),           # 44 %
    (D("47.50"), D("50.00"), 11, False, "优"),           # exactly 95 % of the plan
    (D("47.49"), D("50.00"), 11, False, "良"),
    (D("40.00"), D("50.00"), 6, False, "中"),            # exactly 80 %
    (D("39.99"), D("50.00"), 6, False, "差"),
    (D("0"), D("0"), 2, False, None),                    # nothing due yet: no grade
    (D("3"), D("0"), 2, False, None),
    (D("0"), D("0"), 2, True, "超支"),
    (None, D("50"), 11, False, None),                    # no rate (budget 0)
    (float("nan"), D("50"), 11, False, None),            # NaN as a DataFrame gives it
    (D("10"), None, 11, False, None),
])
def test_execution_grade_against_the_plan_to_date(actual, plan, month, overspent, grade):
    assert execution_grade(actual, plan, month, overspent) == grade


@pytest.mark.parametrize("paid,planned,flags", [
    ([D("100")], [D("5")], [False]),                                     # January: 100 % of spending and of plan
    ([D("100")], [D("0")], [False]),                                     # January, nothing planned yet: time's shape
    ([D("10"), D("10"), D("60")], [D("1"), D("1"), D("1")], [False, False, True]),   # 75 % against a plan of 33 %
    ([D("30"), D("30"), D("40")], [D("1"), D("1"), D("1")], [False, False, False]),  # 40 % is within 33 % + 10
    ([D("20"), D("20"), D("60")], [D("0"), D("0"), D("10")], [False, False, False]), # the plan itself puts it there
    ([D("10"), D("0"), D("90")], [D("0"), D("0"), D("0")], [False, False, True]),    # no plan: even months, 90 > 33 + 10
    ([D("0"), D("0")], [D("1"), D("1")], [False, False]),                # nothing paid
    ([D("25"), D("25"), D("25"), D("25")], [D("0"), D("0"), D("0"), D("4")], [False, False, False, False]),  # 25 % is not above 25 %
    ([D("26"), D("24"), D("25"), D("25")], [D("4"), D("4"), D("4"), D("4")], [False, False, False, False]),  # 26 % is within 25 % + 10
    ([D("36"), D("14"), D("25"), D("25")], [D("4"), D("4"), D("4"), D("4")], [True, False, False, False]),   # 36 > 25 + 10
    ([D("35"), D("15"), D("25"), D("25")], [D("4"), D("4"), D("4"), D("4")], [False, False, False, False]),  # exactly 10 points above
    ([D("-5"), D("105")], [D("1"), D("1")], [False, True]),              # a reversal month
])
def test_uneven_months_follow_the_plans_shape(paid, planned, flags):
    assert uneven_months(paid, planned) == flags


@pytest.mark.parametrize("additions,initial,rate,score", [
    (0, 1000, D("0.00"), 10),
    (D("0.01"), 1000, D("0.00"), 8),                    # above 0 however small
    (100, 1000, D("10.00"), 8),
    (D("100.01"), 1000, D("10.00"), 5),                 # 10.001 % is above 10 %
    (200, 1000, D("20.00"), 5),
    (D("200.01"), 1000, D("20.00"), 3),
    (300, 1000, D("30.00"), 3),
    (D("300.01"), 1000, D("30.00"), 0),
    (5000, 1000, D("500.00"), 0),
    (10, 0, None, None),
    (1, 3, D("33.33"), 0),
])
def test_budget_control(additions, initial, rate, score):
    assert budget_control(additions, initial) == (rate, score)


@pytest.mark.parametrize("actual,now,end,month,shape,run", [
    (50000, 35, 100, 8, D("142857.14"), D("75000.00")),
    (0, 50, 100, 11, D("0.00"), D("0.00")),
    (10000, 0, 100, 6, None, D("20000.00")),            # nothing planned yet: no plan-shape forecast
    (60000, 60, 60, 12, D("60000.00"), D("60000.00")),
])
def test_forecasts(actual, now, end, month, shape, run):
    assert forecasts(actual, now, end, month) == {"plan_shape": shape, "run_rate": run}


@pytest.mark.parametrize("actual_wan,now,end,month,shape,run", [
    (5, 35, 100, 8, D("14.29"), D("7.50")),             # 142,857.14 元 → 14.29 万元
    (1.225, 100, 100, 12, D("1.23"), D("1.23")),         # 12,250 元 → 1.225 万元 → 1.23 (四舍五入, not half-even)
    (0.1, 30, 100, 3, D("0.33"), D("0.40")),             # a float as it prints: 0.1, not 0.1000000000000000055
    (1, 0, 100, 6, None, D("2.00")),                     # nothing planned yet: no plan-shape forecast
])
def test_forecasts_in_wan(actual_wan, now, end, month, shape, run):
    assert rules.forecasts_wan(actual_wan, now, end, month) == {"plan_shape": shape, "run_rate": run}


@pytest.mark.parametrize("actual_wan,budget_wan,over", [
    (D("120.50"), D("100.00"), D("20.50")),
    (0.3, 0.1, D("0.2")),                                # floats as they print: exactly 0.2, not 0.19999999999999998
    (80, 100, D("-20")),                                 # negative: what is left unspent
])
def test_over_budget_in_wan(actual_wan, budget_wan, over):
    assert rules.over_budget_wan(actual_wan, budget_wan) == over


@pytest.mark.parametrize("yellow,red", [(-1, 20), (30, 20), ("1.0000001", 5)])
def test_bad_thresholds(yellow, red):
    with pytest.raises(ValueError):
        Thresholds(D(str(yellow)), D(str(red)))


@pytest.mark.parametrize("method,figure,entered,saved", [
    ("run_rate", D("12.34"), 12.34, "run_rate"),          # the method's figure, as pre-filled
    ("run_rate", D("12.34"), 12.344, "run_rate"),         # the same to the fen
    ("run_rate", D("12.34"), 12.35, "manual"),            # changed by the person
    ("plan_shape", None, 10.0, "manual"),                       # the plan is still 0: no figure to keep
    ("plan_shape", D("8.00"), None, "plan_shape"),        # nothing entered: the method stays
    ("manual", D("8.00"), 8.0, "manual"),
])
def test_method_used(method, figure, entered, saved):
    assert rules.method_used(method, figure, entered) == saved
