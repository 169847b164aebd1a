"""The treasury's monthly import through the 数据 page (AppTest): preview, confirm, reject,
undo, sample removal — and the database unchanged by every bad file."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, fresh_db, open_page
from spending import auth, pace, processes, ui
from test_bad_files import CASES, CORPUS, SPOT_CHECKED, Y21

KIND = {"import-disbursements": "disbursements", "import-adjustments": "adjustments", "import-plan": "plan"}
# A plan file without a year column is fine on the page (its year box is always filled),
# so only the plan cases that carry --year keep their meaning here.
# A payments file given as a plan is no bad file on the page: the page picks the kind its headers say
# (test_kind_told_from_headers_and_a_wrong_kind_hinted).
# Every file of the corpus goes through the command line's rules (test_bad_files); the page takes the
# sample that also goes through the real process: each verb and file type, the encodings, the control
# characters, an Excel bomb and files that are no table.
PAGE_CASES = [c for c in CASES if (c.verb != "import-plan" or tuple(c.args) == Y21)
              and c.file != "p19_payments_file_given_as_plan.csv" and c.file in SPOT_CHECKED]


@pytest.fixture(scope="module")
def data_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("datapage") / "data.duckdb"
    fresh_db(path, demo=True)
    return path


@pytest.fixture
def data_page(data_db, monkeypatch):
    return lambda: open_page(data_db, monkeypatch)


@pytest.fixture(scope="module")
def bad_file_page(data_db):
    """One 数据 page that the bad files are uploaded to in turn, as a person tries one file after another
    (every run draws the whole page anew; opening it anew for each file cost two runs more)."""
    with pytest.MonkeyPatch.context() as m:
        yield open_page(data_db, m)


def snapshot(path) -> tuple:
    with ui._connection(str(path)) as con:   # the page's own connection (this process holds the lock)
        counts = con.execute("select (select count(*) from disbursements), (select count(*) from adjustments),"
                             " (select count(*) from projects), (select count(*) from import_batches)").fetchone()
        return (counts, pace.project_status(con, 2021, 11), pace.section_status(con, 2021, 12))


def upload(at: AppTest, kind: str, name: str, data: bytes) -> AppTest:
    at.radio[0].set_value(kind)
    at.file_uploader[0].upload(name, data)
    return at.run()


def test_the_pages_sample_has_each_kind_and_file_type():
    assert {(KIND[c.verb], c.file.rsplit(".", 1)[1]) for c in PAGE_CASES} == {
        (kind, suffix) for kind in KIND.values() for suffix in ("csv", "xlsx")}
    assert len(PAGE_CASES) >= 15


@pytest.mark.parametrize("case", PAGE_CASES, ids=[c.file for c in PAGE_CASES])
def test_bad_file_through_the_page(bad_file_page, data_db, case, monkeypatch):
    monkeypatch.setenv("SPENDING_DB", str(data_db))
    at = bad_file_page
    before = snapshot(data_db)
    upload(at, KIND[case.verb], case.file, (CORPUS / case.file).read_bytes())
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert "不能导入" in errors and "数据库未改动" in errors
    assert not [b for b in at.button if b.label == "导入"], "a bad file must offer no import button"
    problems = next(d.value for d in at.dataframe if "原因" in d.value.columns)
    assert len(problems) >= 1
    assert problems["原因"].str.len().min() > 0
    assert list(problems.columns) == ["行号", "列", "列名", "值", "原因"]      # issue 21: headers in Chinese, one language
    assert snapshot(data_db) == before


def test_good_file_previews_then_imports_then_undoes(data_page, data_db, tmp_path):
    at = data_page()
    before = snapshot(data_db)
    content = ("凭证号,项目编码,支付日期,金额(元),收款单位,摘要\n"
               "PAGE-1,106-0401-YBN-QS1Q,2021-11-20,\"12,000.00\",某公司,=SUM(A1)\n"
               "PAGE-2,106-0401-YBN-QS1Q,2021-11-21,-2000,某公司,冲销\n").encode("gbk")
    upload(at, "disbursements", "十一月支付.csv", content)
    captions = " ".join(c.value for c in at.caption)
    assert "gb18030" in captions and "1.00 万元" in captions and "新增：2" in captions
    assert snapshot(data_db) == before, "nothing is written before the user confirms"
    [button] = [b for b in at.button if b.label == "导入"]
    button.click().run()
    assert any("导入 2 行" in s.value for s in at.success)
    assert not any("imported" in s.value for s in at.success)      # issue 21: the English half only in English
    history = next(d.value for d in at.dataframe if "文件名" in d.value.columns)
    newest = history.iloc[0]
    # 导入人 is who is logged in, not free text: in local mode, the person at this machine
    assert (newest["文件名"], newest["导入人"], newest["导入行数"]) == ("十一月支付.csv", auth.local_user().actor, 2)
    after = snapshot(data_db)
    assert after[0][0] == before[0][0] + 2
    # undo exactly that batch
    at = data_page()
    at.selectbox(key="undo_batch").set_value(int(newest["批次"]))
    at.checkbox(key="undo_sure").check()
    at.run()
    [button] = [b for b in at.button if b.label == "撤销"]
    button.click().run()
    assert any("删除 2 行" in s.value for s in at.success)
    assert snapshot(data_db)[1:] == before[1:]


def test_sample_data_removed_in_one_step(data_page, data_db):
    at = data_page()
    assert at.warning and "示例" in at.warning[0].value
    [remove] = [b for b in at.button if b.label == "删除示例数据"]
    assert remove.disabled
    at.checkbox(key="sample_sure").check().run()
    [remove] = [b for b in at.button if b.label == "删除示例数据"]
    remove.click().run()
    assert any("示例数据" in s.value for s in at.success)
    counts = snapshot(data_db)[0]
    assert counts[0] == 0 and counts[1] == 0
    again = data_page()
    assert not any("示例" in w.value for w in again.warning)            # the banner is gone
    # and, with no payment left, the month is marked as not yet imported
    assert any("支付数据尚未导入" in w.value for w in again.warning)   # (no payment left at all)


def test_fifty_megabyte_file_with_one_bad_row(data_page, data_db):
    """A 50 MB payment export whose last row is bad: named exactly, nothing written."""
    lines = ["凭证号,项目编码,支付日期,金额(元),收款单位,摘要"]
    i = 0
    size = 0
    while size < 50 * 1024 * 1024:
        line = f"BIG-{i:08d},106-0401-YBN-QS1Q,2021-{1 + i % 11:02d}-{1 + i % 28:02d},{i % 9000 + 1}.25,承德某某有限公司,大文件测试"
        lines.append(line)
        size += len(line.encode()) + 1
        i += 1
    lines.append(f"BIG-{i:08d},106-0401-YBN-QS1Q,2021-11-31,10.00,某公司,最后一行日期错误")
    content = ("\n".join(lines) + "\n").encode("utf-8")
    assert len(content) >= 50 * 1024 * 1024
    at = data_page()
    before = snapshot(data_db)
    upload(at, "disbursements", "big.csv", content)
    problems = next(d.value for d in at.dataframe if "原因" in d.value.columns)
    assert problems.to_dict("records")[0] == {"行号": len(lines), "列": "pay_date", "值": "2021-11-31",
                                                  "原因": "不存在的日期", "列名": "支付日期"}
    assert snapshot(data_db) == before


def test_kind_told_from_headers_and_a_wrong_kind_hinted(data_page, data_db):
    """No kind is chosen beforehand; a payments export with title rows, a 合计 row and a reversal
    without its payment: payments is chosen and said so, the total row is left out and said so, the
    per-project subtotals are shown, the negative cumulative spending is flagged; then, as a plan,
    the file is refused with a hint."""
    at = data_page()
    before = snapshot(data_db)
    assert at.radio[0].value is None, "the page must not default to a kind"
    content = ("2021年11月国库支付明细表,,,,,\n单位：元,,,,,\n"
               "凭证号,项目编码,支付日期,金额(元),收款单位,摘要\n"
               "KIND-1,106-0401-YBN-QS1Q,2021-11-20,\"12,000.00\",某公司,设备款\n"
               "KIND-2,106-0201-YBN-EI6K,2021-11-21,-5000000,某公司,冲销（无原支付）\n"
               "合计,,,\"-4,988,000.00\",,\n").encode("gbk")
    at.file_uploader[0].upload("十一月支付.csv", content)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio[0].value == "disbursements"
    captions = " ".join(c.value for c in at.caption)
    assert "识别为「支付明细」" in captions and "表头在第 3 行" in captions and "新增：2" in captions
    assert any("合计" in i.value and "6" in i.value for i in at.info), "the 合计 line is said to be left out"
    subtotals = next(d.value for d in at.dataframe if "行数" in d.value.columns)
    assert subtotals.set_index("项目编码")["行数"].to_dict() == {"106-0201-YBN-EI6K": 1, "106-0401-YBN-QS1Q": 1}
    assert subtotals.set_index("项目编码").loc["106-0401-YBN-QS1Q", "金额(元)"] == "12,000.00"   # 元 to the fen (issue 20)
    assert subtotals.set_index("项目编码").loc["106-0201-YBN-EI6K", "金额(元)"] == "-5,000,000.00"
    assert any("累计支出为负" in w.value for w in at.warning)
    negative = next(d.value for d in at.dataframe if "累计支出(万元)" in d.value.columns)
    assert list(negative["项目编码"]) == ["106-0201-YBN-EI6K"]
    assert [b for b in at.button if b.label == "导入"], "a good file (with a warning) can be imported"
    # the same file as a plan: refused, with the kind it looks like
    at.radio[0].set_value("plan").run()
    errors = " ".join(e.value for e in at.error)
    assert "不能导入" in errors
    problems = next(d.value for d in at.dataframe if "原因" in d.value.columns)
    assert problems["原因"].str.contains("支付明细").any()
    assert not [b for b in at.button if b.label == "导入"]
    assert snapshot(data_db) == before


def test_every_problem_on_the_page_with_chinese_column_names(data_page, data_db, tmp_path):
    """A bad date, a repeated voucher, an unknown project and a voucher stored with other content."""
    from spending import ingest

    header = "凭证号,项目编码,支付日期,金额(元),收款单位,摘要\n"
    stored = tmp_path / "stored.csv"
    stored.write_text(header + "EVERY-STORED,106-0401-YBN-QS1Q,2021-06-01,1800.00,某公司,已存\n", encoding="utf-8")
    with ui._shared(str(data_db)).writing() as con:     # the page's own process writes through sharing.Shared
        ingest.import_file(con, "disbursements", stored)
    ui.clear_caches()
    at = data_page()
    before = snapshot(data_db)
    content = (header + "EVERY-1,106-0401-YBN-QS1Q,2021-02-30,1,,\nEVERY-2,106-0401-YBN-QS1Q,2021-03-01,1,,\n"
               "EVERY-2,106-0401-YBN-QS1Q,2021-03-02,2,,\nEVERY-3,106-9999-YBN-ZZZZ,2021-03-01,1,,\n"
               "EVERY-STORED,106-0401-YBN-QS1Q,2021-06-01,987654.32,某公司,已存\n").encode("utf-8")
    upload(at, "disbursements", "every.csv", content)
    problems = next(d.value for d in at.dataframe if "原因" in d.value.columns)
    assert list(problems["行号"]) == [2, 4, 5, 6]
    assert list(problems["列名"]) == ["支付日期", "凭证号", "项目编码", "凭证号"]
    assert "1800.00" in problems["原因"].iloc[3] and "987654.32" in problems["原因"].iloc[3]
    assert snapshot(data_db) == before


def test_uploads_released_when_removed(data_page):
    """A staged upload's temporary copy is gone once the file is removed from the page."""
    at = data_page()
    content = ("凭证号,项目编码,支付日期,金额(元),收款单位,摘要\n"
               "TEMP-1,106-0401-YBN-QS1Q,2021-11-20,100.00,某公司,临时\n").encode()
    at.file_uploader[0].upload("临时.csv", content)
    at.run()
    staged = at.session_state["staged_files"]
    [entry] = staged.values()
    copy = entry[0].table.csv_path
    assert copy.parent == processes.temp_dir()
    # the preview runs on a write connection of its own (sharing.Shared) and lets its staging go at once:
    # the copy is gone even before the file is removed (the import stages the upload again)
    assert not copy.exists()
    at.file_uploader[0].clear()
    at.run()
    assert not at.session_state["staged_files"]
    assert not copy.exists(), "the temporary copy is removed with the upload"
    with __import__("pytest").raises(Exception):
        entry[0].cursor.execute("select 1")   # the staging cursor is closed



