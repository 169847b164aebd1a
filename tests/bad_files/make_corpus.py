"""Write the corpus of invalid import files used by tests/test_bad_files.py.

Every file here must be rejected by `python -m spending import-…` with exit
status 1, a report on stderr and no change to the database (SPEC §2, §3).

The files assume the database made by `init --demo` (SPEC §2 and the 2021 plan of
the source document): 7 projects in fiscal year 2021, sample payments
SAMPLE-2021-0001 … and one sample adjustment SAMPLE-调-2021-01 (106-0601-YBN-RQRQ,
2021-09-15, −10 万元). No plan exists for 2022; the demo's SAMPLE 2020 plan (issue 14)
has no 106-0501-YBN-476T (代理记账中心运转费 starts in 2021).

Each file has exactly one reason to be rejected (the file name says which), and,
where it helps, a valid row before the bad one so that the reported line/row
number is not trivially 2 and all-or-nothing is exercised. Row-level expectations
(line/row number, column) live in the test table, next to the file name.

Deterministic: same bytes on every run (fixed random seed, fixed XLSX/zip
timestamps). Usage, from the repository root:

    .venv/bin/python tests/bad_files/make_corpus.py [OUTPUT_DIR]

OUTPUT_DIR defaults to the folder of this script.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
import zipfile
from pathlib import Path

import xlsxwriter

# Projects of the demo database (fiscal year 2021).
QS1Q = "106-0401-YBN-QS1Q"  # 国库电子化和一体化建设 30 万元, 预算国库科
DAES = "106-0401-YBN-DAES"  # 预决算编审 21, 预算国库科
A8GD = "106-0401-YBN-A8GD"  # 信息中心设备维护及网络租赁 17, 综合科
RQRQ = "106-0601-YBN-RQRQ"  # 业务委托费 173, 经济建设科 (sample adjustment −10 on 2021-09-15)
EI6K = "106-0201-YBN-EI6K"  # 会计培训 8, 非税综合科
V7G1 = "106-0201-YBN-V7G1"  # 综合治税信息系统 20, 农业农村科
T476 = "106-0501-YBN-476T"  # 代理记账中心运转费 20, 集中支付中心 (0/0/70/100)
UNKNOWN = "106-9999-YBN-ZZZZ"  # no such project in any year

D_EN = ["voucher_no", "project_code", "pay_date", "amount_yuan", "payee", "summary"]
D_ZH = ["凭证号", "项目编码", "支付日期", "金额(元)", "收款单位", "摘要"]
D_ZH_FW = ["凭证号", "项目编码", "支付日期", "金额（元）", "收款单位", "摘要"]

MONTHS = [f"m{m:02d}" for m in range(1, 13)]
P_EN = ["fiscal_year", "project_code", "project_name", "section", "budget_wan", *MONTHS]
P_ZH = ["年度", "项目编码", "项目名称", "科室", "年初预算数(万元)", *[f"{m}月底" for m in range(1, 13)]]
P_ZH_FW = ["年度", "项目编码", "项目名称", "科室", "年初预算数（万元）", *[f"{m}月底" for m in range(1, 13)]]

A_EN = ["doc_no", "project_code", "effective_date", "amount_wan", "reason"]
A_ZH = ["文号", "项目编码", "调整日期", "调整金额(万元)", "调整原因"]
A_ZH_FW = ["文号", "项目编码", "调整日期", "调整金额（万元）", "调整原因"]

FIXED_TIME = dt.datetime(2021, 12, 31, 0, 0, 0)


# --------------------------------------------------------------------------- rows

def d(voucher, code=QS1Q, date="2021-03-15", amount="1000.00",
      payee="测试供应商", summary="坏文件测试"):
    """One disbursement row (all strings, CSV order)."""
    return [voucher, code, date, amount, payee, summary]


def p(code, name="坏文件测试项目", section="预算国库科", budget="10",
      checkpoints=None, year="2021"):
    """One plan row; checkpoints maps month -> text (default 3:0, 6:0, 10:70, 12:100)."""
    if checkpoints is None:
        checkpoints = {3: "0", 6: "0", 10: "70", 12: "100"}
    months = [checkpoints.get(m, "") for m in range(1, 13)]
    row = [year, code, name, section, budget, *months]
    return row if year is not None else row[1:]


def a(doc_no, code=QS1Q, date="2021-06-01", amount="5", reason="坏文件测试"):
    """One adjustment row."""
    return [doc_no, code, date, amount, reason]


# ------------------------------------------------------------------------ writers

def csv_bytes(rows, encoding="utf-8", bom=False, newline="\n"):
    buf = io.StringIO()
    csv.writer(buf, lineterminator=newline).writerows(rows)
    data = buf.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(sheets, active=0):
    """sheets: list of (sheet name, rows); a cell may be str, int, float, date or None."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    wb.set_properties({"created": FIXED_TIME, "author": "make_corpus.py"})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets:
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_fmt)
                elif isinstance(value, str):
                    ws.write_string(r, c, value)  # never let xlsxwriter guess a type
                else:
                    ws.write_number(r, c, value)
    wb.worksheets()[active].activate()
    wb.close()
    return out.getvalue()


