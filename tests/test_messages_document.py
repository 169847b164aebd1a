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
