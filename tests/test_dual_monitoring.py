"""双监控 and the monthly bulletin: indicators entered and judged, the monitoring return,
budget control per section, evenness, and a bulletin whose numbers are the CLI's."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, cli_in_process, fresh_db, plan_row
from spending import bulletin, db
from spending.db import opening


def test_budget_control_per_section_and_bureau(ledger):
    ledger.plan(plan_row("A", 10, {12: 100}, section="甲科"), plan_row("B", 30, {12: 100}, section="甲科"),
                plan_row("C", 20, {12: 100}, section="乙科"))
    ledger.adjust("A", ("2021-03-01", "2"), ("2021-04-01", "-1"))     # only 追加 count: 2 of 40 = 5 %
    ledger.adjust("C", ("2021-05-01", "6.02"), ("2021-12-01", "9"))   # 6.02 of 20 = 30.1 % by November
    r = bulletin.review(ledger.con, 2021, 11)
    rows = {s: (pct, score) for s, pct, score in zip(r.sections["section"], r.sections["control_pct"],
                                                    r.sections["control_score"])}
    assert rows == {"甲科": (Decimal("5.00"), 8), "乙科": (Decimal("30.10"), 0)}
    assert r.control == (Decimal("13.37"), 5)                         # 8.02 of 60


def test_evenness_and_back_loaded(ledger):
    ledger.plan(plan_row("A", 100, {3: 0, 6: 0, 10: 0, 12: 100}), plan_row("B", 100, {3: 25, 6: 50, 9: 75, 12: 100}))
    ledger.pay("A", ("2021-01-10", "10000.00"), ("2021-02-10", "10000.00"), ("2021-03-10", "60000.00"))
    r = bulletin.review(ledger.con, 2021, 3)
    assert list(r.spending["share_pct"]) == [Decimal("12.50"), Decimal("12.50"), Decimal("75.00")]
    assert list(r.spending["uneven"]) == [False, False, True]
    assert list(r.back_loaded["project_code"]) == ["A"]


@pytest.fixture(scope="module")
def bulletin_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("bulletin") / "b.duckdb"
    fresh_db(path, demo=True)
    con = opening.connect(path)
    db.execute(con, "save_indicator_actual", year=2021, code="106-0201-YBN-EI6K", seq=1, month=11,
               value="95", judged=None, user="李四", at="2021-12-03 09:00:00")
    db.execute(con, "save_monitoring_return", year=2021, code="106-0601-YBN-RQRQ", month=11, forecast="1200000.00",
               method="manual", cause="制度保障", likelihood="有可能", action="=加快评审进度", user="王五",
               at="2021-12-03 09:00:00")
    con.close()
    return path


def test_the_pages_review_is_the_bulletins_without_what_only_the_bulletin_shows(bulletin_db, monkeypatch):
    """Issue 41 (总览's first view 0.53 -> 0.80 s on the demo): the page's review (for_page) runs only the queries of
    what the 双监控 tab shows; those parts are the bulletin's review's, and the bulletin's own parts are left out."""
    asked: list[str] = []
    run = db.run

    def recorded(con, name, **params):
        asked.append(name)
        return run(con, name, **params)

    con = opening.connect(bulletin_db, read_only=True)
    try:
        full = bulletin.review(con, 2021, 11)
        monkeypatch.setattr(db, "run", recorded)
        page = bulletin.review(con, 2021, 11, for_page=True)
    finally:
        con.close()
    for part in ("curve", "sections", "spending", "back_loaded", "indicators", "returns"):
        assert getattr(page, part).equals(getattr(full, part)), part
    assert (page.bureau, page.control, page.last_pay_date, page.sample) == (full.bureau, full.control,
                                                                            full.last_pay_date, full.sample)
    bulletins = ("behind", "most_behind", "overspent", "last_year", "inquiries", "sources", "units")
    assert [part for part in bulletins if getattr(page, part) is not None] == []
    assert [part for part in bulletins if getattr(full, part) is None] == ["inquiries"]    # none issued on the demo
    assert not {"project_status", "most_behind", "unit_status", "source_status", "notices/inquiries"} & set(asked)
    assert asked.count("bureau_curve") == 1          # this year's; not the year before's


def test_bulletin_excel_equals_cli_status(bulletin_db, tmp_path):
    status = list(csv.DictReader(io.StringIO(
        cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=bulletin_db).stdout)))
    sections = list(csv.DictReader(io.StringIO(
        cli_in_process("sections", "--as-of", "2021-11", "--format", "csv", db_path=bulletin_db).stdout)))
    out = cli_in_process("report", "--as-of", "2021-11", "--out", str(tmp_path / "通报.xlsx"), db_path=bulletin_db)
    assert out.returncode == 0, out.stderr
    book = openpyxl.load_workbook(tmp_path / "通报.xlsx")
    assert book.sheetnames == ["示例数据-" + n for n in ("概况", "各科室执行情况", "滞后与超支项目", "绩效运行监控表",
                                                        "绩效指标完成情况", "支出均衡性", "支出计划集中在年底的项目",
                                                        "资金来源", "预算单位支出进度排名")]   # issue 34

    def rows(sheet):     # every table sheet: the header on row 1 (the context is on 概况)
        values = [[c.value for c in row] for row in book["示例数据-" + sheet].iter_rows(min_row=1)]
        return [dict(zip(values[0], r)) for r in values[1:]]

    behind = {r["项目编码"]: r for r in rows("滞后与超支项目")}
    want = {r["project_code"]: r for r in status if r["status"] != "on_track"}
    assert set(behind) == set(want)
    for code, row in want.items():
        assert f"{behind[code]['计划偏差(百分点)']:.2f}" == row["deviation_pp"]
        assert f"{behind[code]['计划差额(万元)']:.2f}" == row["gap_wan"]
    by_section = {r["科室"]: r for r in rows("各科室执行情况")}
    for row in sections:
        assert f"{by_section[row['section']]['执行率%']:.2f}" == row["actual_pct"]
        assert by_section[row["section"]]["执行率评级"] in ("优", "良", "中", "差", "超支")
    # November, graded against the plan to date: 5 points ahead is not 差, overspent is not 优
    assert by_section["综合科"]["执行率评级"] == "优" and by_section["非税综合科"]["执行率评级"] == "超支"
    [returned] = rows("绩效运行监控表")
    assert returned["纠偏措施"] == "=加快评审进度"           # a string cell: inert, no visible apostrophe
    cell = next(c for row in book["示例数据-绩效运行监控表"].iter_rows() for c in row if c.value == "=加快评审进度")
    assert cell.data_type == "s"
    assert returned["全年预计执行数(万元)"] == 120
    indicators = rows("绩效指标完成情况")
    assert any(r["实际值"] == 95 and r["指标状态"] == "达成" for r in indicators)   # 参会率 >= 90, a number
    for ws in book:         # blanks are empty cells: never the words None or nan, never a formula
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f" and str(c.value).lower() not in ("none", "nan") or c.value is None


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is installed by `make test`")
def test_bulletin_pdf_shows_chinese(bulletin_db, tmp_path):
    pdf = tmp_path / "通报.pdf"
    out = cli_in_process("report", "--as-of", "2021-11", "--out", str(pdf), db_path=bulletin_db)
    assert out.returncode == 0, out.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("月度支出进度通报（2021年11月）", "业务委托费", "严重滞后", "各科室执行情况", "支出计划集中在年底的项目"):
        assert words in text.replace(" ", ""), words
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    shots = ROOT / "artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    shutil.copy(png, shots / "bulletin-page-1.png")
    from PIL import Image
    colours = Image.open(png).convert("L").getextrema()
    assert colours[0] < 80 and colours[1] > 200          # ink on paper, not a blank page


