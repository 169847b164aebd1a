"""Debian's Chromium driven by Playwright (never `playwright install`), and the real server.

Also a small command for looking at pages by hand:
    .venv-test/bin/python tests/browser.py http://127.0.0.1:8501/pacing?year=2021&month=11 out.png
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")
# Chromium keeps only the last --disable-features; this starts CHROMIUM with Playwright's and ours
# (export.CHROMIUM_ARGS: the omnibox popup off, a page of its own for every browser context) merged.
MERGED_FEATURES = Path(__file__).resolve().parent / "chromium-merged-features"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from runtime import RUNTIME_PYTHON  # noqa: E402
from spending.export import CHROMIUM_ARGS  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db_path: Path, timeout: float = 60, port: int | None = None, address: str | None = "127.0.0.1",
                     extra: tuple[str, ...] = (), host: str = "127.0.0.1"):
    """The real `streamlit run dashboard.py` on a free loopback port, on its own database, in the
    runtime environment (what users install: tests/runtime.py).
    address=None leaves the listening address to the project's .streamlit/config.toml;
    extra adds options (e.g. --secrets.files); host is the name the browser uses."""
    port = port or free_port()
    env = {**os.environ, "SPENDING_DB": str(db_path)}
    log = open(Path(db_path).with_suffix(".server.log"), "w")
    where = ["--server.address", address] if address else []
    proc = subprocess.Popen(
        [str(RUNTIME_PYTHON), "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port), *where,
         "--server.headless", "true", "--browser.gatherUsageStats", "false", *extra],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://{host}:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                pass
            if time.time() > deadline or proc.poll() is not None:
                raise RuntimeError(f"streamlit did not start: {Path(log.name).read_text()[-2000:]}")
            time.sleep(0.3)
        yield url
    finally:
        stop(proc)
        log.close()


def stop(proc: subprocess.Popen, timeout: float = 10) -> None:
    """End a server the test started: SIGTERM, then SIGKILL if it does not go within timeout s."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def oidc_provider(users: dict[str, str]):
    """oidc-provider-mock (a real OpenID Connect provider) on a free port, knowing these e-mails
    (e-mail -> name), each verified; its login form takes the e-mail as `sub`. Yields its address."""
    return oidc_provider_with([{"sub": email, "email": email, "name": name, "email_verified": True}
                               for email, name in users.items()])


@contextmanager
def oidc_provider_with(claims: list[dict]):
    """oidc-provider-mock knowing users with exactly these claims. Yields its address."""
    import json

    port = free_port()
    args = [arg for claim in claims for arg in ("--user-claims", json.dumps(claim))]
    exe = Path(sys.executable).with_name("oidc-provider-mock")
    proc = subprocess.Popen([str(exe), "-p", str(port), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://localhost:{port}"
    try:
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2)
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError("oidc-provider-mock did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def login_server(db_path: Path, provider: str, folder: Path, port: int | None = None):
    """The real server with Streamlit's [auth] section pointing at the provider (a secrets file of
    its own through --secrets.files); served as localhost, since the login cookie is per host.
    A login stays valid on a server started again on the same port (the cookie names its origin)."""
    port = port or free_port()
    secrets = Path(folder) / f"secrets-{port}.toml"
    secrets.write_text(f"""[auth]
redirect_uri = "http://localhost:{port}/oauth2callback"
cookie_secret = "a-long-random-string-for-the-test-only"
client_id = "spending-monitor"
client_secret = "test-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"
""", encoding="utf-8")
    with streamlit_server(db_path, port=port, extra=("--secrets.files", str(secrets)), host="localhost") as url:
        yield url


def log_in(page, url: str, email: str, first: str = "/") -> None:
    """Open the dashboard, press 登录, and log in at the provider's form as this e-mail."""
    page.goto(url + first)
    page.get_by_role("button", name="登录").wait_for(timeout=60_000)
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("input[name='sub']", timeout=60_000)
    page.fill("input[name='sub']", email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(url + "/**", timeout=60_000)


_PLAYWRIGHT = {}      # this process's Playwright and its Chromium, started by the first chromium() call


def _shared_browser(args: tuple[str, ...] = ()):
    """One Chromium per test process (a launch costs more CPU than the pages a test opens in it), started
    again if a test has ended it; a browser of its own when the test needs launch arguments (`args`)."""
    from playwright.sync_api import sync_playwright

    if "playwright" not in _PLAYWRIGHT:
        _PLAYWRIGHT["playwright"] = sync_playwright().start()

    def launch(*more: str):
        return _PLAYWRIGHT["playwright"].chromium.launch(executable_path=MERGED_FEATURES, args=[*CHROMIUM_ARGS, *more],
                                                         env={**os.environ, "CHROMIUM_BINARY": CHROMIUM})

    if args:
        return launch(*args)
    if not (_PLAYWRIGHT.get("browser") and _PLAYWRIGHT["browser"].is_connected()):
        _PLAYWRIGHT["browser"] = launch()
    return _PLAYWRIGHT["browser"]


def close_browser() -> None:
    """End this process's Chromium and Playwright (conftest, at the end of the session)."""
    if "browser" in _PLAYWRIGHT:
        _PLAYWRIGHT.pop("browser").close()
    if "playwright" in _PLAYWRIGHT:
        _PLAYWRIGHT.pop("playwright").stop()


@contextmanager
def chromium(width: int = 1440, height: int = 1000, headers: dict | None = None, args: tuple[str, ...] = (),
             **options):
    """A page in Debian's Chromium, in a browser context of its own (its own cookies, storage and cache,
    as a new profile: nothing is shared between calls); `options` go to the context (e.g.
    ignore_https_errors), `args` to a Chromium launched for this page alone."""
    browser = _shared_browser(args)
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                  extra_http_headers=headers, **options)
    try:
        yield context.new_page()
    finally:
        context.close()
        if args:
            browser.close()


def wait_rendered(page, text: str | None = None, charts: int = 0, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script and drawn what we expect: the text (what
    the run being waited for draws, so that a run a click starts is not mistaken for the last one), the
    charts, and the app's own script state (stApp's data-test-script-state: `initial` until the first
    run of a page just opened, `running`, then `notRunning`), and every table's cells (a grid draws on a
    canvas and writes its cells into the DOM a moment after the run, a `table` inside it, where it is
    shown on the screen)."""
    page.wait_for_selector("[data-testid='stMain'] h1, [data-testid='stException']", timeout=timeout)
    if text:
        page.get_by_text(text, exact=False).first.wait_for(timeout=timeout)
    if charts:
        page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
                               timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached",
                           timeout=timeout)
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"
                           " && Array.from(document.querySelectorAll('[data-testid=\"stDataFrame\"]'))"
                           "       .every(grid => grid.querySelector('table') || !grid.checkVisibility()"
                           "                      || grid.getBoundingClientRect().top > innerHeight)",
                           timeout=timeout)
    page.wait_for_timeout(100)


if __name__ == "__main__":
    url, out = sys.argv[1], sys.argv[2]
    with chromium(height=int(sys.argv[3]) if len(sys.argv) > 3 else 1000) as page:
        page.goto(url)
        wait_rendered(page, charts=int(os.environ.get("CHARTS", "0")))
        page.screenshot(path=out, full_page=True)
    close_browser()
    print(out)
