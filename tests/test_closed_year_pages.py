"""Issue 33, task B: the closed year on the treasury's pages (进度监控, 科室), as on the CLI and the 项目 page.

A 2021 payment of 预算年度 2021 paid on 2022-02-01 books to 2021 as a carry-over payment (跨年/结转期): no month end
of 2021 counts it; the year closed at a cut-off after 31 December that the user picks (closed=YYYY-MM in the
address, as `status --as-of YYYY-MM --year 2021`) counts it, shown as such (其中结转期支付). Roles hold; a hostile
address value is said and replaced by the month in view."""

from __future__ import annotations

import pytest

from conftest import cli_in_process, fresh_db, open_page, write_csv

T476 = "106-0501-YBN-476T"   # 代理记账中心运转费, 集中支付中心, 20 万元, checkpoints 3月 0%, 6月 0%, 10月 70%, 12月 100%
RQRQ, QS1Q = "106-0601-YBN-RQRQ", "106-0401-YBN-QS1Q"   # 业务委托费, 国库电子化和一体化建设 (30 万元)
ZONGHE, CENTRE = "zonghe@bureau.gov", "centre@bureau.gov"


@pytest.fixture(scope="module")
def closed_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("closed")
    path = fresh_db(folder / "closed.duckdb")
    pay = write_csv(folder / "pay.csv", ["支付凭证号", "项目编码", "付款日期", "金额", "预算年度"],
                    [["C-1", T476, "2021-12-20", "170000", "2021"], ["C-2", T476, "2022-02-01", "10000", "2021"]])
    out = cli_in_process("import-disbursements", str(pay), db_path=path)
    assert out.returncode == 0, out.stderr
    for args in ((ZONGHE, "--role", "section", "--section", "综合科"),
                 (CENTRE, "--role", "section", "--section", "集中支付中心")):
        assert cli_in_process("user", "add", *args, db_path=path).returncode == 0
    return path


def texts(at, *kinds) -> str:
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def row_of(at, code=T476, table=0) -> dict:
    frame = at.dataframe[table].value
    return frame[frame["项目编码"] == code].iloc[0].to_dict()


def test_pacing_shows_the_closed_year_at_the_cut_off_in_the_address(closed_db, monkeypatch):
    at = open_page(closed_db, monkeypatch, "pages/pacing.py", month="12", closed="2022-02", status="on_track,lagging")
    assert at.title[0].value == "进度监控 · 2021 年度决算（截至 2022年2月底）"
    assert at.selectbox(key="pacing_closed").value == 14
    assert "计入的结转期支付：1 笔，合计 1.00 万元。" in texts(at, "caption")
    row = row_of(at)      # 17 万 by 31 Dec + 1 万 on 1 Feb 2022 = 18 of 20: exactly 10 points behind, on track
    assert (row["累计支出(万元)"], row["其中结转期支付(万元)"], row["计划偏差(百分点)"], row["状态"]) == (18.0, 1.0, -10.0, "正常")
    assert at.query_params["closed"] == "2022-02"
    at.selectbox(key="pacing_closed").set_value(13).run()         # by 31 January 2022: nothing carried over yet
    assert not at.exception
    row = row_of(at)
    assert (row["累计支出(万元)"], row["其中结转期支付(万元)"], row["状态"]) == (17.0, 0.0, "滞后")
    assert at.query_params["closed"] == "2022-01"
    at.selectbox(key="pacing_closed").set_value(None).run()       # back to the month: 31 December counts no carry-over
    assert at.title[0].value == "进度监控 · 2021年12月"
    assert "closed" not in at.query_params
    assert "其中结转期支付(万元)" not in at.dataframe[0].value.columns
    assert (row_of(at)["累计支出(万元)"], row_of(at)["状态"]) == (17.0, "滞后")


def test_pacing_offers_the_cut_off_when_the_year_has_carry_over_payments(closed_db, monkeypatch):
    at = open_page(closed_db, monkeypatch, "pages/pacing.py", month="12")
    assert at.selectbox(key="pacing_closed").value is None
    assert at.selectbox(key="pacing_closed").options == ["不含结转期（按所选月份）"] + [
        f"2022年{m}月底" for m in range(1, 7)]
    assert at.title[0].value == "进度监控 · 2021年12月"
    zonghe = open_page(closed_db, monkeypatch, "pages/pacing.py", month="12", login=ZONGHE)
    assert not [s for s in zonghe.selectbox if s.key == "pacing_closed"]     # none in its sections: not offered


@pytest.mark.parametrize("asked", ["2022-07", "2023-01", "2021-12", "2022-00", "2022-1x", "２０２２-０２", "2022-02-01",
                                   "<b>x</b>", "-1", ""])
def test_a_hostile_cut_off_in_the_address_is_said_and_replaced(closed_db, monkeypatch, asked):
    at = open_page(closed_db, monkeypatch, "pages/pacing.py", month="12", closed=asked)
    assert not at.exception
    said = texts(at, "warning")
    assert "地址中的结转期截至「" in said and "」无效（应为 2022-01 至 2022-06），已按所选月份显示。" in said, said
    assert at.title[0].value == "进度监控 · 2021年12月"
    assert at.selectbox(key="pacing_closed").value is None
    assert "closed" not in at.query_params


