"""Issue 38, point 3: the messages of mappings, auth, mail, monitoring, seed, clock, export, rules and ingest
carry a key of i18n.MESSAGES and its values: a page shows one language, the command line both, as before."""

from __future__ import annotations

from decimal import Decimal

import pytest

from spending import SpendingError, auth, clock, mappings, monitoring, rules
from spending.ingest.loading import ImportResult
from spending.ingest.undoing import UndoResult
from spending.ui.text import said


def _no_chromium(monkeypatch):
    from spending import export
    monkeypatch.setenv("BROWSER_PATH", "")
    monkeypatch.setattr(export.shutil, "which", lambda name: None)
    return export.chromium()


@pytest.mark.parametrize("raise_it, key, zh, en", [
    (lambda mp: mappings.check_name("  "), "mapping_name_blank", "请为导入方案起一个名称", "give the mapping a name"),
    (lambda mp: mappings.check_columns("plan", ["项目编码"], {"project_code": "编码"}), "mapping_header_absent",
     "文件中没有表头「编码」", 'the file has no header "编码"'),
    (lambda mp: mappings.check_columns("plan", ["项目编码"], {"no_such": "项目编码"}), "mapping_column_not_of_kind",
     "「预算项目支出计划」文件没有列 no_such", "a plan file has no column no_such"),
    (lambda mp: (_ for _ in ()).throw(mappings.UnknownMapping("甲", [])), "mapping_unknown",
     "没有名为「甲」的导入方案；已保存的导入方案：（无）（mappings list）",
     'no saved mapping named "甲"; saved: none (mappings list)'),
    (lambda mp: (_ for _ in ()).throw(mappings.UnknownMapping("甲", ["乙", "丙"])), "mapping_unknown",
     "没有名为「甲」的导入方案；已保存的导入方案：乙、丙（mappings list）",
     'no saved mapping named "甲"; saved: 乙, 丙 (mappings list)'),
    (lambda mp: auth.normalise_login("a b"), "account_login_invalid",
     "账号「a b」无效：应为登录邮箱（或 sub），不含空格", 'invalid account "a b": a login e-mail (or sub) without spaces'),
    (lambda mp: clock.parse_day("2021-13-01", "--today"), "day_invalid",
     "--today「2021-13-01」不是日期 YYYY-MM-DD", '--today "2021-13-01" is not a day YYYY-MM-DD'),
    (lambda mp: rules.check_text("字" * 3, "纠偏措施", "the corrective measures", limit=2), "text_too_long",
     "纠偏措施不能超过 2 个字（现为 3 个字）", "the corrective measures may hold at most 2 characters (it has 3)"),
    (lambda mp: rules.check_text("字" * 1001, ("说明", "the note"), limit=1000), "text_too_long",
     "说明不能超过 1,000 个字（现为 1,001 个字）", "the note may hold at most 1,000 characters (it has 1,001)"),
    (lambda mp: monitoring.forecast_yuan("abc"), "forecast_not_amount",
     "全年预计执行数「abc」不是有效的金额", 'the forecast "abc" is not an amount'),
    (_no_chromium, "pdf_needs_chromium", "生成 PDF 需要 Chromium（apt-get install chromium fonts-noto-cjk）",
     "the PDF needs Chromium: apt-get install chromium fonts-noto-cjk"),
])
def test_an_error_of_these_modules_is_a_key_and_its_values(monkeypatch, raise_it, key, zh, en):
    with pytest.raises(SpendingError) as raised:
        raise_it(monkeypatch)
    error = raised.value
    assert error.message is not None and error.message.key == key
    assert (error.text("zh"), error.text("en")) == (zh, en)
    assert str(error) == f"{zh} | {en}"                 # the command line: both, as it printed before
    assert said(error, "en") == said(en, "en")          # a page: its language only


def test_a_summary_is_a_message_printed_as_before():
    loaded = ImportResult("plan", "a.csv", 7, 5, 3, 2, Decimal("1234567.891")).summary()
    assert loaded.key == "import_loaded"
    assert loaded.text("en") == ("a.csv: imported 3 rows, skipped 2 already stored, total 123.46 万元 "
                                 "(1,234,567.89 元) (batch 7)")
    assert str(loaded) == ("a.csv：导入 3 行，跳过已存在的 2 行，合计 123.46 万元（1,234,567.89 元）（批次 7） | "
                           + loaded.text("en"))
    nothing = ImportResult("plan", "a.csv", None, 5, 0, 5, Decimal(0)).summary()
    assert str(nothing) == "a.csv：5 行均已存在，未作改动 | a.csv: all 5 rows already stored, nothing changed"
    undone = UndoResult(3, "plan", 4, 2, 1).summary()
    assert undone.text("zh") == "已撤销批次 3：删除 4 行，恢复 1 个项目的上一版计划，保留 2 行（之后的批次也导入了这些行，现归该批次）"
    assert undone.text("en") == ("undid batch 3: removed 4 rows, restored the previous plan of 1 projects, kept 2 rows "
                                 "that a later batch also brought (they now belong to it)")
    assert str(UndoResult(3, "plan", 4, 0, 0).summary()) == "已撤销批次 3：删除 4 行 | undid batch 3: removed 4 rows"


def test_a_value_with_a_line_break_stays_inside_its_half():
    """A header of an Excel file often holds a line break: the command line prints "中文 | English" as it did
    before the messages had keys, not the halves' lines interleaved."""
    error = SpendingError("mapping_header_absent", header="金额\n(元)")
    assert str(error) == '文件中没有表头「金额\n(元)」 | the file has no header "金额\n(元)"'
    assert error.text("en") == 'the file has no header "金额\n(元)"'
