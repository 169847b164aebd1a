"""Issue 32, a login that 退出 ends: Streamlit's login cookie keeps the ID token's claims for 30 days, and any
copy of it saved before 退出 (or before `user remove`) logged the person in again. Each login's last sign-out is
kept (sign_outs, schema 13), set by 退出 and `user remove`, kept through re-adding the account; an identity issued
(`iat`) at or before it is refused: the login page again.

The rule table-driven (auth), the records on a real database, the pages through AppTest with st.user set as
Streamlit sets it (its claims, `iat` included). The real browser with saved cookies: tests/test_login_browser.py."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, cli_in_process, fresh_db
from spending import audit, auth
from spending.db import opening

AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-secret",
                 "client_id": "spending", "client_secret": "secret",
                 "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"}}
T = 1_765_000_000.0       # a sign-out time, seconds since 1970 UTC


# ------------------------------------------------------------------ the rule

@pytest.mark.parametrize("issued,signed_out,in_", [
    (T - 3600, None, True),           # never signed out
    (None, None, True),               # no iat, never signed out: nothing to compare
    (T + 1, T, True),                 # issued after the sign-out: a new login
    (T + 0.001, T, True),
    (T, T, False),                    # at the sign-out: refused ("at or before")
    (T - 1, T, False),                # a cookie saved before 退出
    (T - 30 * 86400, T, False),       # a month old
    (None, T, False),                 # no iat: nothing shows it is newer than the sign-out
    (float(int(T)), T + 0.5, False),  # iat is whole seconds: issued in the second of the sign-out, refused
])
def test_an_identity_issued_at_or_before_the_sign_out_is_refused(issued, signed_out, in_):
    assert auth.still_signed_in(issued, signed_out) is in_


@pytest.mark.parametrize("claims,issued", [
    ({"iat": 1765000000}, 1765000000.0), ({"iat": 1765000000.5}, 1765000000.5),
    ({"iat": "1765000000"}, 1765000000.0),            # a provider writing it as text
    ({}, None), ({"iat": None}, None), ({"iat": True}, None), ({"iat": "yesterday"}, None),
    ({"iat": float("nan")}, None), ({"iat": float("inf")}, None), ({"iat": [1]}, None),
])
def test_the_issue_time_is_the_id_tokens_iat(claims, issued):
    assert auth.issued_at(claims) == issued


# ------------------------------------------------------------------ the records

@pytest.fixture
def database(tmp_path):
    path = fresh_db(tmp_path / "logout.duckdb", demo=True)
    out = cli_in_process("user", "add", "keji@bureau.gov", "--role", "section", "--section", "综合科", db_path=path)
    assert out.returncode == 0, out.stderr
    return path


def test_a_sign_out_is_recorded_and_audited_and_only_moves_forward(database):
    con = opening.connect(database)
    assert auth.signed_out_at(con, "keji@bureau.gov") is None
    assert auth.sign_out(con, "keji@bureau.gov", T - 60, T, "keji@bureau.gov") == T
    assert auth.signed_out_at(con, "keji@bureau.gov") == T
    # the provider's clock ahead of ours: the identity being signed out is refused all the same
    assert auth.sign_out(con, "keji@bureau.gov", T + 120, T + 10, "keji@bureau.gov") == T + 120
    assert not auth.still_signed_in(T + 120, auth.signed_out_at(con, "keji@bureau.gov"))
    auth.sign_out(con, "keji@bureau.gov", None, T + 5, "keji@bureau.gov")      # an earlier time changes nothing
    assert auth.signed_out_at(con, "keji@bureau.gov") == T + 120
    logouts = [e for e in audit.entries(con) if e["action"] == "logout"]
    assert [(e["actor"], e["object"]) for e in logouts] == [("keji@bureau.gov", "keji@bureau.gov")] * 3
    assert audit.action_label("logout") == "退出登录" and audit.action_label("logout", "en") == "logged out"
    con.close()


def test_user_remove_signs_the_login_out_and_re_adding_it_keeps_that(database):
    con = opening.connect(database)
    auth.remove(con, "KEJI@bureau.gov", "cli:test", now=T)
    assert auth.signed_out_at(con, "keji@bureau.gov") == T
    auth.save(con, "keji@bureau.gov", "section", ["综合科"], None, "cli:test")     # the account again
    assert auth.signed_out_at(con, "keji@bureau.gov") == T
    assert not auth.still_signed_in(T - 60, auth.signed_out_at(con, "keji@bureau.gov"))   # its old cookie
    assert auth.still_signed_in(T + 60, auth.signed_out_at(con, "keji@bureau.gov"))       # a new login
    con.close()


def test_the_command_lines_user_remove_signs_out(database):
    import time

    before = time.time()
    assert cli_in_process("user", "remove", "keji@bureau.gov", db_path=database).returncode == 0
    assert cli_in_process("user", "add", "keji@bureau.gov", "--role", "leader", db_path=database).returncode == 0
    con = opening.connect(database, read_only=True)
    assert before <= auth.signed_out_at(con, "keji@bureau.gov") <= time.time()
    con.close()


# ------------------------------------------------------------------ the pages (AppTest)

@pytest.fixture
def log_in_as(database, monkeypatch):
    monkeypatch.setenv("SPENDING_DB", str(database))

    def open_page(claims: dict) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.secrets.update(AUTH)
        at.user = {"is_logged_in": True, "email_verified": True, **claims}
        at.query_params.update({"year": "2021", "month": "11"})
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return open_page


def _sign_out(database, at: float) -> None:
    con = opening.connect(database)
    auth.sign_out(con, "keji@bureau.gov", None, at, "keji@bureau.gov")
    con.close()


def test_an_identity_issued_before_the_sign_out_gets_the_login_page_and_no_data(log_in_as, database):
    _sign_out(database, T)
    at = log_in_as({"email": "keji@bureau.gov", "sub": "k", "iat": int(T) - 600})
    assert [t.value for t in at.title] == ["支出进度监控"]
    assert "这次登录已结束" in at.warning[0].value
    assert [b.label for b in at.button] == ["登录"] and not at.metric and not at.dataframe
    assert not at.sidebar.caption or all("科室" not in c.value for c in at.sidebar.caption)
    at = log_in_as({"email": "keji@bureau.gov", "sub": "k"})            # no iat at all: the same
    assert [b.label for b in at.button] == ["登录"] and not at.metric
    at = log_in_as({"email": "keji@bureau.gov", "sub": "k", "iat": int(T) + 1})     # logged in anew
    assert at.metric and "科室 · 综合科" in "\n".join(c.value for c in at.sidebar.caption)


def test_logout_records_the_sign_out_then_logs_out(log_in_as, database):
    at = log_in_as({"email": "keji@bureau.gov", "sub": "k", "iat": int(T)})
    assert at.metric
    at.sidebar.button[0].click().run()         # 退出
    con = opening.connect(database, read_only=True)
    signed_out = auth.signed_out_at(con, "keji@bureau.gov")
    entries = [e for e in audit.entries(con) if e["action"] == "logout"]
    con.close()
    assert signed_out is not None and signed_out > T
    assert [(e["actor"], e["object"]) for e in entries] == [("keji@bureau.gov", "keji@bureau.gov")]
    assert not at.metric                        # st.logout: this session's user is gone


def test_a_sign_out_that_cannot_be_written_still_logs_out_and_says_so_in_the_log(log_in_as, database, monkeypatch,
                                                                                caplog):
    at = log_in_as({"email": "keji@bureau.gov", "sub": "k", "iat": int(T)})

    def locked(*args, **kwargs):
        raise auth.SpendingError("database_locked", path="spending.duckdb", who="", after="")
    monkeypatch.setattr(auth, "sign_out", locked)
    with caplog.at_level("ERROR", logger="spending"):
        at.sidebar.button[0].click().run()         # 退出
    assert not at.metric and not at.exception      # logged out all the same, no trace on the page
    assert "the sign-out of keji@bureau.gov was not recorded" in caplog.text