def test_a_section_user_sees_its_own_sections_closed_only(closed_db, monkeypatch):
    zonghe = open_page(closed_db, monkeypatch, "pages/pacing.py", month="12", closed="2022-06", login=ZONGHE,
                       status="severe,lagging,on_track,overspent,no_plan")
    assert zonghe.title[0].value == "进度监控 · 2021 年度决算（截至 2022年6月底）"
    assert set(zonghe.dataframe[0].value["科室"]) == {"综合科"}
    assert "计入的结转期支付：0 笔，合计 0.00 万元。" in texts(zonghe, "caption")      # another's carry-over unseen
    centre = open_page(closed_db, monkeypatch, "pages/pacing.py", month="12", closed="2022-06", login=CENTRE,
                       status="on_track")
    assert set(centre.dataframe[0].value["科室"]) == {"集中支付中心"}
    assert "计入的结转期支付：1 笔，合计 1.00 万元。" in texts(centre, "caption")
    denied = open_page(closed_db, monkeypatch, "pages/pacing.py", month="12", closed="2022-06", login=ZONGHE,
                       section="集中支付中心")
    assert not [d for d in denied.dataframe] and T476 not in texts(denied, "caption", "markdown", "title")


def test_sections_page_shows_the_section_closed_with_its_carry_over(closed_db, monkeypatch):
    at = open_page(closed_db, monkeypatch, "pages/sections.py", month="12", section="集中支付中心", closed="2022-03")
    assert at.selectbox(key="sections_closed").value == 15
    assert "2021 年度决算：本科室项目（截至 2022年3月底）" in texts(at, "subheader")
    assert "计入的结转期支付：1 笔，合计 1.00 万元。" in texts(at, "caption")
    month, closed = at.dataframe[-2].value, at.dataframe[-1].value        # the month's list, then the year closed
    assert month[month["项目编码"] == T476].iloc[0]["状态"] == "滞后"
    row = closed[closed["项目编码"] == T476].iloc[0]
    assert (row["累计支出(万元)"], row["其中结转期支付(万元)"], row["状态"]) == (18.0, 1.0, "正常")
    assert at.query_params["closed"] == "2022-03"
    bad = open_page(closed_db, monkeypatch, "pages/sections.py", month="12", section="集中支付中心", closed="2022-13")
    assert "2022\\-13」无效（应为 2022-01 至 2022-06）" in texts(bad, "warning")     # as plain text (plain())
    assert "年度决算" not in texts(bad, "subheader")


def test_a_section_user_on_the_sections_page_sees_its_own_closed_only(closed_db, monkeypatch):
    at = open_page(closed_db, monkeypatch, "pages/sections.py", month="12", closed="2022-03", login=ZONGHE)
    assert at.selectbox(key="section_choice").options == ["综合科"]
    assert set(at.dataframe[-1].value["项目名称"]) <= {"信息中心设备维护及网络租赁"}
    assert "计入的结转期支付：0 笔，合计 0.00 万元。" in texts(at, "caption")


# closed_year_status's filters, as project_status's (the pages' list): (statuses, min_gap, unit, limit) ->
# (the codes listed, matching). By 28 Feb 2022 476T is on track (18 of 20 万, exactly −10); the six others
# paid nothing against a December plan of 100 %: severe, each behind by its whole budget (gap_wan).
EVERY = 7
CLOSED_FILTERS = [
    ((None, None, None, None), EVERY, EVERY),
    ((["on_track"], None, None, None), [T476], 1),
    ((["severe"], None, None, None), EVERY - 1, EVERY - 1),
    ((["severe", "on_track"], "25", None, None), [RQRQ, QS1Q], 2),   # ≥ 25 万 behind: 业务委托费, 国库电子化 (30)
    ((None, None, "999", None), [], 0),                        # a unit no project has
    ((None, None, None, 2), 2, EVERY),                         # capped: two rows, seven matching
]


@pytest.mark.parametrize("filters, listed, matching", CLOSED_FILTERS)
def test_the_closed_years_filters_are_the_lists(closed_db, filters, listed, matching):
    from spending import db
    from spending.db import opening
    from spending.rules import Thresholds

    statuses, min_gap, unit, limit = filters
    con = opening.connect(closed_db, read_only=True)
    try:
        found = db.rows(con, "closed_year_status", year=2021, through=14, sections=None, statuses=statuses,
                        min_gap=min_gap, unit=unit, limit=limit, **Thresholds().params())
    finally:
        con.close()
    codes = [r["project_code"] for r in found]
    assert (codes if isinstance(listed, list) else len(codes)) == listed
    assert {r["matching"] for r in found} <= {matching}
    assert all(r["carry_over_wan"] == (1 if r["project_code"] == T476 else 0) for r in found)


def test_the_overview_says_the_year_has_carry_over_payments_and_links_the_year_closed(closed_db, monkeypatch):
    at = open_page(closed_db, monkeypatch, None, month="12")
    said = texts(at, "info")
    assert ("2021 年度有结转期支付 1 笔，合计 1.00 万元（次年 1–6 月支付，各月末的执行数不含）："
            "[按决算口径查看（截至 2022年2月底）](/pacing?year=2021&month=12&closed=2022-02)") in said
    zonghe = open_page(closed_db, monkeypatch, None, month="12", login=ZONGHE)     # none in its sections
    assert "结转期支付" not in texts(zonghe, "info")
