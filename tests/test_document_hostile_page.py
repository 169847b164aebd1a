"""Hostile 部门预算绩效文本 on the 数据 page (issue 19, AppTest): a UTF-16, binary, NUL or oversized text
gives the CLI's clear message (not 页面出错), and a text is parsed once per upload (kept by its SHA-256),
not on every rerun of the page."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, fresh_db, open_page
from spending import document, ui

CORPUS = Path(__file__).resolve().parent / "bad_documents"
SECOND = ROOT / "tests" / "fixtures" / "department-2022.txt"


@pytest.fixture(scope="module")
def page_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostilepage") / "page.duckdb"
    fresh_db(path)
    return path


@pytest.fixture
def data_page(page_db, monkeypatch):
    # AppTest has no connection: its runtime is a mock whose client context is no socket peer (ui/access.py
    # took it for a remote visitor at 7956384, refusing every AppTest page in local mode)
    monkeypatch.setattr(ui.access, "_client_context", lambda: None)
    return open_page(page_db, monkeypatch)


def projects(path) -> int:
    """Through the page's own connection (this process holds the database)."""
    with ui._connection(str(path)) as con:     # a connection held for one reader
        return con.execute("select count(*) from projects").fetchone()[0]


def upload_text(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[1].upload(name, data)
    return at.run()


@pytest.mark.parametrize("name, says", [
    ("utf16.txt", "既不是 UTF-8 也不是 GBK"), ("utf16be_no_bom.txt", "既不是 UTF-8 也不是 GBK"),
    ("binary.txt", "既不是 UTF-8 也不是 GBK"), ("nul_bytes.txt", "既不是 UTF-8 也不是 GBK"),
    ("digits_30000.txt", "个字符"),
])
def test_a_text_that_cannot_be_read_gives_the_clear_message(data_page, page_db, name, says):
    # before: 页面出错 for UTF-16 and binary (the CLI was clear)
    before = projects(page_db)
    if name == "digits_30000.txt":
        data = SECOND.read_text(encoding="utf-8").replace("机关信息化运维资金", "1" * 30_000 + "\n机关信息化运维资金").encode()
    else:
        data = (CORPUS / name).read_bytes()
    at = upload_text(data_page, name, data)
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert ui.plain(says) in errors and ui.plain(name) in errors, errors   # shown as plain text (escaped)
    assert "页面出错" not in errors
    assert not [b for b in at.button if b.label == "确认导入该文本"]
    assert projects(page_db) == before


def test_a_text_is_parsed_once_per_upload(data_page, monkeypatch):
    # before: parsed on every rerun (a choice of section, any widget): 20 s each for a hostile text
    calls = []
    parse = document.parse_bytes

    def counting(data):
        calls.append(len(data))
        return parse(data)

    monkeypatch.setattr(document, "parse_bytes", counting)
    text = SECOND.read_bytes() + f"\n补充说明 {uuid.uuid4()}\n".encode()   # a text no cache has seen
    at = upload_text(data_page, "department-2022.txt", text)
    assert not at.exception, [e.value for e in at.exception]
    assert len(calls) == 1
    owners = [s for s in at.selectbox if "的科室（文本未写明）" in s.label]
    assert len(owners) == 2
    next(s for s in owners if "208-0501-ZF-0006" in s.label).set_value("执法大队")
    at.run()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    read = next(d.value for d in at.dataframe if "科室依据" in d.value.columns)
    assert list(read["科室"]).count("未分配科室") == 0 and "由用户指定" in set(read["科室依据"])
    assert len(calls) == 1, "the same upload is not parsed again on a rerun"
    # the document kept is not changed by one rerun's choices: another choice starts from what was read
    next(s for s in at.selectbox if "208-0501-ZF-0006" in s.label).set_value(None)
    at.run()
    read = next(d.value for d in at.dataframe if "科室依据" in d.value.columns)
    assert list(read["科室"]).count("未分配科室") == 2
    assert len(calls) == 1


def test_a_text_with_problems_is_shown_once_parsed(data_page):
    at = upload_text(data_page, "repeated_indicator.txt", (CORPUS / "repeated_indicator.txt").read_bytes())
    assert not at.exception, [e.value for e in at.exception]
    problems = next(d.value for d in at.dataframe if "原因" in d.value.columns)
    assert problems["原因"].str.contains("行重复").any()
    assert not [b for b in at.button if b.label == "确认导入该文本"]
