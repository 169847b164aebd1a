"""The server keeps answering while the 数据 page parses the worst 部门预算绩效文本 under the limits
(issue 19): the real server, Debian's Chromium uploading the text, and /_stcore/health asked every
tenth of a second until the page has shown what it read. Before, one line of 30,000 digits held the
interpreter for minutes (a regular expression call never lets go) and the health check did not answer."""

from __future__ import annotations

import threading
import time
import urllib.request

import pytest

from browser import chromium, streamlit_server, wait_rendered
from conftest import fresh_db
from spending import document

pytestmark = pytest.mark.browser


def worst_text() -> bytes:
    """Up to the file limit: lines of digits just under the line limit after 资金安排情况 (the amount
    pattern), lines of "<a" (the tag stripper), then short prose lines (the most lines)."""
    length = document.MAX_LINE_CHARS - 1
    part = document.MAX_FILE_BYTES // 3 // (length + 1)
    text = ("部门预算绩效文本\n资金安排情况\n" + ("1" * length + "\n") * part + ("<a" * (length // 2) + "\n") * part)
    data = text.encode("utf-8")
    prose = "说明文字，不是表格。\n".encode()
    return data + prose * ((document.MAX_FILE_BYTES - len(data)) // len(prose))


def test_health_answers_while_the_page_parses_the_worst_text(tmp_path):
    path = tmp_path / "hostile.duckdb"
    fresh_db(path)
    text = tmp_path / "worst.txt"
    text.write_bytes(worst_text())
    assert document.MAX_FILE_BYTES - 100 < text.stat().st_size <= document.MAX_FILE_BYTES
    with streamlit_server(path) as url, chromium() as page:
        page.goto(url + "/data?year=2021&month=11")
        wait_rendered(page, "导入部门预算绩效文本", timeout=180_000)
        health = url + "/_stcore/health"
        waits, stop = [], threading.Event()

        def ask():
            while not stop.is_set():
                start = time.perf_counter()
                try:
                    urllib.request.urlopen(health, timeout=10).read()
                except OSError:
                    pass
                waits.append(time.perf_counter() - start)
                time.sleep(0.1)

        asker = threading.Thread(target=ask)
        asker.start()
        try:
            page.locator("input[type='file']").nth(1).set_input_files(str(text))
            page.get_by_text("个科室", exact=False).first.wait_for(timeout=300_000)   # the text as read
        finally:
            stop.set()
            asker.join()
        print(f"/_stcore/health: {len(waits)} answers while the page parsed, the slowest {max(waits):.3f} s")
        assert page.get_by_text("页面出错").count() == 0
        assert len(waits) >= 5, waits
        assert max(waits) < 1.0, f"/_stcore/health took {max(waits):.1f} s while the page parsed"
