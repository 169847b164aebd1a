"""Write the corpus of real-layout export files (issue 20) beside this script.

The layouts are those of the payment exports of 预算管理一体化 systems and treasury platforms: other column
names (支付凭证号, 预算项目编码, 实际支付日期, 支付金额 …), a report title and 单位 row above the header, a
序号 column and a 合计 footer, a 万元 summary view, 预算项目 holding `代码 - 名称`, names without codes,
21-digit codes (as text, and as the numbers Excel makes of them), the dates finance systems write; GBK CSV
and XLSX. tests/test_real_exports.py runs each through the command line.

    python tests/real_exports/make_corpus.py
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
QS1Q = "106-0401-YBN-QS1Q"            # 国库电子化和一体化建设 (data/plan-2021.csv)
A8GD = "106-0401-YBN-A8GD"            # 信息中心设备维护及网络租赁
CODE_1 = "330100210000000000001"      # 21-digit codes of the 一体化 standard (plan e00)
CODE_2 = "330100210000000000002"
CODE_3 = "330100210000000000003"


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list], numbers: bool = False) -> bytes:
    """A sheet of rows; cells are text, except numbers (floats, ints) and, with numbers=True, digit-only
    cells written as numbers (as Excel does with a code column left as 常规)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("支付明细")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(r, c, value)
            elif numbers and isinstance(value, str) and value.isdigit() and r > 0:
                sheet.write_number(r, c, float(value))
            else:
                sheet.write_string(r, c, value)
    book.close()
    return out.getvalue()


def corpus() -> dict[str, bytes]:
    files = {}
    # a plan of 21-digit codes, in an export's headers (项目代码, 预算数), two projects of one name
    files["e00_plan_21_digit_codes_aliases.csv"] = csv_bytes([
        ["预算年度", "项目代码", "项目名称", "责任科室", "预算数", "6月底", "12月底"],
        [2021, CODE_1, "会议费", "预算国库科", "10", "50", "100"],
        [2021, CODE_2, "会议费", "综合科", "5", "", "100"],
        [2021, CODE_3, "培训费", "综合科", "8", "", "100"]])
    files["e01_alias_headers.csv"] = csv_bytes([
        ["支付凭证号", "项目代码", "实际支付日期", "实际支付金额", "收款方账户名称", "资金用途"],
        ["E01-1", QS1Q, "2021-03-15", "140,001.11", "某某科技有限公司", "一体化建设款"],
        ["E01-2", A8GD, "2021-04-01", "2,500.00", "某某网络公司", "网络租赁"]])
    files["e02_vendor_title_unit_seq_total_gbk.csv"] = csv_bytes([
        ["某市财政局国库集中支付明细表（2021年5月）", "", "", "", "", "", ""],
        ["单位：元", "", "", "", "", "", ""],
        ["序号", "凭证编号", "预算项目编码", "付款日期", "支付金额", "收款人全称", "用途"],
        ["1", "E02-1", QS1Q, "2021/5/6", "1,000.10", "甲公司", "维护"],
        ["2", "E02-2", QS1Q, "2021/5/7", "2,000.20", "乙公司", "维护"],
        ["3", "E02-3", A8GD, "2021/5/8", "300.03", "丙公司", "租赁"],
        ["合计", "", "", "", "3,300.33", "", ""]], "gbk")
    files["e03_summary_view_wan.xlsx"] = xlsx_bytes([
        ["支付凭证编号", "项目编号", "记账日期", "金额（单位:万元）", "收款人名称"],
        ["E03-1", QS1Q, "2021-06-01", 1.234567, "甲公司"],
        ["E03-2", A8GD, "2021-06-02", "0.5", "乙公司"]])
    files["e04_code_and_name_in_one_cell.csv"] = csv_bytes([
        ["支付凭证号", "预算项目", "支付日期", "支付金额"],
        ["E04-1", f"{QS1Q} - 国库电子化和一体化建设", "2021-07-01", "100.00"],
        ["E04-2", f"{A8GD}-信息中心设备维护及网络租赁", "2021-07-02", "200.00"]])
    files["e04b_code_and_wrong_name.csv"] = csv_bytes([
        ["支付凭证号", "预算项目", "支付日期", "支付金额"],
        ["E04B-1", f"{QS1Q} - 国库电子化建设", "2021-07-01", "100.00"]])
    files["e05_names_only.csv"] = csv_bytes([
        ["支付凭证号", "项目名称", "支付日期", "支付金额"],
        ["E05-1", "国库电子化和一体化建设", "2021-08-01", "10.00"],
        ["E05-2", "培训费", "2021-08-02", "20.00"]])
    files["e05b_names_unknown_and_not_unique.csv"] = csv_bytes([
        ["支付凭证号", "项目名称", "支付日期", "支付金额"],
        ["E05B-1", "会议费", "2021-08-01", "10.00"],
        ["E05B-2", "没有这个项目", "2021-08-02", "20.00"]])
    header = ["支付凭证号", "预算项目编码", "支付日期", "支付金额"]
    rows21 = [["E06-1", CODE_1, "2021-09-01", "1,000.01"], ["E06-2", CODE_3, "2021-09-02", "99.99"]]
    files["e06_21_digit_codes_as_text.xlsx"] = xlsx_bytes([header, *rows21])
    files["e06b_21_digit_codes_as_text_gbk.csv"] = csv_bytes(
        [header, *[[f"E06B-{i}", *r[1:]] for i, r in enumerate(rows21, 1)]], "gbk")
    files["e07_21_digit_codes_as_excel_numbers.xlsx"] = xlsx_bytes(
        [header, *[[f"E07-{i}", *r[1:]] for i, r in enumerate(rows21, 1)]], numbers=True)
    files["e08_date_forms.csv"] = csv_bytes([
        ["凭证号", "项目编码", "支付日期", "金额(元)"],
        ["E08-1", QS1Q, "20210630", "1.00"],
        ["E08-2", QS1Q, "2021年6月30日", "2.00"],
        ["E08-3", QS1Q, "2021.06.30", "3.00"],
        ["E08-4", QS1Q, "2021-06-30 09:30:00", "4.00"],
        ["E08-5", QS1Q, "2021/6/30 9:30", "5.00"]])
    files["e08b_date_with_a_bad_time.csv"] = csv_bytes([
        ["凭证号", "项目编码", "支付日期", "金额(元)"],
        ["E08B-1", QS1Q, "2021-06-30 25:30", "1.00"]])
    files["e09_two_amount_columns.csv"] = csv_bytes([
        ["支付凭证号", "项目代码", "支付日期", "支付金额", "金额"],
        ["E09-1", QS1Q, "2021-10-01", "100.00", "100.00"]])
    files["e10_title_says_wan.csv"] = csv_bytes([
        ["支付明细（金额单位：万元）", "", "", ""],
        ["支付凭证号", "项目代码", "支付日期", "支付金额"],
        ["E10-1", QS1Q, "2021-10-02", "0.01"]])
    files["e11_adjustments_aliases.csv"] = csv_bytes([
        ["调整文号", "项目代码", "调整日期", "调整金额"],
        ["财预〔2021〕9号", QS1Q, "2021年6月1日", "2.5"]])
    return files


if __name__ == "__main__":
    for name, data in corpus().items():
        (HERE / name).write_bytes(data)
        print(name, len(data))
