"""Every file that leaves the building, opened as its reader would open it (issue 12): the lagging list
(CSV through pandas, Excel through openpyxl), the per-section packets (按科室分发), the bulletin's Excel
file and its PDF (pdftotext, pdfinfo, pdftoppm)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, cli_in_process
from spending import bulletin, db, export, i18n, rules, ui
from spending.db import opening
from spending.pace import STATUS_COLUMNS
from spending.rules import Thresholds

NOW = datetime(2021, 12, 3, 9, 30, 15)


def list_frame(path, statuses, thresholds=Thresholds(), lang="zh") -> pd.DataFrame:
    """The lagging list exactly as the pages' download builds it (ui.status_downloads)."""
    con = opening.connect(path)
    try:
        cur = db.run(con, "project_status", year=2021, month=11, sections=None, statuses=statuses, min_gap=None,
                     limit=None, unit=None, sources=None, direct=False, **thresholds.params())
        frame = cur.df()
        cur.close()
    finally:
        con.close()
    return ui.localise(frame, ui.Context(2021, 11, lang, thresholds), STATUS_COLUMNS)


def every_cell(book):
    return [cell for ws in book for row in ws.iter_rows() for cell in row]


def assert_clean(book):
    """No formula, no visible apostrophe, never the words None or nan."""
    for cell in every_cell(book):
        assert cell.data_type != "f", cell.coordinate
        if isinstance(cell.value, str):
            assert not cell.value.startswith("'"), (cell.parent.title, cell.coordinate, cell.value)
            assert cell.value.strip().lower() not in ("none", "nan", "nat"), (cell.parent.title, cell.coordinate)


# ------------------------------------------------------------------ the lagging list

def test_pacing_page_lists_the_projects_behind_by_default(demo_db, tmp_path, monkeypatch):
    copy = tmp_path / "page.duckdb"        # the page keeps its connection open: not on the shared demo_db
    shutil.copy(demo_db, copy)
    monkeypatch.setenv("SPENDING_DB", str(copy))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update({"year": "2021", "month": "11"})
    at.run()
    at.switch_page("pages/pacing.py")
    at.run()
    assert not at.exception
    assert at.multiselect(key="pacing_status").value == ["overspent", "severe", "lagging"]
    table = at.dataframe[0].value
    assert sorted(table["状态"]) == sorted(["超支", "严重滞后", "滞后"])
    labels = [b.proto.label for b in at.get("download_button")]
    assert i18n.t("by_section") in labels and i18n.t("download_csv") in labels


def test_list_csv_is_read_by_pandas_header_on_line_1(demo_db):
    data = export.to_csv(list_frame(demo_db, None))
    first_line = data.decode("utf-8-sig").splitlines()[0]
    assert first_line.startswith("年度,截至,科室,单位编码,预算单位,项目编码")   # SPEC §5: the unit after the section
    read = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(read.columns) == [i18n.column(c) for c in STATUS_COLUMNS]
    row = read[read["项目编码"] == "106-0201-YBN-V7G1"].iloc[0]          # 综合治税信息系统
    assert (row["年度"], row["截至"], row["调整后预算(万元)"], row["累计支出(万元)"]) == ("2021", "2021-11", "20.00", "8.60")
    assert (row["执行率%"], row["计划偏差(百分点)"], row["状态"]) == ("43.00", "-7.00", "正常")
    numbers = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")      # and as numbers, for a program
    assert numbers["调整后预算(万元)"].sum() == pytest.approx(279.0)
    assert numbers["年度"].dtype.kind == "i"


def test_list_file_name_holds_month_thresholds_and_time():
    stem = export.file_stem("滞后项目清单-2021-11", "10.000000", "20", NOW)
    assert stem == "滞后项目清单-2021-11-阈值10-20-生成20211203-0930"
    assert export.file_stem("x-2021-11", "7.5", "15.25", NOW).endswith("阈值7.5-15.25-生成20211203-0930")