def test_report_wrong_suffix_is_usage(bulletin_db, tmp_path):
    out = cli_in_process("report", "--as-of", "2021-11", "--out", str(tmp_path / "x.docx"), db_path=bulletin_db)
    assert out.returncode == 2


def test_project_page_monitoring_return_and_indicators(tmp_path, monkeypatch):
    path = tmp_path / "p.duckdb"
    fresh_db(path, demo=True)
    monkeypatch.setenv("SPENDING_DB", str(path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update({"year": "2021", "month": "8"})
    at.run()
    at.switch_page("pages/project.py")
    at.query_params.update({"year": "2021", "month": "8", "code": "106-0501-YBN-476T"})
    at.run()
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown["按计划形态预计全年（万元）"] == "23.57"          # 8.25 × 100 / 35
    assert shown["按当前进度预计全年（万元）"] == "12.38"          # 8.25 × 12 / 8
    form_number = next(n for n in at.number_input if n.label == "全年预计执行数（万元）")
    form_number.set_value(18.5)
    next(s for s in at.selectbox if s.label == "偏差原因").set_value("其他")
    next(s for s in at.selectbox if s.label == "完成可能性").set_value("确定能")
    next(t for t in at.text_area if t.label == "纠偏措施").input("十月完成装修验收后支付")
    next(t for t in at.text_input if t.label == "偏差原因说明").input("装修验收推迟到十月")   # beside the category
    next(b for b in at.button if b.label == "保存监控表").click().run()
    assert not at.exception
    assert any("已保存（第 1 版）" in s.value for s in at.success)
    # saved again with another figure: a second version, the first kept (never overwritten)
    next(n for n in at.number_input if n.label == "全年预计执行数（万元）").set_value(19.0)
    next(b for b in at.button if b.label == "保存监控表").click().run()
    assert any("已保存（第 2 版）" in s.value for s in at.success)
    from spending import auth, ui
    me = auth.local_user().actor          # 填报人 is who is logged in (local mode: this machine's user)
    with ui._connection(str(path)) as con:
        saved = con.execute("select version, forecast_yuan, forecast_method, deviation_cause, likelihood, corrective_action,"
                            " entered_by, entered_at is not null from monitoring_returns order by version").fetchall()
        causes = con.execute("select distinct cause_text from monitoring_returns").fetchall()
        logged = con.execute("select actor, action, detail from audit_log where action = 'monitoring_return'"
                             " order by audit_id").fetchall()
    assert saved == [(1, Decimal("185000.00"), "manual", "其他", "确定能", "十月完成装修验收后支付", me, True),
                     (2, Decimal("190000.00"), "manual", "其他", "确定能", "十月完成装修验收后支付", me, True)]
    assert causes == [("装修验收推迟到十月",)]
    assert [a for a, _, _ in logged] == [me, me]
    assert '"before": null' in logged[0][2] and '"forecast_yuan": "185000.00"' in logged[1][2]   # before → after
    assert any("全部 2 个版本" in e.label for e in at.expander)
    editor = next(d for d in at.dataframe if "指标状态" in d.value.columns)
    assert set(editor.value["指标状态"]) == {"未评价"}
    # September has no return yet: it starts from August's (19.00 万元, 其他, 确定能)
    at.query_params.update({"year": "2021", "month": "9", "code": "106-0501-YBN-476T"})
    at.session_state["month"] = 9
    at.run()
    assert any("已按上月监控表预填" in c.value for c in at.caption)
    assert next(n for n in at.number_input if n.label == "全年预计执行数（万元）").value == 19.0
    assert next(s for s in at.selectbox if s.label == "偏差原因").value == "其他"
    payments = next(d.value for d in at.dataframe if "凭证号" in d.value.columns)
    assert "金额(元)" in payments.columns            # single payments in 元, not 万元


def test_indicator_values_import_judge_and_replace(tmp_path):
    path = tmp_path / "i.duckdb"
    fresh_db(path, demo=True)
    good = tmp_path / "指标.csv"
    good.write_text("年度,项目编码,序号,月份,实际值,人工评价\n"
                    "2021,106-0201-YBN-EI6K,1,6,85,\n"          # 参会率 >= 90: 85 is within 10 % -> at risk
                    "2021,106-0201-YBN-EI6K,2,6,1,\n"           # 会议次数 >= 1: met
                    "2021,106-0201-YBN-EI6K,3,6,,达成\n", encoding="gbk")
    out = cli_in_process("import-indicators", str(good), db_path=path)
    assert out.returncode == 0, out.stderr
    assert cli_in_process("import-indicators", str(good), db_path=path).stdout.count("nothing changed") == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("fiscal_year,project_code,seq,month,actual_value,judged_status\n"
                   "2021,106-0201-YBN-EI6K,1,13,1,\n"
                   "2021,106-0201-YBN-EI6K,2,6,,maybe\n", encoding="utf-8")
    out = cli_in_process("import-indicators", str(bad), db_path=path)
    assert out.returncode == 1
    for expected in ("line 2, column month", "line 3, column judged_status"):
        assert expected in out.stderr, out.stderr
    unknown = tmp_path / "unknown.csv"      # rows fine on their own, but no such indicator
    unknown.write_text("fiscal_year,project_code,seq,month,actual_value\n2021,106-0201-YBN-EI6K,9,6,1\n")
    out = cli_in_process("import-indicators", str(unknown), db_path=path)
    assert out.returncode == 1 and "line 2, column seq" in out.stderr
    con = opening.connect(path)
    r = bulletin.review(con, 2021, 6)
    status = dict(zip(r.indicators.loc[r.indicators["project_code"] == "106-0201-YBN-EI6K", "seq"],
                      r.indicators.loc[r.indicators["project_code"] == "106-0201-YBN-EI6K", "indicator_status"]))
    assert (status[1], status[2], status[3]) == ("at_risk", "met", "met")
    assert status[4] is None or status[4] != status[4]      # nothing entered: not judged
    con.close()
    newer = tmp_path / "newer.csv"
    newer.write_text("年度,项目编码,序号,月份,实际值\n2021,106-0201-YBN-EI6K,1,6,92\n", encoding="utf-8")
    assert cli_in_process("import-indicators", str(newer), db_path=path).returncode == 0
    con = opening.connect(path)
    assert con.execute("select actual_value from indicator_actuals where seq = 1").fetchall() == [("92",)]


def test_pdf_lists_hold_the_first_50_and_say_how_many_there_are(ledger):
    """A province has tens of thousands of projects behind: the PDF lists the first 50 of each list."""
    from conftest import plan_row
    from spending import bulletin

    ledger.plan(*[plan_row(f"B{i:03d}", 1, {6: 60, 12: 100}, section=f"科{i % 3}") for i in range(120)])
    r = bulletin.review(ledger.con, 2021, 11)
    assert len(r.behind) == 120 and len(r.back_loaded) == 0
    page = bulletin.to_html(r, "zh")
    assert page.count('<td class="wide">项目B') == bulletin.PDF_ROWS
    assert "仅列出前 50 个（共 120 个）；Excel 通报包含全部。" in page
