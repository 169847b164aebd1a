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


def _raised(action):
    from spending import SpendingError
    with pytest.raises(SpendingError) as raised:
        action()
    return raised.value


def test_the_database_files_errors_are_keys(tmp_path):
    from spending.db import damage, disk_space
    (tmp_path / "a.duckdb").write_bytes(b"SQLite format 3\0" + b"\0" * 100)
    error = _raised(lambda: damage.sniff(tmp_path / "a.duckdb"))
    assert error.message.key == "database_is_sqlite"
    assert error.text("en") == f"{tmp_path / 'a.duckdb'} is a SQLite database, not a DuckDB database of this system"
    assert damage.damaged(tmp_path / "b").message.key == "database_damaged"
    full = disk_space.DiskFull("/x.duckdb")
    assert str(full) == ("磁盘空间不足，写入未完成，数据库未改变：/x.duckdb；请腾出磁盘空间后重试 | not enough disk space: "
                         "the write did not complete and the database is unchanged: /x.duckdb; free some space and try again")
    assert disk_space.DiskFull().text("en") == ("not enough disk space: the write did not complete and the database is "
                                                "unchanged; free some space and try again")


@pytest.mark.parametrize("answer, key, zh, en", [
    (dict(cause="no_such"), "answer_cause_choose", None, "choose the cause's category"),
    (dict(cause_text=" "), "answer_cause_text", "请说明偏差原因", "say what caused the deviation"),
    (dict(action="", asks="overspent"), "answer_action_overspent", "请填写追加预算申请或超支情况说明",
     "apply for an additional budget or explain the overspending"),
    (dict(catch_up_month=2), "answer_catch_up_range", "预计恢复进度月份应在 3 月至 12 月之间",
     "the month to be back on plan by must be between 3 and 12"),
])
def test_an_answers_refusal_is_a_key(answer, key, zh, en):
    from spending import notice_rules
    given = dict(cause=notice_rules.DEVIATION_CAUSES[0], cause_text="因为", action="补", catch_up_month=6,
                 forecast_wan="1", asks="behind") | answer
    error = _raised(lambda: notice_rules.check_answer(3, **given))
    assert error.message.key == key and error.text("en") == en
    assert zh is None or str(error) == f"{zh} | {en}"
    if key == "answer_cause_choose":        # the categories named in Chinese only, as before
        assert error.text("zh") == f"请选择偏差原因类别（{'、'.join(notice_rules.DEVIATION_CAUSES)}）"


def test_the_command_lines_lines_are_messages(capsys):
    from spending.cli.output import print_table
    print_table([], ["project_code"])
    print_table([], ["project_code"], empty=i18n.Message("mappings_none"))
    assert capsys.readouterr().out == "该年度没有预算项目 | no projects in that year\n还没有导入方案 | no saved mappings yet\n"
    assert str(i18n.Message("answer_reviewed", month=("2021-03 ", ""), project="P1", verdict=("已审核", "accepted"))) == (
        "2021-03 项目 P1 的答复：已审核 | the answer about P1: accepted")
    assert str(i18n.Message("database_error", error=("", "boom"))) == "数据库错误 | database error: boom"


def test_opening_a_database_says_its_refusals_by_key(tmp_path):
    from spending.db import opening
    error = _raised(lambda: opening.connect(tmp_path / "none.duckdb"))
    assert error.message.key == "database_missing"
    assert str(error) == (f"数据库 {tmp_path / 'none.duckdb'} 不存在，请先运行 python -m spending init | "
                          f"database {tmp_path / 'none.duckdb'} does not exist: run `python -m spending init` first")
    locked = opening._lock_message(Exception("Conflicting lock ... PID 999999999"), tmp_path / "a.duckdb", 3)
    assert locked.text("en") == (f"database {tmp_path / 'a.duckdb'} is locked by another process (PID 999999999) "
                                 "(waited 3 s): try again later or wait longer with --wait")
    assert locked.text("zh") == (f"数据库 {tmp_path / 'a.duckdb'} 正被另一个进程（PID 999999999）占用，已等待 3 秒，"
                                 "请稍后再试或用 --wait 等待更久")


def test_a_usage_error_names_the_option_before_the_message():
    from spending import NoProjects
    from spending.cli.arguments import UsageError
    error = UsageError("report --section", NoProjects(2021))
    assert str(error) == "report --section: 2021 年度没有预算项目 | no projects in 2021"
    assert error.text("en") == "report --section: no projects in 2021" and error.message.key == "no_projects"
