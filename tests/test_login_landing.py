"""Issue 36, found when tried: an address opened before login (/notices?year=…&month=…, as the letters and the
mail give it) lands there after the login — the provider always returns to the dashboard's root — in Debian's
Chromium with a real OIDC provider (oidc-provider-mock) and the real server."""

from __future__ import annotations

import pytest

from browser import chromium, log_in, login_server, oidc_provider, wait_rendered
from conftest import cli_in_process, fresh_db

pytestmark = pytest.mark.browser


def test_an_address_opened_before_login_is_where_the_login_lands(tmp_path):
    path = fresh_db(tmp_path / "landing.duckdb", demo=True)
    assert cli_in_process("user", "add", "econ@bureau.gov", "--role", "section", "--section", "经济建设科",
                          "--name", "经建科张", db_path=path).returncode == 0
    wanted = "/notices?year=2021&month=11"
    with oidc_provider({"econ@bureau.gov": "经建科张"}) as provider, login_server(path, provider, tmp_path) as url, \
            chromium() as page:
        log_in(page, url, "econ@bureau.gov", first=wanted)
        page.wait_for_url(url + wanted, timeout=60_000)
        wait_rendered(page, "预警与问询")
        assert page.url == url + wanted
        assert not [c for c in page.context.cookies() if c["name"] == "spending_next"]      # used once
        # Afterwards the root is the root: nothing left to send the browser elsewhere.
        page.goto(url + "/")
        wait_rendered(page, "总览 · 2021年11月")
        assert page.url == url + "/?year=2021&month=11"         # the root, with the sidebar's month
