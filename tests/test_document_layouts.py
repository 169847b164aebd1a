"""Issue 20: the 部门预算绩效文本 in the layouts it really comes in (spending/document_layout.py).

The text of data/ written by the test as pipe tables, HTML tables and a Word file with merged
cells (tests/document_layouts.py) gives the same plan, sections and indicators, byte for byte
against the reviewed CSVs; through the command line's main() and the 数据 page. Bad Word files are refused
with one clear line and write nothing; the whole text's problems come at once, without 第 0 行;
and a revised document keeps the owners already stored (changes listed before → after)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import document_layouts as layouts
from conftest import ROOT, cli_in_process, fresh_db, open_page, stored
from spending import document, document_layout, document_load, ui
from spending.db import opening
from test_take_back import fingerprint

DATA = ROOT / "data"
SOURCE = DATA / "budget-performance-text-2021.txt"
SECOND = ROOT / "tests" / "fixtures" / "department-2022.txt"
TEXT = SOURCE.read_text(encoding="utf-8")
LAYOUTS = {   # name: (file name, bytes)
    "text": ("source.txt", TEXT.encode("utf-8")),
    "pipe": ("source.md", layouts.pipe_tables(TEXT).encode("utf-8")),
    "html": ("source.html", layouts.html_tables(TEXT).encode("utf-8")),
    "docx": ("source.docx", layouts.docx_bytes(TEXT)),
}
STORED = ("select fiscal_year, section, seq, duties, amount_yuan from sections order by all",
          "select * exclude (batch_id) from projects order by all",
          "select * exclude (batch_id) from indicators order by all",
          "select * exclude (batch_id) from plan_checkpoints order by all")


def owners(path: Path) -> dict[str, str]:
    return dict(stored(path, "select project_code, section from projects"))


def empty_db(tmp_path: Path, name: str = "empty.duckdb") -> Path:
    path = tmp_path / name
    opening.connect(path, create=True).close()
    return path


# --- the same document in four layouts ---------------------------------------------------

def test_the_made_layouts_are_what_they_claim():
    pipe, page = LAYOUTS["pipe"][1].decode(), LAYOUTS["html"][1].decode()
    assert "\t" not in pipe and "|---|" in pipe and "| 项目编码 | 106-0401-YBN-QS1Q |" in pipe
    assert "\t" not in page and "rowspan=" in page and "colspan=" in page and "&gt;=" in page and "<br>" in page
    body = zipfile.ZipFile(io.BytesIO(LAYOUTS["docx"][1])).read("word/document.xml").decode()
    assert "<w:gridSpan" in body and 'w:vMerge w:val="restart"' in body and "<w:vMerge/>" in body


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("name, write", [("plan-2021.csv", document.plan_csv),
                                         ("sections-2021.csv", document.sections_csv),
                                         ("indicators-2021.csv", document.indicators_csv)])
def test_every_layout_gives_the_reviewed_csv(layout, name, write):
    file_name, data = LAYOUTS[layout]
    doc = document_load.read(data, file_name)
    document.settle_owners(doc)
    assert doc.problems == []
    assert (doc.year, doc.department, doc.department_code) == (2021, "承德高新技术产业开发区财政局", "106")
    assert write(doc) == (DATA / name).read_text(encoding="utf-8")


def test_a_merged_cell_gives_its_text_once():
    # 产出指标 spans two indicator rows, 项目名称's value spans three columns: one value each
    page = ("<table><tr><td>项目编码</td><td>A-1</td><td>项目名称</td><td colspan='3'>甲 &amp; 乙<br/>工程</td></tr>"
            "<tr><td rowspan=2>产出指标</td><td>数量指标</td><td>x</td></tr><tr><td>质量指标</td><td>y</td></tr></table>")
    assert [line for _, line in document_layout.text_rows(page)] == [
        "项目编码\tA-1\t项目名称\t甲 & 乙 工程\t\t", "产出指标\t数量指标\tx", "\t质量指标\ty"]
    assert document_layout.text_rows("|Col1|Col2|Col3|\n| a \\| b | | c |\n|:--|--|--:|\n| 一 |") == [
        (1, ""), (2, "a | b\t\tc"), (3, ""), (4, "一\t")]


def test_html_and_pipe_rows_are_linear_and_bounded():
    import time
    hostile = ["<table" + "<a" * 200_000, "<table><tr><td colspan=" + " " * 200_000, "<table><td>" + "&#" + "9" * 200_000,
               "|" + " |" * 200_000, "<table><tr><td>" + "<td>" * 50_000]
    for text in hostile:
        started = time.process_time()
        try:
            document.parse_text(text)
        except document.Refused as refused:
            assert "不予读取" in refused.zh
        assert time.process_time() - started < 10       # a bound, not a benchmark: quadratic would take minutes
    with pytest.raises(document.Refused, match="超过 100 列"):
        document.parse_text("<table><tr><td colspan=5000>x</td></tr></table>")


@pytest.mark.parametrize("layout", ["docx", "html"])
def test_a_layout_through_the_cli_stores_what_the_text_stores(tmp_path, layout):
    text_db, other_db = empty_db(tmp_path, "text.duckdb"), empty_db(tmp_path, "other.duckdb")
    source = tmp_path / LAYOUTS["text"][0]
    source.write_bytes(LAYOUTS["text"][1])
    assert cli_in_process("import-document", str(source), db_path=text_db).returncode == 0
    path = tmp_path / LAYOUTS[layout][0]
    path.write_bytes(LAYOUTS[layout][1])
    result = cli_in_process("import-document", str(path), db_path=other_db)
    assert result.returncode == 0, result.stderr
    assert "106-0501-YBN-476T 代理记账中心运转费：20 万元" in result.stdout and "未分配科室" not in result.stdout
    if layout == "docx":
        assert "docx，7 个科室，7 个项目" in result.stdout and "表 4 第 1 行 106-0401-YBN-QS1Q" in result.stdout
    for query in STORED:
        assert stored(text_db, query) == stored(other_db, query)


# --- bad Word files ------------------------------------------------------------------------

def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _replaced(part: str, old: bytes, new: bytes) -> bytes:
    """The made .docx with one part edited."""
    good = zipfile.ZipFile(io.BytesIO(LAYOUTS["docx"][1]))
    entries = {i.filename: good.read(i) for i in good.infolist()}
    entries[part] = entries[part].replace(old, new, 1)
    return _zip(entries)


def _bomb() -> bytes:
    """A .docx whose word/document.xml unpacks to 30 MB (some 30 KB packed)."""
    good = zipfile.ZipFile(io.BytesIO(LAYOUTS["docx"][1]))
    entries = {i.filename: good.read(i) for i in good.infolist()}
    entries["word/document.xml"] = b"<w:document>" + b" " * 30_000_000
    return _zip(entries)


def _lying() -> bytes:
    """The bomb with word/document.xml's size in the zip's directory set to 1,000 bytes: zipfile unpacks
    no more than that, and the CRC then fails (the 30 MB are never in memory)."""
    import struct
    data = bytearray(_bomb())
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + length] == b"word/document.xml":
            struct.pack_into("<I", data, at + 24, 1_000)
        at += 4
    return bytes(data)


BAD_DOCX = {   # name: (bytes, what the one line says)
    "text_named.docx": (lambda: TEXT.encode("utf-8"), "不是有效的 Word 文件（.docx）"),
    "truncated.docx": (lambda: LAYOUTS["docx"][1][:5_000], "不是有效的 Word 文件（.docx）"),
    "no_document.docx": (lambda: _zip({"[Content_Types].xml": b"<Types/>", "a.txt": b"x"}), "不是有效的 Word 文件（.docx）"),
    "broken_xml.docx": (lambda: _replaced("word/document.xml", b"</w:body>", b"<unclosed"), "不是有效的 Word 文件（.docx）"),
    "bomb.docx": (_bomb, "Word 文件解压后过大"),
    "lying_sizes.docx": (_lying, "不是有效的 Word 文件（.docx）"),
    "wide_span.docx": (lambda: _replaced("word/document.xml", b'w:gridSpan w:val="2"', b'w:gridSpan w:val="5000"'),
                       "超过 100 列"),
    "empty.docx": (lambda: b"", "不是有效的 Word 文件（.docx）"),
}


def test_a_zip_bomb_is_refused_by_its_declared_size_before_parsing(monkeypatch):
    import docx

    def never(*args, **kwargs):
        raise AssertionError("python-docx opened a refused file")

    monkeypatch.setattr(docx, "Document", never)
    with pytest.raises(document_layout.LayoutRefused, match="正文 30.0 MB"):
        document_layout.docx_rows(_bomb())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("baddocx") / "seeded.duckdb"
    fresh_db(path)
    return path


@pytest.mark.parametrize("name", sorted(BAD_DOCX))
def test_a_bad_docx_gives_its_message_and_writes_nothing(seeded, tmp_path, name):
    make, says = BAD_DOCX[name]
    path = tmp_path / name
    path.write_bytes(make())
    before = fingerprint(seeded)
    result = cli_in_process("import-document", str(path), db_path=seeded)
    assert result.returncode == 1, result.stdout[-2000:]
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and says in err[0] and " | " in err[0], err
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    assert fingerprint(seeded) == before


# --- the first report holds every problem ---------------------------------------------------

def test_no_year_and_no_project_table_are_said_at_once_without_a_line(tmp_path):
    path = empty_db(tmp_path)
    text = tmp_path / "notes.txt"
    text.write_text("某某单位\n\n工作总结\n一些说明文字。\n", encoding="utf-8")
    before = fingerprint(path)
    result = cli_in_process("import-document", str(text), db_path=path)
    assert result.returncode == 1
    assert "有 2 个问题" in result.stderr and "第 0 行" not in result.stderr + result.stdout
    assert "文本中没有年度" in result.stderr and "--year" in result.stderr
    assert "以「项目编码」开头的行" in result.stderr and "资金支出计划" in result.stderr and "N月底" in result.stderr
    assert fingerprint(path) == before
    given = cli_in_process("import-document", str(text), "--year", "2024", db_path=path)
    assert given.returncode == 1 and "有 1 个问题" in given.stderr and "2024 年" in given.stdout


@pytest.mark.parametrize("title, year, department", [
    ("示范县农业农村局\n2023年部门预算信息公开", 2023, "示范县农业农村局"),
    ("示范县农业农村局2024年度部门预算信息公开", 2024, "示范县农业农村局"),
    ("示范县农业农村局\n预算年度：2026", 2026, ""),
    ("示范县农业农村局\n2022 年部门预算绩效文本", 2022, "示范县农业农村局"),
])
def test_the_year_and_department_from_the_title(title, year, department):
    lines = SECOND.read_text(encoding="utf-8").split("\n")
    head = lines.index("2022 年部门预算绩效文本")
    text = "\n".join(lines[:head - 1] + [title] + lines[head + 1:])
    text = text.replace("208 示范县农业农村局", "208 ")               # no caption naming the department
    doc = document.parse_text(text)
    assert doc.year == year and doc.department == department and doc.problems == []


def test_the_summary_shows_the_year_given(tmp_path):
    path = empty_db(tmp_path)
    text = tmp_path / "no-title.txt"
    text.write_text(SECOND.read_text(encoding="utf-8").replace("2022 年部门预算绩效文本", "部门预算绩效文本"), encoding="utf-8")
    result = cli_in_process("import-document", str(text), "--year", "2022", db_path=path)
    assert result.returncode == 0, result.stderr
    assert "2022 年" in result.stdout.splitlines()[0] and "（2022 年）" in result.stdout


# --- a revised document keeps the owners already stored --------------------------------------

def test_a_revised_document_keeps_the_stored_owners(tmp_path):
    path = empty_db(tmp_path)
    source = tmp_path / "source.docx"
    source.write_bytes(LAYOUTS["docx"][1])
    assert cli_in_process("import-document", str(source), db_path=path).returncode == 0
    first = owners(path)
    assert "未分配科室" not in first.values()
    # 综合科 17 → 18 万元: the amounts settle nothing now; before, five projects went to 未分配科室
    revised = tmp_path / "revised.txt"
    revised.write_text(TEXT.replace("一、综合科\t17\t", "一、综合科\t18\t", 1), encoding="utf-8")
    assert document.parse_text(revised.read_text(encoding="utf-8")).sections[0].amount_wan == 18
    result = cli_in_process("import-document", str(revised), db_path=path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("沿用已导入的科室") == 5 and "未分配科室" not in result.stdout
    assert "原 → 新" not in result.stdout
    assert owners(path) == first
    # the person's word moves one: listed before → after
    moved = cli_in_process("import-document", str(revised), "--section", "106-0401-YBN-A8GD=预算国库科", db_path=path)
    assert moved.returncode == 0, moved.stderr
    assert "以下 1 个已导入项目的科室按文本改变（原 → 新）" in moved.stdout
    assert "106-0401-YBN-A8GD 信息中心设备维护及网络租赁：综合科 → 预算国库科" in moved.stdout
    assert owners(path) == {**first, "106-0401-YBN-A8GD": "预算国库科"}


# --- the 数据 page -------------------------------------------------------------------------

@pytest.fixture
def data_page(tmp_path, monkeypatch):
    path = empty_db(tmp_path, "page.duckdb")
    monkeypatch.setattr(ui.access, "_client_context", lambda: None)
    return open_page(path, monkeypatch), path


def page_projects(path: Path) -> dict[str, str]:
    with ui._connection(str(path)) as con:
        return dict(con.execute("select project_code, section from projects").fetchall())


def test_the_docx_through_the_page_then_a_revision_lists_the_owner_it_moves(data_page):
    at, path = data_page
    at.file_uploader[1].upload("source.docx", LAYOUTS["docx"][1])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("docx" in c.value and "7 个项目" in c.value for c in at.caption)
    preview = at.dataframe[-1].value
    assert list(preview["行号/位置"])[0] == "表 4 第 1 行"
    next(b for b in at.button if b.label == "确认导入该文本").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    stored_owners = page_projects(path)
    assert len(stored_owners) == 7 and "未分配科室" not in stored_owners.values()
    # the stored A8GD moved by hand (as an earlier --section did); the text's amounts move it back
    with ui.writing() as con:
        con.execute("update projects set section = '预算国库科' where project_code = '106-0401-YBN-A8GD'")
    ui.clear_caches()
    at.file_uploader[1].upload("revised.docx", layouts.docx_bytes(TEXT.replace("目标 1", "目标1")))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = " ".join(w.value for w in at.warning)
    assert "1 个已导入项目的科室将按文本改变（原 → 新）" in warnings, warnings
    moved = next(d.value for d in at.dataframe if "科室（原 → 新）" in d.value.columns)
    assert list(moved["科室（原 → 新）"]) == ["预算国库科 → 综合科"]


def test_a_bad_docx_on_the_page_gives_its_message(data_page):
    at, path = data_page
    at.file_uploader[1].upload("bomb.docx", _bomb())
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert "Word 文件解压后过大" in errors and "页面出错" not in errors
    assert not [b for b in at.button if b.label == "确认导入该文本"]
    assert page_projects(path) == {}


def test_a_word_row_of_too_many_cells_is_named_by_its_place():
    """Not by a line number the reader counted (a .docx has none): 表 1 第 2 行."""
    import docx

    word = docx.Document()
    word.add_paragraph("部门预算绩效文本")
    table = word.add_table(rows=2, cols=101)
    table.cell(1, 0).text = "项目编码"
    out = io.BytesIO()
    word.save(out)
    with pytest.raises(document.Refused) as refused:
        document.parse_bytes(out.getvalue(), "wide.docx")
    assert "表 1 第 2 行的表格行超过 100 列" in str(refused.value) and "第 3 行" not in str(refused.value)