def sheet_xlsx(sheet_xml: bytes) -> bytes:
    """A minimal workbook around one hand-written sheet (for sizes xlsxwriter refuses to write), deflated."""
    return deflated_zip([
        ("[Content_Types].xml",
         b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         b'<Default Extension="xml" ContentType="application/xml"/>'
         b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         b'</Types>'),
        ("_rels/.rels",
         b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         b'</Relationships>'),
        ("xl/workbook.xml",
         b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
         b'</Relationships>'),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ])


def shared_strings_xlsx(rows: list[list[str]]) -> bytes:
    """A minimal workbook whose cells are all shared strings (Excel's own way): the texts in
    xl/sharedStrings.xml, each once, the sheet's cells pointing at them by number."""
    strings: dict[str, int] = {}
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, text in enumerate(row):
            index = strings.setdefault(text, len(strings))
            cells.append(f'<c r="{chr(65 + c)}{r}" t="s"><v>{index}</v></c>')
        sheet_rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    shared = "".join(f"<si><t>{text}</t></si>" for text in strings)
    book = zipfile.ZipFile(io.BytesIO(sheet_xlsx(sheet_xml(f"A1:F{len(rows)}", "".join(sheet_rows).encode()))))
    members = [(i.filename, book.read(i.filename)) for i in book.infolist()]
    members = [(n, d.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                          b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
                if n == "[Content_Types].xml" else
                d.replace(b"</Relationships>", b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
                                               b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                               b"</Relationships>")
                if n == "xl/_rels/workbook.xml.rels" else d) for n, d in members]
    members.append(("xl/sharedStrings.xml", (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{sum(map(len, rows))}" uniqueCount="{len(strings)}">{shared}</sst>').encode()))
    return deflated_zip(members)


def inline_row(number: int, cells: list[str]) -> bytes:
    out = [f'<row r="{number}">']
    for i, text in enumerate(cells):
        out.append(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{text}</t></is></c>')
    out.append("</row>")
    return "".join(out).encode("utf-8")


def sheet_xml(dimension: str, rows: bytes, padding: int = 0) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + f'<dimension ref="{dimension}"/>'.encode() + b"<sheetData>" + rows + b" " * padding
            + b"</sheetData></worksheet>")


def deflated_zip(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=9)
    return out.getvalue()


def zip_bytes(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


# ------------------------------------------------------------------------- corpus

def corpus() -> dict[str, bytes]:
    files: dict[str, bytes] = {}

    # ---- disbursements, CSV -------------------------------------------------
    files["d01_amount_not_numeric.csv"] = csv_bytes([D_EN, d("BAD-D01-1", amount="abc")])
    files["d02_amount_zero.csv"] = csv_bytes(
        [D_EN, d("BAD-D02-1"), d("BAD-D02-2", amount="0.00")])
    files["d03_amount_3_decimals.csv"] = csv_bytes([D_EN, d("BAD-D03-1", amount="12.345")])
    files["d04_date_feb30.csv"] = csv_bytes([D_EN, d("BAD-D04-1", date="2021-02-30")])
    files["d05_date_month13.csv"] = csv_bytes([D_EN, d("BAD-D05-1", date="2021-13-01")])
    files["d06_date_two_digit_year.csv"] = csv_bytes([D_EN, d("BAD-D06-1", date="21/3/5")])
    files["d07_unknown_project.csv"] = csv_bytes(
        [D_EN, d("BAD-D07-1"), d("BAD-D07-2", code=UNKNOWN)])
    files["d08_no_plan_in_year_2022.csv"] = csv_bytes(
        [D_EN, d("BAD-D08-1", date="2022-01-10")])
    files["d09_blank_voucher.csv"] = csv_bytes(
        [D_EN, d("BAD-D09-1"), d("", amount="200.00")])
    files["d10_voucher_repeated_in_file.csv"] = csv_bytes(
        [D_EN, d("BAD-D10-1", amount="100.00"), d("BAD-D10-1", amount="200.00")])
    # identical rows: still a key repeated within one file
    files["d11_voucher_repeated_identical_rows.csv"] = csv_bytes(
        [D_EN, d("BAD-D11-1"), d("BAD-D11-1")])
    # stored key with different content: conflict
    files["d12_voucher_conflicts_with_stored_sample.csv"] = csv_bytes(
        [D_EN, d("SAMPLE-2021-0001", code=QS1Q, date="2021-01-15", amount="987,654.32",
                 payee="冲突测试", summary="与已存样例凭证内容不同")])
    files["d13_missing_column_amount_yuan.csv"] = csv_bytes(
        [[h for h in D_EN if h != "amount_yuan"],
         [c for h, c in zip(D_EN, d("BAD-D13-1")) if h != "amount_yuan"]])
    # GBK, Chinese headers with half-width parentheses, Windows line ends
    files["d14_gbk_chinese_headers_bad_amount.csv"] = csv_bytes(
        [D_ZH, d("BAD-D14-1", payee="北京某某科技有限公司", summary="设备维护费"),
         d("BAD-D14-2", amount="一百元", payee="财政局印刷厂", summary="印刷费")],
        encoding="gbk", newline="\r\n")
    # GB18030 only (U+20BB7 𠮷 is not in GBK), Chinese headers with full-width parentheses;
    # 2021-04-31 does not exist
    files["d15_gb18030_fullwidth_headers_bad_date.csv"] = csv_bytes(
        [D_ZH_FW, d("BAD-D15-1", payee="𠮷野家餐饮", summary="会议餐费"),
         d("BAD-D15-2", date="2021-04-31", payee="𠮷祥印务", summary="资料印刷")],
        encoding="gb18030")
    # UTF-8 with BOM (the BOM sits before the first header, voucher_no); 2021 is no leap year
    files["d16_utf8_bom_bad_date.csv"] = csv_bytes(
        [D_EN, d("BAD-D16-1"), d("BAD-D16-2", date="2021-02-29")], bom=True)
    # one valid row (5 万元 on 476T, with a thousands separator) then one bad row
    files["d17_valid_row_then_bad_row.csv"] = csv_bytes(
        [D_EN, d("BAD-D17-1", code=T476, date="2021-08-20", amount="50,000.00"),
         d("BAD-D17-2", code=UNKNOWN, date="2021-08-21")])
    # a quoted summary spanning two physical lines (2-3): the bad record is on line 4
    files["d18_multiline_field_bad_on_line4.csv"] = csv_bytes(
        [D_EN, d("BAD-D18-1", summary="第一行摘要\n第二行摘要"),
         d("BAD-D18-2", amount="1.001")])
    # Decimal("NaN") parses; it is not an amount
    files["d19_amount_nan.csv"] = csv_bytes([D_EN, d("BAD-D19-1", amount="NaN")])
    files["d20_blank_pay_date.csv"] = csv_bytes(
        [D_EN, d("BAD-D20-1"), d("BAD-D20-2", date="")])

    # ---- disbursements, XLSX ------------------------------------------------
    files["d21_xlsx_amount_is_text.xlsx"] = xlsx_bytes([("支付明细", [
        D_EN,
        ["BAD-D21-1", QS1Q, dt.date(2021, 3, 15), 1000, "测试供应商", "正常行"],
        ["BAD-D21-2", QS1Q, dt.date(2021, 3, 16), "壹佰元", "测试供应商", "金额是文字"],
    ])])
    files["d22_xlsx_bad_row5.xlsx"] = xlsx_bytes([("支付明细", [
        D_ZH,
        ["BAD-D22-1", QS1Q, dt.date(2021, 3, 15), 1000, "测试供应商", None],
        ["BAD-D22-2", DAES, dt.date(2021, 4, 15), 2500.5, "测试供应商", None],
        ["BAD-D22-3", A8GD, dt.date(2021, 5, 15), 300, None, "无收款单位"],
        ["BAD-D22-4", EI6K, dt.date(2021, 6, 15), 0, "测试供应商", "金额为零"],
    ])])
    # the FIRST sheet is bad; the second sheet (valid) is the active one: SPEC reads the first
    files["d23_xlsx_first_sheet_bad_second_active.xlsx"] = xlsx_bytes([
        ("支付明细", [
            D_EN,
            ["BAD-D23-1", UNKNOWN, dt.date(2021, 3, 15), 1000, "测试供应商", "第一张表"],
        ]),
        ("说明", [
            D_EN,
            ["BAD-D23-9", V7G1, dt.date(2021, 3, 15), 1000, "测试供应商", "第二张表（不应读取）"],
        ]),
    ], active=1)

    # ---- plan, CSV (import-plan) ---------------------------------------------
    files["p01_checkpoint_over_100.csv"] = csv_bytes(
        [P_EN, p("106-0401-YBN-T001", checkpoints={6: "50", 12: "120"})])
    # blank m06 is no checkpoint; m03 60 then m10 50 decreases
    files["p02_checkpoints_decreasing.csv"] = csv_bytes(
        [P_EN, p("106-0401-YBN-T002", checkpoints={3: "60", 10: "50", 12: "100"})])
    # (p03, a row without a checkpoint, is no longer bad: it is a project without a plan, SPEC §5;
    #  tests/test_no_plan.py imports it)
    files["p04_negative_budget.csv"] = csv_bytes([P_EN, p("106-0401-YBN-T005", budget="-5")])
    files["p05_budget_7_decimals.csv"] = csv_bytes(
        [P_EN, p("106-0401-YBN-T006", budget="1.2345678")])
    files["p06_percentage_3_decimals.csv"] = csv_bytes(
        [P_EN, p("106-0401-YBN-T007", checkpoints={6: "33.333", 12: "100"})])
    files["p07_fiscal_year_disagrees_with_option.csv"] = csv_bytes(
        [P_EN, p("106-0401-YBN-T008"), p("106-0401-YBN-T009", year="2020")])
    files["p08_fiscal_year_column_missing_no_option.csv"] = csv_bytes(
        [P_EN[1:], p("106-0401-YBN-T010", year=None)])
    files["p09_fiscal_year_blank_no_option.csv"] = csv_bytes(
        [P_EN, p("106-0401-YBN-T011"), p("106-0401-YBN-T012", year="")])
    files["p10_duplicate_project_code.csv"] = csv_bytes(
        [P_EN, p("106-0401-YBN-T013", budget="10"), p("106-0401-YBN-T013", budget="12")])
    # re-import RQRQ with 5 万元: 5 − 10 (SAMPLE-调-2021-01 on 2021-09-15) < 0
    files["p11_reimport_lowers_budget_below_adjustment.csv"] = csv_bytes(
        [P_EN, p(RQRQ, name="业务委托费", section="经济建设科", budget="5",
                 checkpoints={3: "0", 6: "0", 10: "0", 12: "100"})])
    files["p12_budget_infinite.csv"] = csv_bytes([P_EN, p("106-0401-YBN-T014", budget="inf")])
    files["p13_missing_column_section.csv"] = csv_bytes(
        [[h for h in P_EN if h != "section"],
         [c for h, c in zip(P_EN, p("106-0401-YBN-T015")) if h != "section"]])
    files["p14_blank_project_name.csv"] = csv_bytes([P_EN, p("106-0401-YBN-T016", name="")])
    files["p15_percent_sign_over_100.csv"] = csv_bytes(
        [P_EN, p("106-0401-YBN-T017", checkpoints={6: "50%", 12: "100.01%"})])
    files["p16_fiscal_year_not_integer.csv"] = csv_bytes(
        [P_EN, p("106-0401-YBN-T018", year="2021.5")])
    files["p17_gbk_chinese_headers_bad_budget.csv"] = csv_bytes(
        [P_ZH, p("106-0401-YBN-T019", name="测试项目甲"),
         p("106-0401-YBN-T020", name="测试项目乙", budget="三十")],
        encoding="gbk", newline="\r\n")

    # ---- plan, XLSX ----------------------------------------------------------
    def p_cells(row):
        out = []
        for i, v in enumerate(row):
            if v == "":
                out.append(None)
            elif i == 0 or i >= 4:
                out.append(float(v) if "." in v else int(v))
            else:
                out.append(v)
        return out

    files["p18_xlsx_fullwidth_headers_negative_pct.xlsx"] = xlsx_bytes([("预算项目支出计划", [
        P_ZH_FW,
        p_cells(p("106-0401-YBN-T021")),
        p_cells(p("106-0401-YBN-T022", checkpoints={6: "-5", 12: "100"})),
    ])])

    # ---- adjustments, CSV (import-adjustments) -------------------------------
    # RQRQ: 173 − 10 (2021-09-15) − 200 < 0
    files["a01_adjustment_below_zero.csv"] = csv_bytes(
        [A_EN, a("BAD-A01-1", code=RQRQ, date="2021-10-01", amount="-200")])
    files["a02_amount_zero.csv"] = csv_bytes([A_EN, a("BAD-A02-1"), a("BAD-A02-2", amount="0")])
    # by date: 173 − 180 = −7 on 2021-03-01 (the +100 comes later, on 2021-05-01);
    # the file-order or end-of-year total (83) never goes below 0
    files["a03_running_total_below_zero_in_date_order.csv"] = csv_bytes(
        [A_EN, a("BAD-A03-1", code=RQRQ, date="2021-05-01", amount="100"),
         a("BAD-A03-2", code=RQRQ, date="2021-03-01", amount="-180")])
    # 173 − 170 = 3 on 2021-03-01, then the stored −10 on 2021-09-15 makes it −7
    files["a04_earlier_cut_makes_stored_adjustment_negative.csv"] = csv_bytes(
        [A_EN, a("BAD-A04-1", code=RQRQ, date="2021-03-01", amount="-170")])
    files["a05_doc_no_repeated_in_file.csv"] = csv_bytes(
        [A_EN, a("BAD-A05-1", date="2021-04-01", amount="1"),
         a("BAD-A05-1", date="2021-05-01", amount="2")])
    files["a06_doc_no_conflicts_with_stored_sample.csv"] = csv_bytes(
        [A_EN, a("SAMPLE-调-2021-01", code=RQRQ, date="2021-09-15", amount="-20",
                 reason="与已存样例调整金额不同")])
    files["a07_unknown_project.csv"] = csv_bytes([A_EN, a("BAD-A07-1", code=UNKNOWN)])
    files["a08_no_plan_in_year_2020.csv"] = csv_bytes(
        [A_EN, a("BAD-A08-1", code="106-0501-YBN-476T", date="2020-12-31", amount="1")])
    files["a09_amount_7_decimals.csv"] = csv_bytes(
        [A_EN, a("BAD-A09-1", amount="1.2345678")])
    files["a10_bad_date_sep31.csv"] = csv_bytes([A_EN, a("BAD-A10-1", date="2021/9/31")])
    files["a11_missing_column_amount_wan.csv"] = csv_bytes(
        [[h for h in A_EN if h != "amount_wan"],
         [c for h, c in zip(A_EN, a("BAD-A11-1")) if h != "amount_wan"]])
    files["a12_utf8_bom_fullwidth_headers_bad_amount.csv"] = csv_bytes(
        [A_ZH_FW, a("BAD-A12-1", amount="十万")], bom=True)

    # ---- adjustments, XLSX ---------------------------------------------------
    files["a13_xlsx_blank_doc_no.xlsx"] = xlsx_bytes([("预算调整", [
        A_ZH,
        ["BAD-A13-1", QS1Q, dt.date(2021, 6, 1), 5, "追加"],
        [None, DAES, dt.date(2021, 6, 2), 3, "文号为空"],
    ])])
    files["a14_xlsx_missing_column_doc_no.xlsx"] = xlsx_bytes([("预算调整", [
        A_EN[1:],
        [QS1Q, dt.date(2021, 6, 1), 5, "没有文号列"],
    ])])

    # ---- issue 11: files as people and treasury systems really make them ----------
    # 12,345.67 without quotes: 7 cells under a 6-column header (once silently 12.00)
    files["d24_unquoted_thousands_separator.csv"] = (
        ",".join(D_ZH) + "\n" + ",".join(d("BAD-D24-1")) + "\n"
        + "BAD-D24-2," + QS1Q + ",2021-03-16,12,345.67,测试供应商,千分位未加引号\n").encode("utf-8")
    files["d25_row_with_fewer_cells.csv"] = (
        ",".join(D_ZH) + "\n" + ",".join(d("BAD-D25-1")) + "\n" + "BAD-D25-2," + QS1Q + ",2021-03-16\n").encode("utf-8")
    # a GBK file with one line saved as UTF-8 (line 3), and a UTF-8 file with one GBK line (line 3)
    files["d26_gbk_file_with_one_utf8_line.csv"] = (
        ",".join(D_ZH).encode("gbk") + b"\n" + ",".join(d("BAD-D26-1", payee="北京某某公司")).encode("gbk") + b"\n"
        + ",".join(d("BAD-D26-2", payee="承德某某公司")).encode("utf-8") + b"\n")
    files["d27_utf8_file_with_one_gbk_line.csv"] = (
        ",".join(D_ZH).encode("utf-8") + b"\n" + ",".join(d("BAD-D27-1", payee="北京某某公司")).encode("utf-8") + b"\n"
        + ",".join(d("BAD-D27-2", payee="承德某某公司")).encode("gbk") + b"\n")
    files["d28_nul_byte_on_line_3.csv"] = (
        ",".join(D_EN) + "\n" + ",".join(d("BAD-D28-1")) + "\n" + ",".join(d("BAD-D28-2", summary="含\x00字符"))
        + "\n").encode("utf-8")
    # one quoted cell of 3 MB (an unbalanced quote swallows the rest of a file the same way)
    files["d29_cell_of_3_megabytes.csv"] = csv_bytes(
        [D_EN, d("BAD-D29-1"), d("BAD-D29-2", summary="长" * (1024 * 1024))])
    files["d30_amount_beyond_database_range.csv"] = csv_bytes(
        [D_EN, d("BAD-D30-1"), d("BAD-D30-2", amount="99999999999999.00")])
    # each amount fits, their month's total for the project does not
    files["d31_project_month_total_beyond_range.csv"] = csv_bytes(
        [D_EN] + [d(f"BAD-D31-{i:02d}", amount="9999999999999.00") for i in range(1, 13)])
    # four kinds of problem in one file: all four in the first report
    files["d32_every_problem_in_one_report.csv"] = csv_bytes(
        [D_EN, d("BAD-D32-1", date="2021-02-30"), d("BAD-D32-2"), d("BAD-D32-2", amount="5.00"),
         d("BAD-D32-3", code=UNKNOWN),
         d("SAMPLE-2021-0001", code=QS1Q, date="2021-01-15", amount="987,654.32", payee="冲突测试", summary="已存凭证")])
    # title rows above the header and a 合计 row below: the bad row is still named by its line (5)
    files["d33_title_rows_and_total_bad_row.csv"] = csv_bytes(
        [["2021年12月国库支付明细表", "", "", "", "", ""], ["单位：元", "", "", "", "", ""], D_ZH,
         d("BAD-D33-1"), d("BAD-D33-2", amount="1.001"), ["合计", "", "", "1001.001", "", ""]], encoding="gbk")
    # the stored sample voucher with a zero-width space and a TAB: still the same key, so a conflict
    files["d34_invisible_characters_in_stored_key.csv"] = csv_bytes(
        [D_EN, d("SAMPLE-2021-0001\u200b\t", code=QS1Q + "\u00a0", date="2021-01-15", amount="1.00")])
    # ---- issue 19: hostile input ------------------------------------------------
    # 1,000 without quotes in a row without 摘要: as many cells as the header, once read as 1.00 paid to "000"
    files["d35_unquoted_thousands_separator_without_summary.csv"] = (
        ",".join(D_ZH) + "\n" + ",".join(d("BAD-D35-1")) + "\n"
        + "BAD-D35-2," + QS1Q + ",2021-03-02,1,000,某公司\n").encode("utf-8")
    # the stored sample voucher in full-width letters, with RLM, NNBSP, a non-breaking hyphen and a tag
    # character: the same key, so a conflict (1800.00 stored), never a second payment
    files["d36_voucher_dressed_in_format_characters.csv"] = csv_bytes(
        [D_EN, d("ＳＡＭＰＬＥ\u2011\u200f2021\u202f-0001\U000E0041", code=QS1Q, date="2021-01-15", amount="1.00")])
    # 合计 as the voucher of a row with a valid project code, date and amount: not left out silently
    files["d37_total_label_as_voucher_with_payment_data.csv"] = csv_bytes(
        [D_ZH, d("BAD-D37-1"), d("合计", date="2021-03-02", amount="1800.00", payee="某公司", summary="网费")])
    # a terminal escape sequence in a payee: refused, and the report does not print it
    files["d38_escape_sequence_in_payee.csv"] = csv_bytes(
        [D_EN, d("BAD-D38-1"), d("BAD-D38-2", payee="\x1b[31m某公司\x1b[0m")])
    # a bidi override in a project name ("\u202eevil\u202c名称" shows as "live名称") and an escape in a section
    files["p20_bidi_override_in_project_name.csv"] = csv_bytes(
        [P_EN, p("106-0401-YBN-B20A", name="\u202eevil\u202c名称")])
    files["p21_escape_sequence_in_section.csv"] = csv_bytes(
        [P_EN, p("106-0401-YBN-B21A"), p("106-0401-YBN-B21B", section="\x1b[2J\x1b[31m综合科")])
    # a payments file given as a plan: the report says what it looks like
    files["p19_payments_file_given_as_plan.csv"] = csv_bytes([D_ZH, d("BAD-P19-1")])
    # a bad date and the running-budget rule broken by another row: both in the first report
    files["a15_bad_date_and_budget_below_zero.csv"] = csv_bytes(
        [A_EN, a("BAD-A15-1", date="2021-02-30"), a("BAD-A15-2", code=RQRQ, date="2021-10-01", amount="-200")])

    # ---- Excel bombs: refused before the reader allocates anything ---------------
    def bomb_one_far_cell():
        out = io.BytesIO()
        wb = xlsxwriter.Workbook(out, {"in_memory": True})
        wb.set_properties({"created": FIXED_TIME, "author": "make_corpus.py"})
        ws = wb.add_worksheet("支付明细")
        for c, h in enumerate(D_ZH):
            ws.write_string(0, c, h)
        ws.write_number(1048575, 16383, 1)    # XFD1048576
        wb.close()
        return out.getvalue()

    files["x01_xlsx_one_cell_at_XFD1048576.xlsx"] = bomb_one_far_cell()
    files["x02_xlsx_declares_2000000_rows.xlsx"] = sheet_xlsx(sheet_xml(
        "A1:F2000000", inline_row(1, D_EN) + inline_row(2000000, d("BAD-X02-1"))))
    files["x03_xlsx_sheet_unpacks_beyond_limit.xlsx"] = sheet_xlsx(sheet_xml(
        "A1:F2", inline_row(1, D_EN) + inline_row(2, d("BAD-X03-1")), padding=257 * 1024 * 1024))
    # one shared string of 2,000,000 characters (a few KB zipped; calamine would hold it whole, and the
    # preview send it to the browser): refused before the workbook is read, naming the cell that shows it
    files["x05_xlsx_shared_string_of_2000000_characters.xlsx"] = shared_strings_xlsx(
        [D_ZH, d("BAD-X05-1"), d("BAD-X05-2", summary="长" * 2_000_000)])
    # the same as an inline string of the sheet itself
    files["x06_xlsx_inline_string_of_2000000_characters.xlsx"] = sheet_xlsx(sheet_xml(
        "A1:F3", inline_row(1, D_EN) + inline_row(2, d("BAD-X06-1")) + inline_row(3, d("BAD-X06-2", payee="x" * 2_000_000))))
    # an amount beyond the database's range typed into Excel (a float, 1e20)
    files["x04_xlsx_amount_beyond_range.xlsx"] = xlsx_bytes([("支付明细", [
        D_ZH, ["BAD-X04-1", QS1Q, dt.date(2021, 3, 15), 1e20, "测试供应商", "金额过大"]])])

    # ---- file-level problems -------------------------------------------------
    files["f01_empty.csv"] = b""
    files["f02_random_bytes.csv"] = b"\x00\xff\x80" + random.Random(20211231).randbytes(509)
    files["f03_text_renamed.xlsx"] = "这不是 Excel 文件。\nThis is plain text, not an XLSX workbook.\n".encode()
    files["f04_zip_but_not_xlsx.xlsx"] = zip_bytes([("readme.txt", b"not a workbook\n")])
    # UTF-16 is not a supported encoding (the data row is bad as well, to be safe)
    files["f05_utf16.csv"] = "\n".join(
        [",".join(D_EN), ",".join(d("BAD-F05-1", amount="abc")), ""]).encode("utf-16")
    files["f06_blank_lines_only.csv"] = b"\n\n\n"
    # data rows without a header row
    files["f07_no_header_row.csv"] = csv_bytes(
        [d("BAD-F07-1"), d("BAD-F07-2", code=DAES)])
    files["f08_xlsx_empty_first_sheet.xlsx"] = xlsx_bytes([("Sheet1", [])])
    files["f09_plan_empty.csv"] = b""
    files["f10_adjustments_random_bytes.xlsx"] = random.Random(20210915).randbytes(256)
    return files


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out_dir.mkdir(parents=True, exist_ok=True)
    files = corpus()
    for name, data in sorted(files.items()):
        (out_dir / name).write_bytes(data)
    print(f"wrote {len(files)} files to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