def test_list_xlsx_context_first_and_cells_typed(demo_db, tmp_path):
    meta = [("滞后项目清单", "2021年11月"), (i18n.t("thresholds", yellow=10, red=20), ""),
            ("状态", "超支、严重滞后、滞后"), ("生成时间", NOW)]
    path = tmp_path / "list.xlsx"
    path.write_bytes(export.to_xlsx(list_frame(demo_db, list(rules.NOT_ON_TRACK)), meta, "滞后项目清单"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["说明", "滞后项目清单"]
    context = {row[0].value: row[1] for row in book["说明"].iter_rows()}
    assert context["滞后项目清单"].value == "2021年11月"
    assert i18n.t("thresholds", yellow=10, red=20) in context
    assert context["生成时间"].value == NOW and context["生成时间"].is_date
    sheet = book["滞后项目清单"]
    header = [c.value for c in sheet[1]]
    assert header == [i18n.column(c) for c in STATUS_COLUMNS]
    rows = [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2)]
    assert sorted(r["状态"].value for r in rows) == sorted(["超支", "严重滞后", "滞后"])
    for r in rows:
        assert r["年度"].value == 2021 and r["年度"].data_type == "n" and r["年度"].number_format == "0"
        for name in ("调整后预算(万元)", "累计支出(万元)", "执行率%", "计划偏差(百分点)", "计划差额(万元)"):
            assert r[name].data_type == "n" and r[name].number_format == "#,##0.00", name
    budget = {r["项目编码"].value: r["调整后预算(万元)"].value for r in rows}
    assert budget["106-0601-YBN-RQRQ"] == 163.0
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert_clean(book)


# ------------------------------------------------------------------ 按科室分发

@pytest.mark.parametrize("thresholds,sections", [
    (Thresholds(), {"非税综合科": ["超支"], "经济建设科": ["严重滞后"], "预算国库科": ["滞后"]}),
    (Thresholds(Decimal(5), Decimal(15)), {"非税综合科": ["超支"], "经济建设科": ["严重滞后"], "预算国库科": ["滞后"],
                                            "农业农村科": ["滞后"]}),
])
def test_section_packets_one_excel_per_section_ready_to_send(demo_db, tmp_path, thresholds, sections):
    con = opening.connect(demo_db)
    try:
        data = export.section_packets(con, 2021, 11, thresholds, now=NOW)
    finally:
        con.close()
    packet = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(packet.namelist())
    assert names == sorted(f"{s}-滞后项目清单-2021-11.xlsx" for s in sections)
    for section, statuses in sections.items():
        path = tmp_path / f"{section}.xlsx"
        path.write_bytes(packet.read(f"{section}-滞后项目清单-2021-11.xlsx"))
        book = openpyxl.load_workbook(path)
        assert book.sheetnames == ["说明", "滞后项目清单"]
        context = {row[0].value: row[1].value for row in book["说明"].iter_rows()}
        assert context["科室"] == section and context["清单月份"] == "2021年11月"
        assert context[i18n.t("thresholds_short")] == f"{thresholds.yellow} / {thresholds.red}"
        assert "数据截至 2021年11月25日" in context and context["生成时间"] == NOW.replace(microsecond=0)
        assert context["发文单位"] == bulletin.issuer() and context["示例数据"] == i18n.t("sample_file_note")
        sheet = book["滞后项目清单"]
        header = [c.value for c in sheet[1]]
        # One channel, one date (issue 36): no answer columns of its own; the answer goes in the product, by the
        # 问询函's date (none issued yet here: the letter will say it).
        assert header[-1] == "状态" and not any("科室填写" in str(h) for h in header)
        assert i18n.t("by_section_answer_later") in context and not any("5 个工作日" in str(k) for k in context)
        rows = [dict(zip(header, [c.value for c in row])) for row in sheet.iter_rows(min_row=2)]
        assert [r["科室"] for r in rows] == [section] * len(statuses)
        assert sorted(r["状态"] for r in rows) == sorted(statuses)
        assert not sheet.data_validations.dataValidation
        assert_clean(book)
    name = export.section_packets_name(2021, 11, thresholds, NOW)
    assert name.startswith("滞后项目清单-按科室-2021-11-阈值") and name.endswith("-生成20211203-0930.zip")


def test_section_packets_say_so_when_nothing_is_behind(ledger):
    from conftest import plan_row

    ledger.plan(plan_row("A", 10, {3: 0, 12: 100}))          # nothing due by February
    data = export.section_packets(ledger.con, 2021, 2, Thresholds(), now=NOW)
    packet = zipfile.ZipFile(io.BytesIO(data))
    [name] = packet.namelist()
    assert name.endswith(".txt") and "没有落后于计划或超支的项目" in packet.read(name).decode("utf-8-sig")


# ------------------------------------------------------------------ the bulletin

@pytest.fixture(scope="module")
def bulletin_files(demo_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bulletin")
    copy = folder / "demo.duckdb"           # a copy no page of this process holds open
    shutil.copy(demo_db, copy)
    env = {bulletin.ISSUER_ENV: "测试市财政局"}
    for suffix in ("xlsx", "pdf"):          # `report` by the real command line: test_dual_monitoring, test_outputs
        out = cli_in_process("report", "--as-of", "2021-11", "--out", str(folder / f"通报.{suffix}"), db_path=copy,
                             env_extra=env)
        assert out.returncode == 0, out.stderr
    return folder


def test_bulletin_xlsx_opens_cleanly(bulletin_files):
    book = openpyxl.load_workbook(bulletin_files / "通报.xlsx")
    assert book.sheetnames[0] == "示例数据-概况"           # the demo's payments are sample data: every sheet says so
    summary = {row[0].value: row[1] for row in book["示例数据-概况"].iter_rows()}
    assert summary["发文单位"].value == "测试市财政局"
    assert summary["年度"].value == 2021 and summary["年度"].number_format == "0"
    assert summary["月份"].value == 11 and summary["月份"].number_format == "0"
    assert summary["数据截至"].is_date and summary["数据截至"].value.date() == date(2021, 11, 25)
    assert summary["执行率"].value == pytest.approx(35.70) and summary["执行率"].number_format == '0.00"%"'
    assert "合计落后 52.09 万元" in summary["通报摘要"].value
    assert summary["计划偏差（个百分点）"].value == pytest.approx(-16.80)      # a number, not '-16.80
    assert summary["落后计划金额（落后项目合计）（万元）"].value == pytest.approx(52.09)
    assert summary["净差额（落后 − 超前）（万元）"].value == pytest.approx(46.88)
    assert summary["滞后项目"].value == 1 and summary["滞后项目"].data_type == "n"
    assert summary["评级规则"].value == i18n.t("grade_rule")
    assert summary["阈值"].value == i18n.t("thresholds", yellow=10, red=20)
    even = book["示例数据-支出均衡性"]
    header = [c.value for c in even[1]]
    rows = [dict(zip(header, row)) for row in even.iter_rows(min_row=2)]
    assert [r["月份"].value for r in rows] == list(range(1, 12))
    assert all(r["月份"].number_format == "0" for r in rows)
    assert {r["不均衡"].value for r in rows} <= {"是", "否"}
    assert_clean(book)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_bulletin_pdf_reads_as_a_document(bulletin_files, tmp_path):
    pdf = bulletin_files / "通报.pdf"
    text = pdf_text(pdf)
    flat = text.replace(" ", "").replace("\n", "")
    for words in ("测试市财政局", "月度支出进度通报（2021年11月）", "数据截至2021年11月25日",
                  "执行率35.70%，计划进度52.51%，落后计划16.80个百分点",
                  "5个项目落后于计划，合计落后52.09万元",
                  "正常4个，滞后1个，严重滞后1个，超支1个",
                  "落后最多的科室：经济建设科（落后28.00个百分点）",
                  "业务委托费（经济建设科，落后45.64万元）", "超支项目：会计培训",
                  "第1页/共", "执行率评级：1—11月按计划完成度", "阈值：落后计划超过10个百分点为滞后",
                  "共29个指标", "没有未达成或有风险的指标"):
        assert words in flat, words
    assert flat.count("未评价") == 1                         # counted, not 29 rows of it
    assert "None" not in text and "NaN" not in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "月度支出进度通报（2021年11月）" in info.split("Title:")[1].splitlines()[0]
    pages = int(info.split("Pages:")[1].split()[0])
    assert pages >= 1
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page*.png"))
    assert len(pngs) == pages
    from PIL import Image
    for png in pngs:
        low, high = Image.open(png).convert("L").getextrema()
        assert low < 80 and high > 200, png                  # ink on paper on every page


def test_issuer_defaults_to_the_source_documents_bureau(monkeypatch):
    monkeypatch.delenv(bulletin.ISSUER_ENV, raising=False)
    assert bulletin.issuer() == "承德高新技术产业开发区财政局"
    monkeypatch.setenv(bulletin.ISSUER_ENV, "  ")
    assert bulletin.issuer() == "承德高新技术产业开发区财政局"


def test_bulletin_html_of_december_before_its_payments(demo_db):
    """December graded on the document's scale; the month past the last payment is said to be incomplete;
    page numbers and the title are set; no "None" anywhere."""
    con = opening.connect(demo_db)
    try:
        r = bulletin.review(con, 2021, 12, now=NOW)
    finally:
        con.close()
    grades = dict(zip(r.sections["section"], r.sections["grade"]))
    assert grades == {"经济建设科": "差", "预算国库科": "差", "农业农村科": "差", "综合科": "差",
                      "集中支付中心": "中", "非税综合科": "超支"}
    assert r.not_imported and r.last_pay_date == date(2021, 11, 25)
    paragraph = "".join(bulletin.opening(r))
    assert "2021年12月 的支付数据尚未导入（最近一笔支付 2021年11月25日）" in paragraph
    page = bulletin.to_html(r, "zh")
    assert "<title>月度支出进度通报（2021年12月） · " in page
    assert 'content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"' in page
    assert "None" not in page and ">nan<" not in page
    english = bulletin.opening(r, "en")
    assert english[0].startswith("By the end of Dec 2021") and "None" not in " ".join(english)


def test_bulletin_lists_only_the_indicators_not_met_or_at_risk(demo_db, tmp_path):
    path = tmp_path / "i.duckdb"
    shutil.copy(demo_db, path)
    con = opening.connect(path)
    try:
        for seq, value in ((1, "50"), (2, "0.95")):            # 参会率 >= 90: 50 is not met; 会议次数 >= 1: 0.95 at risk
            db.execute(con, "save_indicator_actual", year=2021, code="106-0201-YBN-EI6K", seq=seq, month=11,
                       value=value, judged=None, user="李四", at="2021-12-03 09:00:00")
        r = bulletin.review(con, 2021, 11, now=NOW)
    finally:
        con.close()
    flagged = bulletin.flagged_indicators(r)
    assert list(flagged["indicator_status"]) == ["not_met", "at_risk"]
    assert bulletin.indicator_counts(r) == "共 29 个指标：达成 0 个，有风险 1 个，未达成 1 个，未评价 27 个。"
    page = bulletin.to_html(r, "zh")
    body = page.split("未达成和有风险的指标")[-1]
    assert body.count("<tr>") == 1 + 2 and "未评价" not in body
