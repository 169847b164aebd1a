"""Issue 38, point 3: the messages of the document modules (document_load, document_layout, spending/document/)
carry a key of i18n.MESSAGES and its values: a page shows one language, the command line both, as before."""

from __future__ import annotations

import pytest

from spending import SpendingError, document, document_layout, document_load
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


def _base():
    import test_document
    return test_document.parsed(test_document.BASE)


@pytest.mark.parametrize("raise_it, key, zh, en", [
    (lambda tmp: document_load.file_bytes(tmp / "无.txt"), "document_unreadable",
     "无法读取文件 {tmp}/无.txt：No such file or directory", "cannot read {tmp}/无.txt: No such file or directory"),
    (lambda tmp: document_load.read(b"\xff\xfe\x00a", "a.txt"), "document_not_text",
     "a.txt 既不是 UTF-8 也不是 GBK 编码的文本", "a.txt is neither UTF-8 nor GBK text"),
    (lambda tmp: document_load.read(b"PK\x03\x04 not a zip", "a.docx"), "document_refused",
     "a.docx：不是有效的 Word 文件（.docx），无法读取；请在 Word 中另存为 .docx 或导出为文本（.txt）",
     "a.docx: not a valid Word file (.docx); save it again as .docx in Word, or as text (.txt)"),
    (lambda tmp: document_load.settle(_base(), {"999": "甲科"}), "document_section_no_code",
     "--section 999=甲科：文本中没有项目编码 999", "--section 999=甲科: the text has no project 999"),
    (lambda tmp: document_load.settle(_base(), {"301-01-A": "丁科"}), "document_section_no_section",
     "--section 301-01-A=丁科：文本中没有科室「丁科」（可选：乙科、甲科）", "--section 301-01-A=丁科: the text has no section 丁科"),
    (lambda tmp: document_load.set_codes(_base(), {"丁": "X1"}), "document_code_no_name",
     "--code 丁=X1：文本中没有名为「丁」的项目（无编码的项目：无）", "--code 丁=X1: the text has no project named 丁"),
    (lambda tmp: document_load.set_codes(_base(), {"甲项目": "X 1"}), "document_code_invalid",
     "--code 甲项目=X 1：编码只能由字母、数字和 - _ . 组成", "--code 甲项目=X 1: a code is letters, digits and - _ ."),
    (lambda tmp: document_load.target_year(_base(), 2022), "document_whole_text",
     "文本的年度是 2023，与 --year 2022 不一致", "the text is for 2023, not --year 2022"),
])
def test_an_error_of_document_load_is_a_key_and_its_values(tmp_path, raise_it, key, zh, en):
    with pytest.raises(SpendingError) as raised:
        raise_it(tmp_path)
    error = raised.value
    zh, en = zh.replace("{tmp}", str(tmp_path)), en.replace("{tmp}", str(tmp_path))
    assert error.message is not None and error.message.key == key
    assert (error.text("zh"), error.text("en")) == (zh, en)
    assert str(error) == f"{zh} | {en}"                 # the command line: both, as it printed before
    assert said(error, "en") == said(en, "en")          # a page: its language only


def test_more_than_one_project_of_the_name_names_the_projects_without_a_code():
    doc = _base()
    doc.projects.append(document.Project(99, "M-1", "甲项目"))
    doc.projects[-1].made_code = True
    with pytest.raises(SpendingError) as raised:
        document_load.set_codes(doc, {"甲项目": "X1"})
    assert str(raised.value) == ("--code 甲项目=X1：文本中有多个名为「甲项目」的项目（无编码的项目：甲项目） | "
                                 "--code 甲项目=X1: the text has more than one project named 甲项目")


@pytest.mark.parametrize("batches, key, said_both", [
    ((None, None, None), "document_nothing_new",
     "a.txt：文本中的 2 个项目、科室和指标均已存在，未作改动 | "
     "the text's 2 projects, sections and indicators are already stored; nothing changed"),
    ((7, 8, 9), "document_loaded",
     "a.txt（2023 年）：导入项目 1 个、跳过已存在的 2 个，科室 3 个，绩效指标 4 条 | "
     "2023: imported 1 projects (skipped 2 already stored), 3 sections, 4 indicators"),
])
def test_a_document_s_summary_is_a_message_printed_as_before(batches, key, said_both):
    plan, sections, indicators = batches
    summary = document_load.DocumentResult("a.txt", 2023, plan, 1, 2, sections, 3, indicators, 4, []).summary()
    assert summary.key == key
    assert str(summary) == said_both
    assert summary.text("en") == said_both.split(" | ")[1]


def test_the_whole_text_s_problems_are_keyed():
    import test_document
    doc = test_document.parsed(test_document.BASE.replace("2023 年部门预算绩效文本\n", ""))
    doc.projects.clear()
    problems = document_load.whole_text_problems(doc, None)
    assert [p.zh[:9] for p in problems] == ["文本中没有年度（如", "文本中没有预算项目"]
    assert problems[1] == document.problem(None, "document_no_project_table") == document_load.NO_PROJECTS
    assert problems[0].en == ("the text names no year (a title such as 2023年部门预算信息公开, or 预算年度：2026): give --year")
