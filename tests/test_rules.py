"""Pure rules around the pace: thresholds, 双监控 statuses, grades, budget control, forecasts."""

from decimal import Decimal as D

import pytest

from spending.rules import Thresholds, budget_control, execution_grade, forecasts, indicator_status


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


@pytest.mark.parametrize("yellow,red", [(-1, 20), (30, 20), ("1.0000001", 5)])
def test_bad_thresholds(yellow, red):
    with pytest.raises(ValueError):
        Thresholds(D(str(yellow)), D(str(red)))
