"""A .docx whose zip lies about its sizes, or holds a million empty paragraphs (issue 32), through the real
command line in a process of its own, its peak memory measured: refused within the README's bound for every
file (≤ 600 MB, the hostile-input table), in one line, nothing written. Before: the lying body (1.9 GB
declared as 1,000 bytes) took 2.2 GB before it was refused, 1,300,000 empty paragraphs 810 MB (and were
imported); a text of 4,999,000 empty lines 935 MB. A body at the limits is still read, within the bound. A
workbook lying the same way is refused within it too."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
import zlib

import pytest

import hostile_docx as hostile
from conftest import ROOT, fresh_db, stored
from runtime import RUNTIME_PYTHON
from spending import document, document_layout
from spending.files import xlsx_guard

BOUND_MB = 600      # README.md, "Hostile input": peak memory of its process ≤ 600 MB

# A small process starts the command and prints its child's peak (as benchmarks/hostile.py measures): a
# child forked from pytest would count pytest's memory at the fork in its own peak.
MEASURE = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
           " sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) + '\\n' + str(p.returncode)"
           " + '\\n' + p.stderr)")


def measured(database, path, verb: str = "import-document") -> tuple[float, int, str]:
    """(peak RSS in MB, exit status, stderr) of `python -m spending <verb> path`."""
    done = subprocess.run([sys.executable, "-S", "-c", MEASURE, str(RUNTIME_PYTHON), "-m", "spending", "--db",
                           str(database), verb, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=True)
    peak_kb, code, err = done.stdout.split("\n", 2)
    return int(peak_kb) / 1024, int(code), err


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    return fresh_db(tmp_path_factory.mktemp("docxbounds") / "bounds.duckdb")


def projects(database) -> list:
    return stored(database, "select * from projects order by all")


def test_the_hostile_files_are_what_they_claim():
    lying = zipfile.ZipFile(io.BytesIO(hostile.lying_docx()))
    body = lying.getinfo("word/document.xml")
    assert body.file_size == 1_000 and body.compress_size < 2_000_000
    local = lying.fp.getvalue()[body.header_offset:body.header_offset + 30]
    assert int.from_bytes(local[22:26], "little") == 1_000               # the local header lies too
    unpacked = 0
    unpack = zlib.decompressobj(-15)
    packed = lying.fp.getvalue()[body.header_offset + 30 + len(body.filename):][:body.compress_size]
    for at in range(0, len(packed), 1 << 16):
        unpacked += len(unpack.decompress(packed[at:at + (1 << 16)]))
    assert unpacked == 1_900_000_000
    many = hostile.empty_paragraphs()
    assert len(many) < 100_000
    assert zipfile.ZipFile(io.BytesIO(many)).getinfo("word/document.xml").file_size > 7_800_000


def empty_lines() -> bytes:
    """A text of 4,999,000 empty lines (under the 5 MB limit): 935 MB to read before MAX_LINES."""
    return b"\n" * (document.MAX_FILE_BYTES - 1_000)


@pytest.mark.parametrize("name, make, says", [
    ("lying.docx", hostile.lying_docx, "不是有效的 Word 文件（.docx）"),
    ("paragraphs.docx", hostile.empty_paragraphs, "1,301,216 个段落"),
    ("empty_lines.txt", empty_lines, f"文本超过 {document.MAX_LINES:,} 行（4,999,000 行）"),
], ids=["lying_sizes", "empty_paragraphs", "empty_lines_text"])
def test_a_hostile_document_is_refused_within_the_memory_bound(database, tmp_path, name, make, says):
    path = tmp_path / name
    path.write_bytes(make())
    before = projects(database)
    peak, code, err = measured(database, path)
    print(f"{make.__name__}: refused at a peak of {peak:,.0f} MB")
    assert code == 1 and says in err and " | " in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert peak <= BOUND_MB, f"{peak:,.0f} MB"
    assert projects(database) == before


def test_a_body_at_the_paragraph_limit_is_read_within_the_bound(database, tmp_path):
    """Just under MAX_DOCX_PARAGRAPHS paragraphs with text: read and imported (the worst this reader keeps
    in memory: 317 MB measured)."""
    room = document_layout.MAX_DOCX_PARAGRAPHS - 1_216 - 1        # the source's own paragraphs
    path = tmp_path / "at_limit.docx"
    path.write_bytes(hostile.with_body(b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * room))
    peak, code, err = measured(database, path)
    print(f"{room:,} paragraphs read at a peak of {peak:,.0f} MB")
    assert code == 0, err
    assert peak <= BOUND_MB, f"{peak:,.0f} MB"


ONE_PARAGRAPH = document_layout.MAX_DOCX_PARAGRAPHS + 1
TOO_MUCH = {   # what the body holds: what the refusal names
    "paragraphs": (b"<w:p/>" * ONE_PARAGRAPH, f"{ONE_PARAGRAPH + 1_216:,} 个段落"),
    "prefixed paragraphs": (b"<w:sdt xmlns:x='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
                            b"<w:sdtContent>" + b"<x:p/>" * ONE_PARAGRAPH + b"</w:sdtContent></w:sdt>",
                            f"{ONE_PARAGRAPH + 1_216:,} 个段落"),
    "table rows": (b"<w:tbl>" + b"<w:tr/>" * (document_layout.MAX_DOCX_ROWS + 1) + b"</w:tbl>",
                   f"{document_layout.MAX_DOCX_ROWS + 1 + 165:,} 个表格行"),
    "runs in one paragraph": (b"<w:p>" + b"<w:r/>" * document_layout.MAX_DOCX_ELEMENTS + b"</w:p>", "个 XML 元素"),
}


@pytest.mark.parametrize("name", sorted(TOO_MUCH))
def test_too_much_in_the_body_is_refused_before_python_docx_parses(monkeypatch, name):
    import docx

    def never(*args, **kwargs):
        raise AssertionError("python-docx opened a refused file")

    xml, says = TOO_MUCH[name]
    data = hostile.with_body(xml)                  # made with python-docx
    monkeypatch.setattr(docx, "Document", never)
    with pytest.raises(document_layout.Refused, match="Word 文件的内容过多") as refused:
        document_layout.docx_rows(data)
    assert says in str(refused.value), str(refused.value)


def test_a_part_given_twice_is_no_word_file():
    """Two word/document.xml: the first (small) would be counted, the last (zipfile's choice) parsed."""
    body = dict(hostile.source_entries())["word/document.xml"]
    at = body.index(b"<w:body>") + len(b"<w:body>")
    entries = list(hostile.source_entries()) + [("word/document.xml", body[:at] + b"<w:p/>" * 900_000 + body[at:])]
    data = hostile.raw_zip([(name, hostile.deflate(part), zlib.crc32(part), len(part))
                            for name, part in entries])
    with pytest.raises(document_layout.Refused, match="不是有效的 Word 文件"):
        document_layout.docx_rows(data)


def test_an_entry_is_counted_as_it_unpacks_whatever_it_declares():
    """xlsx_guard.unpacked stops at the limit even where the zip reader would give more than the header says (here
    the declared size raised after reading it): the count, not the declaration, bounds what comes out."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.xml", b" " * 5_000_000)
    book = zipfile.ZipFile(out)
    entry = book.getinfo("big.xml")
    entry.file_size = 1 << 40                      # a reader trusting nothing would still read it all
    seen = []

    def too_big(n):
        seen.append(n)
        return OverflowError(n)

    with pytest.raises(OverflowError):
        for _ in xlsx_guard.unpacked(book, entry, 2_000_000, too_big):
            pass
    assert 2_000_000 < seen[0] <= 2_000_000 + xlsx_guard.UNPACK_BLOCK
    assert b"".join(xlsx_guard.unpacked(book, "big.xml", 5_000_000, too_big)) == b" " * 5_000_000


def test_python_docx_is_given_the_checked_bytes(monkeypatch):
    """What python-docx opens is the copy made of what was unpacked and counted, stored (no deflated part
    for it to unpack in one call), and the source still reads as before."""
    import docx

    opened = []
    real = docx.Document

    def spy(stream):
        opened.append(stream.getvalue())
        return real(io.BytesIO(opened[-1]))

    monkeypatch.setattr(docx, "Document", spy)
    rows, places = document_layout.docx_rows(hostile.with_body(b""))
    copy = zipfile.ZipFile(io.BytesIO(opened[0]))
    assert {i.compress_type for i in copy.infolist()} == {zipfile.ZIP_STORED}
    assert [(n, copy.read(n)) for n, _ in hostile.source_entries()] == list(hostile.source_entries())
    assert len(rows) > 400 and places[1] == ("第 1 段", "paragraph 1")


XLSX = ROOT / "tests" / "bad_files" / "d21_xlsx_amount_is_text.xlsx"


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                                  "xl/sharedStrings.xml", "xl/styles.xml"])
def test_a_workbook_lying_about_a_part_is_refused_within_the_memory_bound(database, tmp_path, part):
    """The same lie in an .xlsx: the guard's whole read of workbook.xml and its relations took 2.1 GB and
    ended in 内部错误 (BadZipFile); read through xlsx_guard.unpacked, each part is refused at under 100 MB."""
    path = tmp_path / "lying.xlsx"
    path.write_bytes(hostile.lying_xlsx(XLSX.read_bytes(), part))
    before = stored(database, "select count(*) from disbursements")
    peak, code, err = measured(database, path, "import-disbursements")
    print(f"{part}: refused at a peak of {peak:,.0f} MB")
    assert code == 1 and "不是有效的 Excel (.xlsx) 文件" in err and "内部错误" not in err, err
    assert peak <= BOUND_MB, f"{peak:,.0f} MB"
    assert stored(database, "select count(*) from disbursements") == before


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\r\nb", "a\rb\n", "\x0c\x1c\u2028x", "a\n\nb\r\n\r\n", "\r\n\r",
                                  "x\x85", "\x0b\x1d\x1e\u2029", "甲\n乙\r\n丙"])
def test_line_count_counts_what_splitlines_gives(text):
    assert document.line_count(text) == len(text.splitlines())


def test_a_text_at_the_line_limit_is_read_and_one_more_line_is_refused():
    source = (ROOT / "data" / "budget-performance-text-2021.txt").read_text(encoding="utf-8").rstrip("\n") + "\n"
    at_limit = source + "\n" * (document.MAX_LINES - len(source.splitlines()))
    assert len(at_limit.splitlines()) == document.MAX_LINES
    assert document.parse_bytes(at_limit.encode("utf-8")).projects
    with pytest.raises(document.Refused, match=f"文本超过 {document.MAX_LINES:,} 行"):
        document.parse_bytes((at_limit + "x").encode("utf-8"))