def test_published_text_through_the_page_asks_for_what_it_cannot_settle(tmp_path, monkeypatch):
    """The 数据 page reads a 部门预算绩效文本, shows what it read, asks the person for the sections the
    text leaves open (nothing guessed), and writes only when confirmed — as the importing login."""
    path = tmp_path / "doc.duckdb"
    fresh_db(path)
    monkeypatch.setenv("SPENDING_DB", str(path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params.update({"year": "2021", "month": "11"})
    at.run()
    at.switch_page("pages/data.py").run()
    text = (ROOT / "tests" / "fixtures" / "department-2022.txt").read_bytes()
    at.file_uploader[1].upload("department-2022.txt", text)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    read = next(d.value for d in at.dataframe if "科室依据" in d.value.columns)
    assert len(read) == 6 and list(read["科室"]).count("未分配科室") == 2
    owners = [s for s in at.selectbox if "的科室（文本未写明）" in s.label]
    assert len(owners) == 2
    with ui._connection(str(path)) as con:
        assert con.execute("select count(*) from projects where fiscal_year = 2022").fetchone() == (0,)
    next(s for s in owners if "208-0501-ZF-0006" in s.label).set_value("执法大队")
    at.run()
    read = next(d.value for d in at.dataframe if "科室依据" in d.value.columns)
    # settling one lets the amounts settle the other (as the command line does)
    assert list(read["科室"]).count("未分配科室") == 0 and "由用户指定" in set(read["科室依据"])
    next(b for b in at.button if b.label == "确认导入该文本").click().run()
    assert not at.exception
    with ui._connection(str(path)) as con:
        assert con.execute("select section from projects where fiscal_year = 2022 and project_code = '208-0501-ZF-0006'"
                           ).fetchone() == ("执法大队",)
        assert con.execute("select imported_by from import_batches order by batch_id desc limit 1").fetchone() == (
            auth.local_user().actor,)
