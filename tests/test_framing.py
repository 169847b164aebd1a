"""Issue 32: no other site may frame the dashboard. A page of another site framing http://127.0.0.1:8501/data
had two clicks in the frame remove the sample data, audited as the local user. The dashboard's own server says
`X-Frame-Options: SAMEORIGIN` and `Content-Security-Policy: frame-ancestors 'self'` on every HTTP response, in
local mode too (no proxy adds them there): spending/framing.py, served through st.App by `streamlit run
dashboard.py`.

The middleware on its own (plain ASGI), the real server's responses read with urllib, and Debian's Chromium
showing a page of another origin (a small http.server on another port) whose frame of the dashboard stays empty.
The login mode's responses: tests/test_login_browser.py."""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import http.server
import threading
import urllib.request
from contextlib import contextmanager

import pytest

from conftest import fresh_db
from spending import framing

FRAME_HEADERS = {"x-frame-options": "SAMEORIGIN", "content-security-policy": "frame-ancestors 'self'"}


# ------------------------------------------------------------------ the middleware

def _through(scope_type: str, headers: list[tuple[bytes, bytes]]) -> list[dict]:
    """The messages an app answering with these headers sends through RefuseFraming."""
    async def app(scope, receive, send):
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 200, "headers": list(headers)})
            await send({"type": "http.response.body", "body": b"<html></html>"})
        else:
            await send({"type": "websocket.accept", "headers": list(headers)})

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {}

    # on a thread of its own: a browser test earlier in this process may have left Playwright's loop running here
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, framing.RefuseFraming(app)({"type": scope_type}, receive, send)).result()
    return sent


@pytest.mark.parametrize("given,expected", [
    ([(b"content-type", b"text/html")],
     [(b"content-type", b"text/html"), *framing.FRAME_HEADERS]),
    ([(b"X-Frame-Options", b"ALLOWALL")],                                  # a looser one of its own is replaced
     list(framing.FRAME_HEADERS)),
    ([(b"content-security-policy", b"script-src 'self'")],                 # its own CSP stays beside ours
     [(b"content-security-policy", b"script-src 'self'"), *framing.FRAME_HEADERS]),
    ([], list(framing.FRAME_HEADERS)),
])
def test_every_http_response_gets_the_frame_headers(given, expected):
    start, body = _through("http", given)
    assert start["headers"] == expected and start["status"] == 200
    assert body == {"type": "http.response.body", "body": b"<html></html>"}       # the body untouched


def test_a_websocket_passes_as_it_is():
    assert _through("websocket", [(b"x", b"1")]) == [{"type": "websocket.accept", "headers": [(b"x", b"1")]}]


# ------------------------------------------------------------------ the real server (local mode)

def frame_headers(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return {k: response.headers.get(k) for k in FRAME_HEADERS}


@contextmanager
def another_site(folder, html: str):
    """A page of another origin (http://localhost:<another port>/), served from folder by the standard library."""
    from browser import free_port

    folder.mkdir()
    (folder / "index.html").write_text(html, encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://localhost:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.mark.browser
def test_another_site_cannot_frame_the_dashboard_in_local_mode(tmp_path):
    from browser import chromium, streamlit_server, wait_rendered

    path = fresh_db(tmp_path / "framing.duckdb", demo=True)
    with streamlit_server(path) as url:
        for address in ("/", "/data?year=2021&month=11", "/_stcore/health"):
            assert frame_headers(url + address) == FRAME_HEADERS, address
        with another_site(tmp_path / "control", "<h1>hello from the other site</h1>") as control:
            page_html = (f'<h1>another site</h1>'
                         f'<iframe name="dashboard" src="{url}/data?year=2021&month=11" width="1200" height="700"></iframe>'
                         f'<iframe name="control" src="{control}/" width="400" height="100"></iframe>')
            with another_site(tmp_path / "site", page_html) as site, chromium() as page:
                refused = []
                page.on("console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None)
                page.goto(site + "/")
                page.frame(name="control").get_by_text("hello from the other site").wait_for(timeout=30_000)
                deadline = 30_000                            # Chromium's console says why the frame is empty
                while not refused and deadline > 0:
                    page.wait_for_timeout(200)
                    deadline -= 200
                frame = page.frame(name="dashboard")
                assert refused and "violates" in refused[0]
                assert frame.url.startswith("chrome-error://")
                assert frame.query_selector("[data-testid='stApp']") is None and "数据" not in frame.content()
            # the dashboard itself, opened as a page of its own, still works
            with chromium() as page:
                page.goto(url + "/data?year=2021&month=11")
                wait_rendered(page, "导入历史")
