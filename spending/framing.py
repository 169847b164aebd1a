"""No other site may frame the dashboard (issue 32): a page of another site framing /data could have the
visitor's clicks remove data, as the local user in local mode, where no proxy adds headers.

Streamlit 1.67 has no option for response headers; its supported hook is st.App(middleware=…), which
`streamlit run dashboard.py` serves (dashboard.py defines `app`: imported, it is the server; run, the page). Every HTTP response of the server — the
page's HTML for every address, its scripts, the health check — says `X-Frame-Options: SAMEORIGIN` and
`Content-Security-Policy: frame-ancestors 'self'`: a browser shows the dashboard in a frame of its own
origin only. No streamlit here: the middleware is plain ASGI (no request is read or buffered)."""

from __future__ import annotations

FRAME_HEADERS = (
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"content-security-policy", b"frame-ancestors 'self'"),
)


class RefuseFraming:
    """ASGI middleware adding FRAME_HEADERS to every HTTP response (a response's own X-Frame-Options is
    replaced; a Content-Security-Policy of its own stays beside ours, and a browser enforces both)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-frame-options"]
                message = {**message, "headers": [*headers, *FRAME_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def middleware() -> list:
    """The middleware list for st.App."""
    from starlette.middleware import Middleware

    return [Middleware(RefuseFraming)]
