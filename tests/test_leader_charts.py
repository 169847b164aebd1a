"""Issue 37: the charts a leader reads — a legend never covers an axis's labels (drawn by plotly.js in
Chromium and measured), and one large overspend does not squash the other bars (axis_end)."""

from __future__ import annotations

import pandas as pd
import pytest

from spending import charts


@pytest.mark.parametrize("deviations, floor, end", [
    ([], 20, 0.0),
    ([5], 20, 5.0),                     # one bar: as it is (under three times the floor)
    ([100], 20, 60.0),                  # alone and far past the floor: 3 × 20
    ([30, 25, 3], 20, 30.0),            # nothing stands out
    ([44232.9, 25, 12], 20, 75.0),      # one large overspend: 3 × the next (25)
    ([90, 30], 20, 90.0),               # exactly three times: kept
    ([91, 30], 20, 90.0),
    ([-100, 250], 20, 250.0),           # the other side counts: 250 < 3 × 100
])
def test_axis_end(deviations, floor, end):
    assert charts.axis_end(deviations, floor) == end


SECTIONS = pd.DataFrame({"section": ["甲科", "乙科", "丙科", "丁科", "戊科"],
                         "deviation_pp": [44232.9, -25.0, -12.0, 3.0, -2.0],
                         "status": ["overspent", "severe", "lagging", "on_track", "on_track"],
                         "gap_wan": [-1.0, 2.0, 3.0, -4.0, 0.5], "lagging": [0, 0, 1, 0, 0],
                         "severe": [0, 1, 0, 0, 0], "overspent": [1, 0, 0, 0, 0]})


def test_one_large_overspend_leaves_the_other_bars_their_length():
    fig = charts.deviation_bars(SECTIONS, "section", "各科室计划偏差", "zh", (10.0, 20.0))
    low, high = fig.layout.xaxis.range
    assert high < 100 and low < -20                           # the axis is the others' scale
    over = next(t for t in fig.data if t.name == "超支")
    assert list(over.x) == [75.0] and list(over.text) == ["+44232.90"]    # drawn to the end, its own figure
    assert over.customdata[0][1] == 44232.9 and "customdata[1]" in over.hovertemplate


SHARES = pd.DataFrame({"month": range(1, 12), "share_pct": [5, 8, 9, 9, 10, 10, 9, 9, 9, 10, 12],
                       "plan_share_pct": [8] * 11, "uneven": [False] * 10 + [True]})
PROJECTS = SECTIONS.rename(columns={"section": "project_name"}).drop(columns=["lagging", "severe", "overspent"])

MEASURE = """() => {
  const boxes = s => Array.from(document.querySelectorAll(s)).map(e => e.getBoundingClientRect())
                          .filter(r => r.width > 0).map(r => [r.left, r.top, r.right, r.bottom]);
  return {legend: boxes('.legend .traces'), labels: boxes('.xtick text').concat(boxes('.ytick text')),
          title: boxes('.gtitle')};
}"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.browser
@pytest.mark.parametrize("name", ["section_bars", "project_bars", "shares"])
@pytest.mark.parametrize("width", [360, 520, 900])
def test_a_legend_never_covers_the_axis_labels(name, width):
    from browser import chromium

    fig = {"section_bars": lambda: charts.deviation_bars(SECTIONS, "section", "各科室计划偏差（百分点）", "zh", height=380),
           "project_bars": lambda: charts.deviation_bars(PROJECTS, "project_name", "各项目计划偏差", "zh", (10.0, 20.0)),
           "shares": lambda: charts.monthly_shares(SHARES, 20.0, "各月支出占比", "zh")}[name]()
    with chromium(width + 40, 700) as page:
        page.set_content(fig.to_html(include_plotlyjs=True, full_html=True, default_width=width))
        page.wait_for_selector(".legend .traces", state="attached")
        drawn = page.evaluate(MEASURE)
    assert drawn["legend"] and drawn["labels"] and drawn["title"]
    for item in drawn["legend"]:
        assert not [label for label in drawn["labels"] + drawn["title"] if _overlap(item, label)], (item, drawn)
