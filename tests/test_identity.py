"""Issue 19, Identity: a login is the e-mail the provider verified, compared after NFKC; look-alikes and
unverified e-mails are refused; local mode serves only a browser on this machine that names this
machine (the Host header) over a loopback socket.

The rules table-driven (auth), the pages through AppTest with st.user set as Streamlit sets it, and
the real server in Debian's Chromium for what only a browser shows (a Host that is not loopback, the
provider's own email_verified claim). Screenshots: artifacts/screenshots/identity-*.png."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, cli_in_process, fresh_db
from spending import auth

AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-secret",
                 "client_id": "spending", "client_secret": "secret",
                 "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"}}
SHOTS = ROOT / "artifacts" / "screenshots"
KELVIN = "\u212Aeji@bureau.gov"          # KELVIN SIGN: str.lower() makes it keji@bureau.gov


# ------------------------------------------------------------------ the rules

@pytest.mark.parametrize("email,sub,key", [
    ("Wang.Li@Bureau.GOV.cn", "123", "wang.li@bureau.gov.cn"),
    ("keji@bureau.gov", None, "keji@bureau.gov"),
    ("KEJI@BUREAU.GOV", None, "keji@bureau.gov"),              # case alone is no change
    ("张三@局.中国", None, "张三@局.中国"),                      # non-ASCII but already normal
    (None, "user-7", "user-7"),
])
def test_a_normal_login_is_its_nfkc_lower_cased_email(email, sub, key):
    assert auth.login_key(email, sub) == key


@pytest.mark.parametrize("email,sub", [
    (KELVIN, None),                                  # K → k under str.lower(): someone else's account
    ("\u212Aeji@bureau.gov", "\u212Aeji"),
    ("ｋｅｊｉ@bureau.gov", None),                  # full-width letters
    ("keji＠bureau.gov", None),                      # full-width @
    ("ad\ufb01n@bureau.gov", None),                  # the ligature ﬁ
    ("jose\u0301@bureau.gov", None),                 # é decomposed (NFKC composes it)
    ("admin@bureau.gov\u2126", None),                # OHM SIGN (Ω under NFKC)
    (None, "\u212Aeji"),                             # a sub is compared the same way
])
def test_a_login_that_changes_under_normalisation_other_than_case_is_refused(email, sub):
    with pytest.raises(auth.LoginRefused):
        auth.login_key(email, sub)


def test_accounts_are_stored_under_the_same_key_and_look_alikes_refused():
    assert auth.normalise_login("KEJI@Bureau.gov") == "keji@bureau.gov"
    with pytest.raises(auth.SpendingError):
        auth.normalise_login(KELVIN)


@pytest.mark.parametrize("claims,trust_missing,key", [
    ({"email": "Admin@Bureau.gov", "email_verified": True, "sub": "1"}, False, "admin@bureau.gov"),
    ({"email": "admin@bureau.gov", "email_verified": "true", "sub": "1"}, False, "admin@bureau.gov"),
    ({"email": "admin@bureau.gov", "sub": "1"}, True, "admin@bureau.gov"),     # the setting: no claim sent
    ({"sub": "user-7"}, False, "user-7"),                                       # no e-mail: the sub
])
def test_a_verified_email_is_the_identity(claims, trust_missing, key):
    assert auth.login_of(claims, trust_missing) == key


@pytest.mark.parametrize("claims,trust_missing", [
    ({"email": "admin@bureau.gov", "email_verified": False, "sub": "admin@bureau.gov"}, False),
    ({"email": "admin@bureau.gov", "email_verified": False, "sub": "x"}, True),   # the setting never trusts false
    ({"email": "admin@bureau.gov", "email_verified": "false", "sub": "x"}, False),
    ({"email": "admin@bureau.gov", "email_verified": None, "sub": "x"}, False),
    ({"email": "admin@bureau.gov", "email_verified": 0, "sub": "x"}, False),
    ({"email": "admin@bureau.gov", "sub": "x"}, False),                          # no claim, no setting
    ({"email": KELVIN, "email_verified": True, "sub": "x"}, False),
])
def test_an_unverified_or_look_alike_email_is_no_identity(claims, trust_missing):
    with pytest.raises(auth.LoginRefused):
        auth.login_of(claims, trust_missing)


@pytest.mark.parametrize("ip,headers,local", [
    ("127.0.0.1", {"Host": "127.0.0.1:8501"}, True), ("127.0.0.1", {"host": "localhost:8501"}, True),
    ("::1", {"Host": "[::1]:8501"}, True), ("127.0.0.1", {"Host": "localhost"}, True),
    ("127.0.0.1", {"Host": "app.localhost:8501"}, True), ("127.0.0.1", {"Host": "LOCALHOST:8501"}, True),
    # a TCP forward (nginx stream, ssh -L on a server) or DNS rebinding: the peer is loopback, the Host is not
    ("127.0.0.1", {"Host": "192.168.1.20:8501"}, False), ("127.0.0.1", {"Host": "dashboard.bureau.gov"}, False),
    ("127.0.0.1", {"Host": "localhost.evil.example"}, False), ("127.0.0.1", {"Host": "127.0.0.1.nip.io"}, False),
    ("127.0.0.1", {"Host": ""}, False), ("127.0.0.1", {"Host": "[::ffff:192.168.1.20]:8501"}, False),
    ("127.0.0.1", {"Host": "localhost:8501", "X-Client-IP": "203.0.113.9"}, False),
    ("127.0.0.1", {"Host": "localhost:8501", "X-Forwarded-Host": "dashboard.bureau.gov"}, False),
    ("192.168.1.20", {"Host": "localhost:8501"}, False),
])
def test_local_mode_checks_the_host_and_the_peer(ip, headers, local):
    assert auth.is_local_visitor(ip, headers) is local


def test_a_connection_without_a_host_or_a_peer_is_not_local():
    assert auth.is_local_visitor(None, {}, connected=True) is False                         # peer unknown
    assert auth.is_local_visitor("127.0.0.1", {}, connected=True) is False                  # no Host
    assert auth.is_local_visitor("127.0.0.1", {"Host": "localhost:8501"}, connected=True) is True


# ------------------------------------------------------------------ the pages (AppTest)

@pytest.fixture(scope="module")
def identity_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("identity") / "identity.duckdb"
    fresh_db(path, demo=True)
    for args in (("admin@bureau.gov", "--role", "admin"),
                 ("keji@bureau.gov", "--role", "section", "--section", "综合科", "--name", "科技李")):
        out = cli_in_process("user", "add", *args, db_path=path)
        assert out.returncode == 0, out.stderr
    return path


@pytest.fixture
def log_in_as(identity_db, monkeypatch):
    monkeypatch.setenv("SPENDING_DB", str(identity_db))

    def open_page(claims: dict, settings: dict | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.secrets.update(AUTH)
        if settings is not None:
            at.secrets.update({"spending": settings})
        at.user = {"is_logged_in": True, **claims}
        at.query_params.update({"year": "2021", "month": "11"})
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return open_page


def shown(at: AppTest) -> str:
    return "\n".join([*(t.value for t in at.title), *(e.value for e in at.error), *(c.value for c in at.caption),
                      *(m.label for m in at.metric)])


def refused(at: AppTest) -> bool:
    return [t.value for t in at.title] == ["登录被拒绝"] and not at.metric and not at.dataframe


def test_the_kelvin_sign_does_not_log_in_as_keji(log_in_as):
    at = log_in_as({"email": KELVIN, "email_verified": True, "sub": "k-1"})
    assert refused(at), shown(at)
    assert "科技李" not in shown(at) and "综合科" not in shown(at)
    assert [b.label for b in at.button] == ["退出"]
    at = log_in_as({"email": "keji@bureau.gov", "email_verified": True, "sub": "k-2"})
    assert "科技李 · 科室 · 综合科" in "\n".join(c.value for c in at.sidebar.caption)


def test_an_unverified_email_is_not_the_administrator(log_in_as):
    at = log_in_as({"email": "admin@bureau.gov", "email_verified": False, "sub": "admin@bureau.gov"})
    assert refused(at), shown(at)
    assert "未验证" in at.error[0].value
    assert not any(p.label == "数据" for p in at.get("page_link"))


def test_a_provider_that_sends_no_email_verified_claim_needs_the_setting(log_in_as):
    at = log_in_as({"email": "admin@bureau.gov", "sub": "admin-1"})
    assert refused(at), shown(at)
    assert "email_verified" in at.error[0].value and "trust_email_without_verified_claim" in at.error[0].value
    at = log_in_as({"email": "admin@bureau.gov", "sub": "admin-1"}, {"trust_email_without_verified_claim": True})
    assert not refused(at) and at.metric
    at = log_in_as({"email": "admin@bureau.gov", "email_verified": False, "sub": "admin-1"},
                   {"trust_email_without_verified_claim": True})
    assert refused(at), "false is never trusted"


# ------------------------------------------------------------------ the real server in Chromium



def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"identity-{name}.png"), full_page=True)


@pytest.mark.browser
def test_the_providers_email_verified_false_is_refused_in_the_browser(identity_db, tmp_path):
    from browser import chromium, log_in, login_server, oidc_provider_with, wait_rendered

    users = [{"sub": "admin@bureau.gov", "email": "admin@bureau.gov", "email_verified": False, "name": "冒充者"},
             {"sub": "keji@bureau.gov", "email": "keji@bureau.gov", "email_verified": True, "name": "科技李"}]
    with oidc_provider_with(users) as provider, login_server(identity_db, provider, tmp_path) as url:
        with chromium() as page:
            log_in(page, url, "admin@bureau.gov")
            wait_rendered(page, "登录被拒绝")
            body = page.inner_text("body")
            assert "未验证" in body and "导入历史" not in body and "数据" not in page.inner_text("[data-testid='stSidebar']")
            shot(page, "unverified-refused")
            page.context.clear_cookies()          # the next person, in the same browser: no cookies of the first
            log_in(page, url, "keji@bureau.gov")
            wait_rendered(page, "总览")
            assert "科技李 · 科室 · 综合科" in page.inner_text("body")


@pytest.mark.browser
def test_local_mode_refuses_a_host_that_is_not_this_machine(tmp_path):
    """A browser reaching the dashboard under another name over a loopback socket — what a TCP forward
    (nginx stream, socat, ssh -L) that adds no header looks like to the server — is refused."""
    from browser import chromium, free_port, streamlit_server, wait_rendered

    path = tmp_path / "local.duckdb"
    fresh_db(path, demo=True)
    port = free_port()
    with streamlit_server(path, port=port) as url:
        with chromium(args=("--host-resolver-rules=MAP dashboard.bureau.gov 127.0.0.1",)) as page:
            page.goto(f"http://dashboard.bureau.gov:{port}/data?year=2021&month=11")
            wait_rendered(page, "仅限本机访问")
            body = page.inner_text("body")
            assert "导入历史" not in body and "经济建设科" not in body and "本机模式（未启用登录）" not in body
            shot(page, "local-other-host-refused")
            page.goto(f"{url}/?year=2021&month=11")       # the same browser by this machine's own address
            wait_rendered(page, "总览 · 2021年11月")
            assert "本机模式（未启用登录）" in page.inner_text("body")
