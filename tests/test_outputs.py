"""Files that leave the building say what they are (issue 21), opened as their readers open them
(pdftotext and pdftoppm for PDFs, openpyxl for Excel):

- while sample data is loaded every download says so — the bulletin (a banner on every PDF page; the
  概况 note and every sheet's name), the lagging lists (names begin 示例数据, 说明 says so), the
  per-section packets and the 问询函 — and once the sample is removed (`remove-sample`) no mark remains;
- a section's bulletin is that section's, by `report --section` and by the 总览 page of a 科室 user:
  its title, opening paragraph, charts and 概况 name the section and never 全局;
- the lagging lists and packets name the issuing unit; formal documents write 2021年11月25日;
  the bulletin's Excel and PDF carry the same columns; indicator targets are numbers where they are;
- every Excel writer cuts a text past a cell's 32,767 characters visibly (rules.CUT_MARK).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import AUTH, ROOT, cli, cli_in_process, fresh_db
from spending import bulletin, export, i18n, rules
from spending.db import opening
from spending.rules import Thresholds

NOW = datetime(2021, 12, 3, 9, 30, 15)
MARK = "示例数据"
BANNER = "示例数据·仅供演示，不是真实支付"
TODAY = {"SPENDING_TODAY": "2021-12-03"}


def flat(text: str) -> str:
    return text.replace(" ", "").replace("\n", "")


def pdf_pages(path) -> list[str]:
    """The text of each page of a PDF (pdftotext one page at a time)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(info.split("Pages:")[1].split()[0])
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, pages + 1)]


def pdf_title(path) -> str:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return info.split("Title:")[1].splitlines()[0].strip()


def render(path, folder) -> list:
    """Every page as a PNG (pdftoppm), each with ink on paper."""
    from PIL import Image

    stem = folder / path.stem
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(stem)], check=True)
    pngs = sorted(folder.glob(f"{path.stem}-*.png"))
    for png in pngs:
        low, high = Image.open(png).convert("L").getextrema()
        assert low < 80 and high > 200, png
    return pngs


