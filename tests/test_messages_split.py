"""Issue 38, point 3: the messages of the split modules (files/, db/, cli/, notices) are keys of
i18n.MESSAGES and their values: a page shows one language, the command line both, as before."""

from __future__ import annotations

import pytest

from spending import i18n
from spending.files.problems import ImportRejected, Problem, file_problem
from spending.files.reading import read_file
from spending.ui.text import said


def test_a_file_problem_is_a_key_and_its_values():
    rejected = file_problem("a.csv", "file_nul_byte", line=3, at=3)
    (problem,) = rejected.problems
    assert str(problem) == ("第 3 行：第 3 行含有 NUL 字符（0x00）：不是文本 CSV，或文件已损坏 | "
                            "line 3: line 3 holds a NUL byte (0x00): not a text CSV, or the file is damaged")
    assert problem.text("en") == "line 3: line 3 holds a NUL byte (0x00): not a text CSV, or the file is damaged"
    assert Problem.keyed("file_empty", line=2, column="amount", value="x", excel=True).text("en") == (
        'row 2, column amount, value "x": the file is empty')


def test_an_import_report_in_one_language_on_a_page_both_on_the_command_line():
    problems = [Problem.keyed("file_empty"), Problem.keyed("file_no_header", column="amount")]
    rejected = ImportRejected("a.csv", problems, total=203)
    assert rejected.report(limit=2) == (
        "导入被拒绝，未写入任何数据：a.csv 有 203 个问题 | import rejected, nothing written: a.csv has 203 problem(s)\n"
        "文件为空 | the file is empty\n"
        "列 amount：没有表头行 | column amount: there is no header row\n"
        "…… 另有 201 个问题 | … and 201 more")
    assert str(rejected) == rejected.report()
    assert rejected.text("en", limit=2) == ("import rejected, nothing written: a.csv has 203 problem(s)\n"
                                            "the file is empty\ncolumn amount: there is no header row\n… and 201 more")
    assert said(rejected, "zh").startswith("导入被拒绝，未写入任何数据：a\\.csv 有 203 个问题\n文件为空")


@pytest.mark.parametrize("data, key, en", [
    (b"", "file_empty", "the file is empty"),
    (b"\xff\xfea\x00", "file_utf16", "the file is UTF-16: save it as a UTF-8 or GBK CSV"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "xls_invalid", None),
])
def test_a_refused_file_says_the_catalogue_words(tmp_path, data, key, en):
    name = "a.xls" if key == "xls_invalid" else "a.csv"
    with pytest.raises(ImportRejected) as raised:
        read_file(tmp_path / name, name=name, data=data)
    words = i18n.MESSAGES[key][1].split("{")[0]
    assert raised.value.text("en").splitlines()[1].startswith(en or words)
    assert "|" not in raised.value.text("zh")
