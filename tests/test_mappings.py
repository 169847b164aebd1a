"""Saved 导入方案 (issue 20, SPEC §3.2): the header signature rule, saving and removing (audited, admins
only), the command line's --mapping NAME and mappings list|remove, and the 数据 page's mapping step
(AppTest; the browser's view of it is test_mappings_browser.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import cli_in_process, fresh_db, open_page, write_csv
from spending import SpendingError, audit, auth, ingest, mappings
from spending.db import opening
from test_take_back import fingerprint

CODE = "106-0401-YBN-QS1Q"          # a project of the 2021 plan that `init` loads
# An export none of whose headers is ours, nor an alias of ours (ingest.COLUMNS): the mapping step's case.
EXPORT = ["序号", "凭证流水号", "预算项目代码", "实付日期", "付款金额", "收款方名称", "用途说明"]
CHOSEN = {"voucher_no": "凭证流水号", "project_code": "预算项目代码", "pay_date": "实付日期",
          "amount_yuan": "付款金额"}
ADMIN = auth.User("treasury@bureau.example", "admin")


# ------------------------------------------------------------------ the signature rule

SIGNATURES = [
    (["凭证号", "项目编码"], '["凭证号","项目编码"]'),
    (["金额（元）", " 项目 编码 "], '["金额(元)","项目编码"]'),            # full-width parentheses, spaces
    (["Voucher_No", "PAY DATE"], '["voucher_no","paydate"]'),              # English in lower case
    (["凭证号", "", None, "  ", "金额"], '["凭证号","金额"]'),              # blank headers left out
    (["\u200b凭证号\ufeff", "金额\u00a0(元)"], '["凭证号","金额(元)"]'),     # invisible characters, no-break space
    ([2021, "项目编码"], '["2021","项目编码"]'),                            # an Excel number as a header
    (["a|b", "c"], '["a|b","c"]'),                                         # no separator to collide with
]


@pytest.mark.parametrize("header, expected", SIGNATURES)
def test_signature(header, expected):
    assert mappings.signature(header) == expected


def test_signature_keeps_the_order_and_every_header():
    assert mappings.signature(["凭证号", "金额"]) != mappings.signature(["金额", "凭证号"])
    assert mappings.signature(["凭证号", "金额"]) != mappings.signature(["凭证号", "金额", "摘要"])
    assert mappings.signature(["凭证号", "金额"]) == mappings.signature(["凭证号 ", "金额", ""])


STEP_COLUMNS = [
    ("disbursements", None, ["voucher_no", "project_code", "pay_date", "amount_yuan"]),
    ("adjustments", None, ["doc_no", "project_code", "effective_date", "amount_wan"]),
    ("plan", 2021, ["project_code", "project_name", "section", "budget_wan"] + ingest.MONTHS),
    ("plan", None, ["fiscal_year", "project_code", "project_name", "section", "budget_wan"] + ingest.MONTHS),
]


@pytest.mark.parametrize("kind, year, expected", STEP_COLUMNS)
def test_step_columns(kind, year, expected):
    assert mappings.step_columns(kind, year) == expected


@pytest.mark.parametrize("kind,chosen,missing,no_month", [
    ("disbursements", {"voucher_no": "a", "project_code": "b", "pay_date": "c", "amount_yuan": "d"}, [], False),
    ("disbursements", {"voucher_no": "a", "project_code": None, "pay_date": "c", "amount_yuan": ""},
     ["project_code", "amount_yuan"], False),
    ("plan", {"fiscal_year": "y", "project_code": "a", "project_name": "b", "section": "c", "budget_wan": "d"}, [], True),
    ("plan", {"project_code": "a", "project_name": "b", "section": "c", "budget_wan": "d", "m12": "12月"},
     ["fiscal_year"], False),
])
def test_what_the_step_still_lacks(kind, chosen, missing, no_month):
    assert mappings.incomplete(kind, chosen, mappings.step_columns(kind)) == (missing, no_month)


def test_a_plan_s_months_are_guessed_by_their_names_alone():
    header = ["编码", "项目名称", "科室", "年初预算数(万元)", "6月底", "10月底", "11月底", "12月底"]
    guess = mappings.guesses("plan", header, mappings.step_columns("plan"))
    months = {m: h for m, h in guess.items() if m in ingest.MONTHS and h is not None}
    assert months == {"m06": "6月底", "m10": "10月底", "m11": "11月底", "m12": "12月底"}
    assert guess["project_code"] == "编码"          # by likeness, once the names and aliases are taken


def test_best_guesses_take_no_header_twice():
    guess = mappings.guesses("disbursements", EXPORT, mappings.step_columns("disbursements"))
    assert guess == CHOSEN


BAD_CHOICES = [
    ({"voucher_no": "凭证"}, "文件中没有表头「凭证」"),
    ({"voucher_no": "凭证流水号", "project_code": "凭证流水号"}, "被同时选为「凭证号」和「项目编码」"),
    ({"budget_wan": "付款金额"}, "没有列 budget_wan"),
    ({"voucher_no": None, "project_code": " "}, "至少要对应一列"),
]


@pytest.mark.parametrize("columns, message", BAD_CHOICES)
def test_bad_choices_are_refused(columns, message):
    with pytest.raises(SpendingError, match=message):
        mappings.check_columns("disbursements", EXPORT, columns)


# ------------------------------------------------------------------ the command line

def export_file(path: Path, rows: list[list], header: list[str] = EXPORT, encoding: str = "utf-8") -> Path:
    return write_csv(path, header, rows, encoding)


def save_mapping(path: Path, name: str, header=EXPORT, columns=CHOSEN, user=ADMIN, kind="disbursements"):
    con = opening.connect(path)
    try:
        return mappings.save(con, user, name, kind, header, columns)
    finally:
        con.close()


def listed(path: Path, fmt: str) -> str:
    out = cli_in_process("mappings", "list", "--format", fmt, db_path=path)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture
def bureau(tmp_path):
    path = tmp_path / "m.duckdb"
    fresh_db(path)
    return path


def test_unknown_headers_refused_then_mapped_by_the_saved_signature(bureau, tmp_path):
    november = export_file(tmp_path / "11月支付.csv", [[1, "Z-1101", CODE, "2021-11-03", "1,000.50", "某公司", "维护"],
                                                       [2, "Z-1102", CODE, "2021-11-20", "199.50", "某公司", "维护"]])
    before = fingerprint(bureau)
    refused = cli_in_process("import-disbursements", str(november), db_path=bureau)
    assert refused.returncode == 1
    for zh in ("凭证号", "项目编码", "支付日期", "金额(元)"):
        assert f"缺少必需的列「{zh}」" in refused.stderr
    assert fingerprint(bureau) == before

    saved = save_mapping(bureau, "省一体化支付导出")
    assert saved.signature == mappings.signature(EXPORT) and saved.columns == CHOSEN
    assert saved.created_by == ADMIN.actor

    done = cli_in_process("import-disbursements", str(november), db_path=bureau)
    assert done.returncode == 0, done.stderr
    assert "使用按表头自动匹配的导入方案「省一体化支付导出」" in done.stdout
    assert "凭证号←凭证流水号" in done.stdout
    assert "导入 2 行" in done.stdout and "合计 0.12 万元" in done.stdout

    # next month: the same layout (GBK this time, other rows) goes straight in, without a question
    december = export_file(tmp_path / "12月支付.csv", [[1, "Z-1201", CODE, "2021-12-01", "300.00", "另一公司", ""]],
                           encoding="gbk")
    again = cli_in_process("import-disbursements", str(december), db_path=bureau)
    assert again.returncode == 0, again.stderr
    assert "「省一体化支付导出」" in again.stdout and "导入 1 行" in again.stdout
    paid = fingerprint(bureau)["disbursements"]
    assert sorted(r[1] for r in paid if str(r[1]).startswith("Z-")) == ["Z-1101", "Z-1102", "Z-1201"]


def test_mapping_named_on_the_command_line(bureau, tmp_path):
    save_mapping(bureau, "省一体化支付导出")
    # another layout (the columns in another order, one more) does not match the signature …
    other = ["付款金额", "实付日期", "预算项目代码", "凭证流水号", "用途说明"]
    moved = export_file(tmp_path / "moved.csv", [["88.00", "2021-10-09", CODE, "Z-N1", "x"]], header=other)
    before = fingerprint(bureau)
    assert cli_in_process("import-disbursements", str(moved), db_path=bureau).returncode == 1
    assert fingerprint(bureau) == before
    # … but --mapping NAME maps it by the headers the mapping names
    forced = cli_in_process("import-disbursements", str(moved), "--mapping", "省一体化支付导出", db_path=bureau)
    assert forced.returncode == 0, forced.stderr
    assert "使用指定的导入方案「省一体化支付导出」" in forced.stdout and "导入 1 行" in forced.stdout

    # a file that lacks a header the mapping names: a problem naming that header, nothing written
    lacking = export_file(tmp_path / "lacking.csv", [["Z-N2", CODE, "2021-10-09", "5"]],
                          header=["凭证流水号", "预算项目代码", "支付日期", "金额"])
    before = fingerprint(bureau)
    out = cli_in_process("import-disbursements", str(lacking), "--mapping", "省一体化支付导出", db_path=bureau)
    assert out.returncode == 1
    assert "导入方案把「支付日期」对应到表头「实付日期」，但文件中没有这一列" in out.stderr
    assert "导入方案把「金额(元)」对应到表头「付款金额」，但文件中没有这一列" in out.stderr
    assert "缺少必需的列" not in out.stderr                     # one problem per column, not two
    assert fingerprint(bureau) == before

    # an unknown name is wrong usage (exit 2), naming the saved ones; a mapping of another kind is refused
    unknown = cli_in_process("import-disbursements", str(moved), "--mapping", "没有这个", db_path=bureau)
    assert unknown.returncode == 2
    assert "没有名为「没有这个」的导入方案" in unknown.stderr and "省一体化支付导出" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    wrong_kind = cli_in_process("import-adjustments", str(moved), "--mapping", "省一体化支付导出", db_path=bureau)
    assert wrong_kind.returncode == 1 and "用于「支付明细」文件" in wrong_kind.stderr
    assert fingerprint(bureau) == before


def test_mappings_list_in_three_formats_and_remove(bureau):
    assert "还没有导入方案" in listed(bureau, "table")
    assert json.loads(listed(bureau, "json")) == []
    save_mapping(bureau, "省一体化支付导出")
    adjust_header = ["调整文号", "预算项目代码", "调整日期", "调整金额"]
    save_mapping(bureau, "调整导出", header=adjust_header, kind="adjustments",
                 columns={"doc_no": "调整文号", "project_code": "预算项目代码", "amount_wan": "调整金额"})

    rows = json.loads(listed(bureau, "json"))
    assert [list(r) for r in rows] == [mappings.LIST_COLUMNS] * 2
    assert [(r["name"], r["kind"], r["columns"]) for r in rows] == [
        ("省一体化支付导出", "disbursements", CHOSEN),
        ("调整导出", "adjustments", {"doc_no": "调整文号", "project_code": "预算项目代码", "amount_wan": "调整金额"})]
    assert all(len(r["created_at"]) == 19 for r in rows)
    table = list(csv.reader(io.StringIO(listed(bureau, "csv"))))
    assert table[0] == ["name", "kind", "columns", "created_at"]
    assert [(r[0], r[1], json.loads(r[2]), r[3]) for r in table[1:]] == [
        (r["name"], r["kind"], r["columns"], r["created_at"]) for r in rows]
    text = listed(bureau, "table")
    assert text.splitlines()[0].split()[:3] == ["导入方案", "类型", "列对应（本系统列←文件表头）"]
    assert "凭证号←凭证流水号；项目编码←预算项目代码" in text and "调整导出" in text

    gone = cli_in_process("mappings", "remove", "省一体化支付导出", db_path=bureau)
    assert gone.returncode == 0, gone.stderr
    assert "已删除导入方案「省一体化支付导出」" in gone.stdout
    assert [r["name"] for r in json.loads(listed(bureau, "json"))] == ["调整导出"]
    again = cli_in_process("mappings", "remove", "省一体化支付导出", db_path=bureau)
    assert again.returncode == 2 and "没有名为「省一体化支付导出」的导入方案" in again.stderr
    # the same headers may be saved again once the old mapping is gone
    save_mapping(bureau, "省一体化支付导出（新）")

    entries = json.loads(cli_in_process("audit", "--format", "json", db_path=bureau).stdout)
    mine = [(e["actor"], e["action"], e["object"]) for e in entries if e["action"].startswith("mapping_")]
    assert sorted(mine) == sorted([
        (ADMIN.actor, "mapping_saved", "省一体化支付导出"), (ADMIN.actor, "mapping_saved", "调整导出"),
        (auth.cli_actor(), "mapping_removed", "省一体化支付导出"), (ADMIN.actor, "mapping_saved", "省一体化支付导出（新）")])
    saved = next(e for e in entries if e["object"] == "省一体化支付导出" and e["action"] == "mapping_saved")
    assert json.loads(saved["detail"]) == {"kind": "disbursements", "columns": CHOSEN,
                                           "headers": json.loads(mappings.signature(EXPORT))}
    assert audit.action_label("mapping_saved") == "保存导入方案"
    assert "凭证号：凭证流水号" in audit.describe(saved["detail"])


def test_only_administrators_save_or_remove_and_names_stay_unique(bureau):
    before = fingerprint(bureau)
    for role in ("leader", "section"):
        with pytest.raises(SpendingError, match="只有预算国库科"):
            save_mapping(bureau, "x", user=auth.User(f"{role}@bureau.example", role))
    save_mapping(bureau, "省一体化支付导出")
    with pytest.raises(SpendingError, match="已有名为「省一体化支付导出」的导入方案"):
        save_mapping(bureau, "省一体化支付导出", header=["凭证号", "项目编码", "支付日期", "金额(元)"],
                     columns={"voucher_no": "凭证号"})
    with pytest.raises(SpendingError, match="这种表头已有导入方案「省一体化支付导出」"):
        save_mapping(bureau, "另一个名字")
    with pytest.raises(SpendingError, match="起一个名称"):
        save_mapping(bureau, "  ")
    con = opening.connect(bureau)
    try:
        with pytest.raises(SpendingError, match="只有预算国库科"):
            mappings.remove(con, auth.User("leader@bureau.example", "leader"), "省一体化支付导出")
        assert [m.name for m in mappings.listed(con)] == ["省一体化支付导出"]
        assert con.execute("select count(*) from audit_log where action like 'mapping_%'").fetchone()[0] == 1
    finally:
        con.close()
    assert fingerprint(bureau) == before


def test_an_xlsx_export_is_mapped_by_the_saved_signature(bureau, tmp_path):
    from openpyxl import Workbook

    save_mapping(bureau, "省一体化支付导出")
    book = Workbook()
    sheet = book.active
    sheet.append(EXPORT)
    sheet.append([1, "Z-X1", CODE, "2021-09-30", 1234.56, "某公司", "维护"])
    book.save(tmp_path / "九月.xlsx")
    out = cli_in_process("import-disbursements", str(tmp_path / "九月.xlsx"), db_path=bureau)
    assert out.returncode == 0, out.stderr
    assert "「省一体化支付导出」" in out.stdout and "合计 0.12 万元" in out.stdout


# ------------------------------------------------------------------ the 数据 page (AppTest)

@pytest.fixture
def data_page(tmp_path, monkeypatch):
    path = tmp_path / "page.duckdb"
    fresh_db(path)
    return open_page(path, monkeypatch), path


def export_bytes(rows: list[list]) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows([EXPORT, *rows])
    return text.getvalue().encode("gbk")


def test_mapping_step_on_the_page_then_next_month_without_a_question(data_page):
    at, path = data_page
    at.radio[0].set_value("disbursements")
    at.file_uploader[0].upload("11月.csv", export_bytes([[1, "P-1", CODE, "2021-11-03", "500.00", "某公司", "维护"]]))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("不能导入" in e.value for e in at.error)
    asked = {s.label: s.value for s in at.selectbox if s.label in ("凭证号", "项目编码", "支付日期", "金额(元)")}
    assert asked == {"凭证号": "凭证流水号", "项目编码": "预算项目代码", "支付日期": "实付日期", "金额(元)": "付款金额"}
    assert not [b for b in at.button if b.label == "导入"]
    at.selectbox(key=next(s.key for s in at.selectbox if s.label == "金额(元)")).select_index(0)   # （不导入）
    at.text_input(key=next(t.key for t in at.text_input if t.label == "导入方案名称")).set_value("省平台支付")
    next(b for b in at.button if b.label == "保存导入方案并预览").click()
    at.run()
    assert any("请为这些列选择表头：金额(元)" in e.value for e in at.error), [e.value for e in at.error] + [(s.label, s.value) for s in at.selectbox]
    con = opening.connect(path, read_only=True)
    assert mappings.listed(con) == []
    con.close()
    at.selectbox(key=next(s.key for s in at.selectbox if s.label == "金额(元)")).set_value("付款金额")
    next(b for b in at.button if b.label == "保存导入方案并预览").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("已保存导入方案「省平台支付」" in s.value for s in at.success)
    assert any("已按导入方案「省平台支付」对应表头" in i.value for i in at.info)
    assert any("校验通过" in s.value for s in at.success)
    next(b for b in at.button if b.label == "导入").click()
    at.run()
    assert any("导入 1 行" in s.value and "省平台支付" in s.value for s in at.success)

    # next month's file of the same layout: straight to the preview, no mapping step
    at.radio[0].set_value("disbursements")
    at.file_uploader[0].upload("12月.csv", export_bytes([[1, "P-2", CODE, "2021-12-03", "700.00", "某公司", ""]]))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert not [s for s in at.selectbox if s.label == "凭证号"]
    assert any("已按导入方案「省平台支付」对应表头" in i.value for i in at.info)
    assert [b for b in at.button if b.label == "导入"]
    con = opening.connect(path, read_only=True)
    try:
        [saved] = mappings.listed(con)
        assert (saved.name, saved.created_by, saved.columns) == ("省平台支付", f"local:{auth.os_user()}", CHOSEN)
        assert con.execute("select actor from audit_log where action = 'mapping_saved'").fetchall() == [(saved.created_by,)]
    finally:
        con.close()


# ------------------------------------------------------------------ ingest's chosen columns

CHOSEN_CASES = [
    # header, chosen, positions (English column -> index) or the problem's text
    (["凭证号", "项目编码", "支付日期", "金额(元)"], None,
     {"voucher_no": 0, "project_code": 1, "pay_date": 2, "amount_yuan": 3}),
    (["凭证号", "项目编码", "支付日期", "金额(元)", "付款金额"], {"amount_yuan": "付款金额"},      # the chosen one wins
     {"voucher_no": 0, "project_code": 1, "pay_date": 2, "amount_yuan": 4}),
    (["付款金额", "项目编码", "支付日期", "凭证号"], {"amount_yuan": " 付款金额 "},             # compared normalised
     {"amount_yuan": 0, "project_code": 1, "pay_date": 2, "voucher_no": 3}),
    (["凭证号", "项目编码", "支付日期", "摘要"], {"amount_yuan": "摘要"},     # a chosen header is not guessed too
     {"voucher_no": 0, "project_code": 1, "pay_date": 2, "amount_yuan": 3}),
    (["凭证号", "项目编码", "支付日期"], {"amount_yuan": "付款金额"},
     "导入方案把「金额(元)」对应到表头「付款金额」，但文件中没有这一列"),
]


@pytest.mark.parametrize("header, chosen, expected", CHOSEN_CASES)
def test_map_columns_with_chosen_columns(tmp_path, header, chosen, expected):
    table = ingest.read_file(write_csv(tmp_path / "f.csv", header, []))
    try:
        if isinstance(expected, str):
            with pytest.raises(ingest.ImportRejected) as rejected:
                ingest.map_columns("disbursements", table, chosen=chosen)
            assert [p.zh for p in rejected.value.problems] == [expected]
        else:
            assert ingest.map_columns("disbursements", table, chosen=chosen) == expected
    finally:
        table.discard()


def test_column_candidates_best_first():
    found = ingest.column_candidates("disbursements", ["凭证号", "支付凭证编号", "金额", "支付金额"])
    assert found["voucher_no"][:2] == ["凭证号", "支付凭证编号"]
    assert found["amount_yuan"][0] in ("金额", "支付金额") and found["payee"] == []
