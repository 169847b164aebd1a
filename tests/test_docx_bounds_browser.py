"""The server path of tests/test_docx_bounds.py (issue 32): the real server, Debian's Chromium uploading a .docx
whose body lies about its size (1.9 GB declared as 1,000 bytes) and one of 1,300,000 empty paragraphs on the
数据 page; each gets the one-line refusal, and the server process's peak memory (VmHWM, read from /proc before it
is stopped) stays within the README's 600 MB. Before: the lying body took the server to 1.2 GB."""

from __future__ import annotations

from pathlib import Path

import pytest

import hostile_docx as hostile
from browser import chromium, streamlit_server, wait_rendered
from conftest import fresh_db, stored

pytestmark = pytest.mark.browser

BOUND_MB = 600      # README.md, "Hostile input": peak memory of its process ≤ 600 MB


def server_pid(url: str) -> int:
    """The process serving url (started by browser.streamlit_server with --server.port)."""
    port = url.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(args) and port.encode() in args:
            return int(proc.name)
    raise LookupError(url)


def peak_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise LookupError(pid)


def test_the_server_refuses_hostile_word_files_within_the_memory_bound(tmp_path):
    path = fresh_db(tmp_path / "docxpage.duckdb")
    lying, many = tmp_path / "lying.docx", tmp_path / "paragraphs.docx"
    lying.write_bytes(hostile.lying_docx())
    many.write_bytes(hostile.empty_paragraphs())
    before = stored(path, "select * from projects order by all")
    with streamlit_server(path) as url, chromium() as page:
        pid = server_pid(url)
        page.goto(url + "/data?year=2021&month=11")
        wait_rendered(page, "导入部门预算绩效文本", timeout=180_000)
        print(f"the server at {peak_mb(pid):,.0f} MB with the 数据 page open")
        for upload, says in ((lying, "不是有效的 Word 文件（.docx）"), (many, "Word 文件的内容过多")):
            page.locator("input[type='file']").nth(1).set_input_files(str(upload))
            page.get_by_text(says, exact=False).first.wait_for(timeout=180_000)
            peak = peak_mb(pid)
            print(f"{upload.name}: refused on the page, the server's peak {peak:,.0f} MB")
            assert peak <= BOUND_MB, f"{upload.name}: {peak:,.0f} MB"
        assert page.get_by_text("页面出错").count() == 0
        assert page.get_by_text("确认导入该文本").count() == 0
    assert stored(path, "select * from projects order by all") == before
