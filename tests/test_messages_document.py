"""Issue 38, point 3: the messages of the document modules (document_load, document_layout, spending/document/)
carry a key of i18n.MESSAGES and its values: a page shows one language, the command line both, as before."""

from __future__ import annotations

import pytest

from spending import document, document_layout
from spending.document import parser
from spending.ui.text import said


def _parse_over(monkeypatch, name, most, text):
    monkeypatch.setattr(parser, name, most)
    return document.parse_text(text)


@pytest.mark.parametrize("refuse, key, zh, en", [
    (lambda mp: document_layout._row(["a"] * 101, 3), "layout_row_too_wide",
     "第 3 行的表格行超过 100 列，不予读取", "line 3: a table row has more than 100 cells; not read"),
    (lambda mp: document_layout._row(["a"] * 101, 3, ("表 2 第 5 行", "table 2 row 5")), "layout_row_too_wide",
     "表 2 第 5 行的表格行超过 100 列，不予读取", "table 2 row 5: a table row has more than 100 cells; not read"),
    (lambda mp: document_layout.text_rows('<table><tr><td colspan="101">a</td></tr></table>'), "layout_cell_too_wide",
     "第 1 行的表格单元格跨 101 列，超过 100 列，不予读取", "line 1: a table cell spans 101 columns, more than 100; not read"),
    (lambda mp: document_layout.docx_rows(b"PK\x03\x04 not a zip"), "docx_not_docx",
     "不是有效的 Word 文件（.docx），无法读取；请在 Word 中另存为 .docx 或导出为文本（.txt）",
     "not a valid Word file (.docx); save it again as .docx in Word, or as text (.txt)"),
    (lambda mp: (mp.setattr(document_layout, "MAX_DOCX_BYTES", 1_000_000),
                 document_layout.docx_rows(b"PK" * 1_200_000)), "docx_too_large",
     "Word 文件超过 1 MB（2.4 MB），不予读取", "the Word file is over 1 MB (2.4 MB); not read"),
    (lambda mp: _parse_over(mp, "MAX_LINES", 2, "a\nb\nc\n"), "document_too_many_lines",
     "文本超过 2 行（3 行），不予读取", "the text has more than 2 lines (3); not read"),
    (lambda mp: _parse_over(mp, "MAX_LINE_CHARS", 1_000, "a\n" + "字" * 1_001), "document_line_too_long",
     "第 2 行超过 1,000 个字符（1,001 个），不予读取", "line 2 is longer than 1,000 characters (1,001); not read"),
    (lambda mp: (mp.setattr(parser, "MAX_FILE_BYTES", 1_000_000), document.parse_bytes(b"a" * 1_500_000)),
     "document_file_too_large", "文件超过 1 MB（1.5 MB），不予读取", "the file is over 1 MB (1.5 MB); not read"),
])
def test_a_refused_text_is_a_key_and_its_values(monkeypatch, refuse, key, zh, en):
    with pytest.raises(document_layout.Refused) as raised:
        refuse(monkeypatch)
    refused = raised.value
    assert refused.message.key == key
    assert (refused.zh, refused.en) == (zh, en)
    assert str(refused) == f"{zh} | {en}"                 # the command line: both, as it printed before
    assert said(refused, "en") == said(en, "en")          # a page: its language only


def _schedule_problem(edits):
    import test_document
    return test_document.parsed(test_document.edit(*edits)).problems


@pytest.mark.parametrize("make, said_both", [
    (lambda: _schedule_problem([("资金 20 万元。", "资金 20 万元，其中追加 5 万元。")])[0],
     "第 16 行：资金安排情况中有多个金额，无法确定项目金额 | "
     "line 16: several amounts in the 资金安排情况 sentence: the project's amount is unclear"),
    (lambda: document.problem(22, "document_schedule_goes_down", month=10, value="20.00"),
     "第 22 行：10月底的进度 20.00 低于前一个月份 | line 22: 10月底: 20.00 is below an earlier month"),
    (lambda: document.problem(None, "document_schedule_no_month"),
     "资金支出计划没有月份 | the schedule names no month"),
    (lambda: document.problem(9, "document_indicator_repeats", code="A", name="满意度", shown=("3、4", "3, 4"),
                              first=2, repeats=2),
     "第 9 行：项目 A 的绩效指标「满意度」在第 3、4 行重复（与第 2 行相同，共重复 2 行） | "
     "line 9: project A: the indicator '满意度' on line(s) 3, 4 repeats line 2 (2 repeated row(s))"),
    (lambda: document.problem(4, "declaration_no_annual", name="甲", year=("2026", "YYYY")),
     "第 4 行：项目「甲」没有年度资金申请总额（或「2026年度预算安排 X 万元」） | "
     "line 4: project 甲: no 年度资金申请总额 (nor a sentence 'YYYY年度预算安排 X 万元')"),
    (lambda: document.problem(7, "declaration_indicator_incomplete", name="乙"),
     "第 7 行：项目「乙」的指标行缺少一级或三级指标 | line 7: project 乙: an indicator row lacks its 一级 or 三级指标"),
])
def test_a_line_that_cannot_be_read_is_a_problem_worded_by_its_key(make, said_both):
    problem = make()
    assert str(problem) == said_both                     # the command line: as it printed before


def test_rows_outside_any_table_beyond_twenty_say_how_many_in_all():
    rows = [(n, f"甲\t{n}\t") for n in range(1, 23)]
    (problem,) = document.parse_rows(rows).problems
    assert problem.zh == ("22 个表格行不属于任何可识别的表格，未读取：" + "、".join(f"第 {n} 行" for n in range(1, 21))
                          + "等（共 22 行）")
    assert problem.en == ("22 table row(s) outside any known table, not read: "
                          + ", ".join(f"line {n}" for n in range(1, 21)) + " … (22 in all)")


def test_a_problem_in_a_word_file_is_named_by_its_place():
    problem = document.Problem(3, "甲", "a", ("表 2 第 5 行", "table 2 row 5"))
    assert (str(problem), problem.where("en")) == ("表 2 第 5 行：甲 | table 2 row 5: a", "table 2 row 5")
    assert document.Document(places={3: ("第 3 段", "paragraph 3")}).where(3) == ("第 3 段", "paragraph 3")
    assert document.Document().where(4) == ("第 4 行", "line 4")


def test_an_amount_beyond_the_limit_in_a_declaration_names_the_limit_in_chinese_only():
    problem = document.problem(6, "declaration_amount_out_of_range", name="甲", label="年度资金申请总额", amount="-1",
                               most=(f"{document.MAX_AMOUNT_WAN:,}", ""))
    assert str(problem) == (f"第 6 行：项目「甲」的年度资金申请总额「-1」不是 0 至 {document.MAX_AMOUNT_WAN:,} 万元的金额 | "
                            "line 6: project 甲: 年度资金申请总额 '-1' is no amount")

