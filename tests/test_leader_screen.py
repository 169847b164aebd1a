"""Issue 37: the leader's first screen — flagged_projects names each project lagging, severely lagging or
overspent with its 科室 and amount (万元), the largest first; 总览 says them beside the totals, up to five,
then 另有 N 个."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import Ledger, plan_row
from spending import db
from spending.rules import Thresholds

PACE = Thresholds().params()

# code, budget (万元), paid in May (元), section; the plan is 50 % by June
PROJECTS = [
    ("A1", 100, 100_000, "甲科"),    # 10 %: 40 points behind, 40 万元: severe
    ("A2", 50, 150_000, "乙科"),     # 30 %: 20 points (not more than 20), 10 万元: lagging
    ("A3", 80, 80_000, "丙科"),      # 10 %: 32 万元: severe
    ("A4", 20, 1_000, "甲科"),       # 0.5 %: 9.9 万元: severe
    ("A5", 10, 45_000, "乙科"),      # 45 %: 5 points, 0.5 万元 behind — within tolerance: on track
    ("A6", 30, 360_000, "丙科"),     # 120 %: 6 万元 past the budget: overspent
    ("A7", 40, 600_000, "甲科"),     # 150 %: 20 万元 past the budget: overspent
]


@pytest.fixture(scope="module")
def leader(tmp_path_factory):
    ledger = Ledger(tmp_path_factory.mktemp("leader"))
    ledger.plan(*[plan_row(code, budget, {3: 20, 6: 50, 12: 100}, section=section)
                  for code, budget, _, section in PROJECTS])
    for code, _, paid, _ in PROJECTS:
        ledger.pay(code, ("2021-05-20", str(paid)))
    yield ledger
    ledger.con.close()


def flagged(con, **params):
    return db.rows(con, "flagged_projects", year=2021, month=6, **{"scope": None, "limit": None, **params}, **PACE)


def test_flagged_projects_are_the_lagging_and_overspent_by_amount(leader):
    listed = flagged(leader.con)
    status = {r["project_code"]: r["status"] for r in db.rows(leader.con, "project_status", year=2021, month=6,
                                                              sections=None, statuses=None, min_gap=None,
                                                              limit=None, unit=None, sources=None, direct=False,
                                                              **PACE)}   # issue 34's filters: every unit and source
    wanted = {code for code, s in status.items() if s in ("lagging", "severe", "overspent")}
    assert {r["project_code"] for r in listed} == wanted == {"A1", "A2", "A3", "A4", "A6", "A7"}   # A5: tolerated
    amounts = {r["project_code"]: r["amount_wan"] for r in listed}
    assert amounts["A1"] == Decimal("40.00") and amounts["A3"] == Decimal("32.00")   # behind plan, 万元
    assert amounts["A6"] == Decimal("6.00") and amounts["A7"] == Decimal("20.00")    # past the budget, 万元
    assert [r["amount_wan"] for r in listed] == sorted(amounts.values(), reverse=True)
    assert [r["project_code"] for r in flagged(leader.con, limit=2)] == ["A1", "A3"]
    assert {r["section"] for r in flagged(leader.con, scope=["乙科"])} == {"乙科"}


class _Ctx:
    lang = "zh"

    def t(self, key, **kw):
        from spending import i18n
        return i18n.t(key, self.lang, **kw)


def test_the_lines_name_section_amount_and_the_rest(leader):
    import pandas as pd

    from spending import ui

    frame = pd.DataFrame(flagged(leader.con, limit=ui.FLAGGED))
    text = ui.flagged_lines(_Ctx(), frame, total=8)
    lines = text.split("  \n")
    assert lines[0] == "落后计划最多："
    assert lines[1] == "· 项目A1（甲科）严重滞后，落后计划 40.00 万元"
    assert "超支：" in lines and "· 项目A7（甲科）超出预算 20.00 万元" in lines
    assert lines[-1] == "另有 3 个滞后或超支项目，见「进度监控」。"
    assert "另有" not in ui.flagged_lines(_Ctx(), frame, total=len(frame))
    assert ui.flagged_lines(_Ctx(), frame.iloc[0:0], total=0) == "本月没有滞后、严重滞后或超支的项目。"