def cells(book) -> list[str]:
    return [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The demo (sample payments loaded) and the same database after `remove-sample` with one real payment
    of November, each with an admin and a 经济建设科 user and the month's inquiries issued."""
    folder = tmp_path_factory.mktemp("outputs")
    sample = folder / "sample.duckdb"
    fresh_db(sample, demo=True)
    for args in (("admin@bureau.gov", "--role", "admin"),
                 ("econ@bureau.gov", "--role", "section", "--section", "经济建设科")):
        assert cli_in_process("user", "add", *args, db_path=sample).returncode == 0
    real = folder / "real.duckdb"
    shutil.copy(sample, real)
    out = cli_in_process("remove-sample", db_path=real)
    assert out.returncode == 0, out.stderr
    payment = folder / "november.csv"          # one real payment of November: the month is imported
    payment.write_text("voucher_no,project_code,pay_date,amount_yuan\nREAL-1,106-0601-YBN-RQRQ,2021-11-20,100000.00\n",
                       encoding="utf-8")
    out = cli_in_process("import-disbursements", str(payment), db_path=real)
    assert out.returncode == 0, out.stderr
    for path in (sample, real):
        out = cli_in_process("notices", "issue", "--as-of", "2021-11", db_path=path, env_extra=TODAY)
        assert out.returncode == 0, out.stderr
    return {"sample": sample, "real": real}


# ------------------------------------------------------------------ the bulletin

@pytest.fixture(scope="module")
def bulletins(both, tmp_path_factory):
    """The bulletin by `report`, global and 经济建设科's, PDF and Excel, of both databases: the sample's
    经济建设科 one by the real command line, the others by its main() in this process (one chart
    renderer for all, not one started by each process)."""
    folder = tmp_path_factory.mktemp("bulletins")
    files = {}
    for kind, path in both.items():
        for scope in ("all", "经济建设科"):
            for suffix in ("pdf", "xlsx"):
                out_file = folder / f"{kind}-{'all' if scope == 'all' else 'econ'}.{suffix}"
                extra = [] if scope == "all" else ["--section", scope]
                run = cli if (kind, scope) == ("sample", "经济建设科") else cli_in_process
                out = run("report", "--as-of", "2021-11", *extra, "--out", str(out_file), db_path=path)
                assert out.returncode == 0, out.stderr
                files[kind, scope, suffix] = out_file
    return files


@pytest.mark.parametrize("scope", ["all", "经济建设科"])
def test_the_sample_is_marked_on_every_pdf_page_and_gone_once_removed(bulletins, scope, tmp_path):
    pdf = bulletins["sample", scope, "pdf"]
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    for n, text in enumerate(pages, start=1):
        assert BANNER in flat(text), f"page {n} has no sample banner"
    assert pdf_title(pdf).startswith("月度支出进度通报") and pdf_title(pdf).endswith(" · 示例数据")
    assert len(render(pdf, tmp_path)) == len(pages)
    real = bulletins["real", scope, "pdf"]
    pages = pdf_pages(real)
    assert all(MARK not in flat(text) for text in pages)
    assert pdf_title(real).startswith("月度支出进度通报") and MARK not in pdf_title(real)
    assert len(render(real, tmp_path)) == len(pages)


@pytest.mark.parametrize("scope", ["all", "经济建设科"])
def test_the_sample_is_marked_in_the_excel_summary_and_every_sheet_name(bulletins, scope):
    book = openpyxl.load_workbook(bulletins["sample", scope, "xlsx"])
    assert all(name.startswith("示例数据-") for name in book.sheetnames)
    assert book.sheetnames[0] == "示例数据-概况"
    summary = {row[0].value: row[1].value for row in book.worksheets[0].iter_rows()}
    assert summary["示例数据"] == i18n.t("sample_file_note")
    book = openpyxl.load_workbook(bulletins["real", scope, "xlsx"])
    assert book.sheetnames[:2] == ["概况", "各科室执行情况"]
    assert not [name for name in book.sheetnames if MARK in name]
    assert not [c for c in cells(book) if MARK in c]


def test_a_sections_bulletin_by_the_cli_is_that_sections(bulletins, both):
    pdf = bulletins["sample", "经济建设科", "pdf"]
    text = flat("".join(pdf_pages(pdf)))
    for words in ("月度支出进度通报（经济建设科，2021年11月）", "截至2021年11月，经济建设科调整后预算163.00万元",
                  "业务委托费", "数据截至2021年11月25日"):
        assert words in text, words
    assert "全局" not in text
    for other in ("非税综合科", "会计培训", "预算国库科", "预决算编审", "综合治税信息系统"):
        assert other not in text, other
    assert "月度支出进度通报（经济建设科，2021年11月）" in pdf_title(pdf)
    book = openpyxl.load_workbook(bulletins["sample", "经济建设科", "xlsx"])
    summary = {row[0].value: row[1].value for row in book.worksheets[0].iter_rows()}
    assert book.worksheets[0]["A1"].value == "月度支出进度通报（经济建设科，2021年11月）"
    assert summary["通报范围"] == "经济建设科"
    assert summary["通报摘要"].startswith("截至 2021年11月，经济建设科调整后预算 163.00 万元")
    assert summary["调整后预算（万元）"] == pytest.approx(163.0)
    everything = cells(book)
    assert not [c for c in everything if "全局" in c]
    assert not [c for c in everything if "非税综合科" in c or "会计培训" in c]
    sections = list(book["示例数据-各科室执行情况"].values)
    assert [r[0] for r in sections[1:]] == ["经济建设科"]
    # the chart (a picture in the PDF) names the section
    con = opening.connect(both["sample"])
    try:
        r = bulletin.review(con, 2021, 11, now=NOW, scope=["经济建设科"])
    finally:
        con.close()
    assert bulletin.figures(r)["curve"].layout.title.text == "经济建设科 累计支出进度"
    assert "全局" not in bulletin.to_html(r)
    # the bureau's own still says so
    whole = flat("".join(pdf_pages(bulletins["sample", "all", "pdf"])))
    assert "月度支出进度通报（2021年11月）" in whole and "全局调整后预算279.00万元" in whole


def test_report_section_unknown_is_wrong_usage(both, tmp_path):
    out_file = tmp_path / "x.pdf"
    out = cli("report", "--as-of", "2021-11", "--section", "没有这个科", "--out", str(out_file), db_path=both["sample"])
    assert out.returncode == 2
    assert "没有科室「没有这个科」" in out.stderr and "经济建设科" in out.stderr and "Traceback" not in out.stderr
    assert not out_file.exists()


def test_excel_and_pdf_carry_the_same_columns(both):
    con = opening.connect(both["sample"])
    try:
        r = bulletin.review(con, 2021, 11, now=NOW)
    finally:
        con.close()
    page = bulletin.to_html(r)
    book = openpyxl.load_workbook(io.BytesIO(bulletin.to_xlsx(r)))

    def pdf_header(title: str) -> list[str]:
        after = page.split(f"<h2>{title}</h2>")[1]
        head = after.split("<thead>")[1].split("</thead>")[0]
        return [re.sub(r"<[^>]+>", "", th) for th in re.findall(r"<th[^>]*>(.*?)</th>", head)]

    for key in ("sheet_sections", "sheet_behind", "back_loaded_title"):
        excel = [c.value for c in book["示例数据-" + i18n.t(key)][1]]
        assert pdf_header(i18n.t(key)) == excel, key
    sections = [c.value for c in book["示例数据-各科室执行情况"][1]]
    assert "计划差额(万元)" in sections and "预算控制得分" in sections
    assert "项目编码" in pdf_header(i18n.t("sheet_behind"))


def inside_margin(pdf, margin_mm: float) -> None:
    """No word of the PDF runs into the right margin (pdftotext -bbox: every word's right edge)."""
    box = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', box).group(1))
    right = [float(x) for x in re.findall(r'xMax="([\d.]+)"[^>]*>[^<]*</word>', box)]
    assert right and max(right) <= width - margin_mm / 210 * width + 1, pdf.name


def test_the_sections_table_fits_the_page(bulletins):
    """The 各科室执行情况 table (14 columns, the same as the Excel sheet's) and the projects' table are
    printed inside the page: their last columns (超支, 状态) end left of the 12 mm right margin."""
    for scope in ("all", "经济建设科"):
        pdf = bulletins["sample", scope, "pdf"]
        assert "超支" in flat("".join(pdf_pages(pdf)))
        inside_margin(pdf, 12)


def test_indicator_targets_are_numbers_where_they_are_numbers(bulletins):
    book = openpyxl.load_workbook(bulletins["sample", "all", "xlsx"])
    sheet = book["示例数据-绩效指标完成情况"]
    header = [c.value for c in sheet[1]]
    targets = [row[header.index("指标值")] for row in sheet.iter_rows(min_row=2)]
    numbers = [c for c in targets if c.value is not None]
    assert numbers and all(c.data_type == "n" for c in numbers)
    assert {c.value for c in numbers} >= {90.0, 100.0}
    assert bulletin._number_or_text("90.00") == Decimal("90.00")
    assert bulletin._number_or_text("1,000") == Decimal("1000")
    assert bulletin._number_or_text("≥90%") == "≥90%" and bulletin._number_or_text("95%") == "95%"
    assert bulletin._number_or_text("按期完成") == "按期完成" and bulletin._number_or_text(None) is None


# ------------------------------------------------------------------ the pages' downloads

@pytest.fixture
def downloads(monkeypatch):
    """Every download button a page run offers: label → (file name, data or the callable making it)."""
    import streamlit
    from streamlit.delta_generator import DeltaGenerator

    got: dict[str, tuple] = {}
    original = DeltaGenerator.download_button

    def record(self, label, data=None, file_name=None, *args, **kwargs):
        got[label] = (file_name, data)
        return original(self, label, data, file_name, *args, **kwargs)
    monkeypatch.setattr(DeltaGenerator, "download_button", record)
    monkeypatch.setattr(streamlit, "download_button", lambda *a, **k: record(streamlit._main, *a, **k))
    return got


def open_page(path, page: str, email: str, monkeypatch, tmp_path) -> AppTest:
    copy = tmp_path / f"{page}.duckdb"          # the page keeps its connection open
    shutil.copy(path, copy)
    monkeypatch.setenv("SPENDING_DB", str(copy))
    monkeypatch.setenv("SPENDING_TODAY", TODAY["SPENDING_TODAY"])
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.secrets.update(AUTH)
    at.user = {"is_logged_in": True, "email": email, "sub": email, "email_verified": True}
    at.query_params.update({"year": "2021", "month": "11"})
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.query_params.update({"year": "2021", "month": "11"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def made(entry) -> bytes:
    data = entry[1]
    return data() if callable(data) else data


def test_a_section_users_bulletin_from_the_page_is_that_sections(both, downloads, monkeypatch, tmp_path):
    open_page(both["sample"], "overview", "econ@bureau.gov", monkeypatch, tmp_path)
    name, _ = downloads[i18n.t("download_bulletin_xlsx")]
    assert name == "示例数据-月度支出进度通报（经济建设科，2021年11月）.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(made(downloads[i18n.t("download_bulletin_xlsx")])))
    assert book.worksheets[0]["A1"].value == "月度支出进度通报（经济建设科，2021年11月）"
    assert not [c for c in cells(book) if "全局" in c or "非税综合科" in c]
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(made(downloads[i18n.t("download_bulletin_pdf")]))
    pages = pdf_pages(pdf)
    text = flat("".join(pages))
    assert "月度支出进度通报（经济建设科，2021年11月）" in text and "截至2021年11月，经济建设科调整后预算163.00万元" in text
    assert "全局" not in text and "非税综合科" not in text
    assert all(BANNER in flat(p) for p in pages)
    assert len(render(pdf, tmp_path)) == len(pages)


@pytest.mark.parametrize("kind", ["sample", "real"])
def test_the_lagging_lists_from_the_page_are_marked_while_the_sample_is_loaded(both, downloads, monkeypatch,
                                                                               tmp_path, kind):
    open_page(both[kind], "pacing", "admin@bureau.gov", monkeypatch, tmp_path)
    names = {label: entry[0] for label, entry in downloads.items()}
    for label in (i18n.t("download_xlsx"), i18n.t("download_csv"), i18n.t("by_section")):
        assert names[label].startswith("示例数据-滞后项目清单") == (kind == "sample"), names[label]
        assert MARK not in names[label] or kind == "sample"
    book = openpyxl.load_workbook(io.BytesIO(made(downloads[i18n.t("download_xlsx")])))
    context = {row[0].value: row[1].value for row in book["说明"].iter_rows()}
    assert context["发文单位"] == bulletin.issuer()
    assert (context.get("示例数据") == i18n.t("sample_file_note")) == (kind == "sample")
    assert isinstance(context["生成时间"], datetime)
    if kind == "real":
        assert not [c for c in cells(book) if MARK in c]
    packet = zipfile.ZipFile(io.BytesIO(made(downloads[i18n.t("by_section")])))
    for entry in packet.namelist():
        sheet = openpyxl.load_workbook(io.BytesIO(packet.read(entry)))["说明"]
        context = {row[0].value: row[1].value for row in sheet.iter_rows()}
        assert context["发文单位"] == bulletin.issuer()
        assert ("示例数据" in context) == (kind == "sample")
        assert any(re.fullmatch(r"数据截至 2021年11月25日", str(k)) for k in context) == (kind == "sample")


# ------------------------------------------------------------------ the 问询函

@pytest.mark.parametrize("kind", ["sample", "real"])
def test_letters_are_marked_while_the_sample_is_loaded_and_dated_formally(both, kind, tmp_path):
    out = cli_in_process("notices", "letters", "--as-of", "2021-11", "--out", str(tmp_path / "letters"),
                         db_path=both[kind], env_extra=TODAY)     # by the real command line: test_notices
    assert out.returncode == 0, out.stderr
    pdfs = sorted((tmp_path / "letters").glob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        pages = pdf_pages(pdf)
        for text in pages:
            assert (BANNER in flat(text)) == (kind == "sample"), pdf.name
        assert "2021年12月3日" in flat(pages[-1])                # signed on the day, formally
        inside_margin(pdf, 16)                                    # its table fits the page
        assert len(render(pdf, tmp_path)) == len(pages)
    for path in sorted((tmp_path / "letters").glob("*.xlsx")):
        book = openpyxl.load_workbook(path)
        letter = [c for row in book.worksheets[0].values for c in row if c]
        assert (i18n.t("sample_file_note") in letter) == (kind == "sample")
        if kind == "real":
            assert not [c for c in cells(book) if MARK in c]


# ------------------------------------------------------------------ one cut for every Excel writer

def test_every_excel_writer_cuts_a_long_text_visibly(tmp_path):
    long = "长" * 40_000
    frame = pd.DataFrame({"名称": [long, "短"], "金额": [Decimal("1.50"), Decimal("2")]})
    data = export.to_xlsx(frame, [("说明文字", long), (long, "值")], "清单")
    book = openpyxl.load_workbook(io.BytesIO(data))
    table = book["清单"]
    context = book["说明"]
    for cell in (table["A2"], context["B1"], context["A2"]):
        assert len(cell.value) == export.XLSX_CELL_CHARS and cell.value.endswith(rules.CUT_MARK), cell.coordinate
    assert table["A3"].value == "短" and table["B2"].value == 1.5
    assert export.xlsx_text("短") == "短"


def test_packets_name_the_issuer_and_write_dates_formally(both, tmp_path):
    for kind in ("sample", "real"):
        con = opening.connect(both[kind])
        try:
            data = export.section_packets(con, 2021, 11, Thresholds(), now=NOW)
        finally:
            con.close()
        packet = zipfile.ZipFile(io.BytesIO(data))
        assert packet.namelist()
        for entry in packet.namelist():
            book = openpyxl.load_workbook(io.BytesIO(packet.read(entry)))
            context = {row[0].value: row[1] for row in book["说明"].iter_rows()}
            assert context["发文单位"].value == bulletin.issuer()
            assert context["生成时间"].number_format == 'yyyy"年"m"月"d"日" hh:mm'
            assert ("示例数据" in context) == (kind == "sample")
    assert export.section_packets_name(2021, 11, Thresholds(), NOW, sample=True).startswith("示例数据-滞后项目清单-按科室")
    assert i18n.day_label(NOW.date()) == "2021年12月3日" and i18n.day_label(NOW.date(), "en") == "3 Dec 2021"


@pytest.mark.parametrize("kind", ["sample", "real"])
def test_the_letter_from_the_page_is_marked_while_the_sample_is_loaded(both, downloads, monkeypatch, tmp_path, kind):
    open_page(both[kind], "notices", "admin@bureau.gov", monkeypatch, tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(made(downloads[i18n.t("notices_download_xlsx")])))
    letter = [c for row in book.worksheets[0].values for c in row if c]
    assert bulletin.issuer() in letter
    assert (i18n.t("sample_file_note") in letter) == (kind == "sample")
    due = next(row[1] for row in book.worksheets[0].iter_rows() if row[0].value == "答复期限")
    assert due.is_date and due.number_format == 'yyyy"年"m"月"d"日"'
