"""Who is using the dashboard (st.login or the local admin) and what they may open."""

from __future__ import annotations

import logging
import time

import streamlit as st

from spending import SpendingError, auth, i18n
from spending.ui.address import Context, language
from spending.ui.data import connection, read, writing
from spending.ui.text import plain

def login_configured() -> bool:
    """Streamlit's [auth] section is in .streamlit/secrets.toml (or the file secrets.files names)."""
    try:
        return "auth" in st.secrets
    except Exception:   # noqa: BLE001 - no secrets file at all: local mode
        return False


def _setting(name: str) -> bool:
    """A switch of the [spending] section of secrets.toml (true only when set to true)."""
    try:
        value = st.secrets.get("spending", {}).get(name, False)
    except Exception:   # noqa: BLE001 - no secrets file
        return False
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _client_context():
    """This session's connection as the server saw it — Streamlit's ClientContext: the WebSocket
    handshake's headers and remote_ip, the socket's peer (uvicorn rewrites it from X-Forwarded-For
    only for a loopback peer, and such a request carries the header, which local mode refuses) —
    or None without a connection (AppTest: its runtime is a stand-in whose peer is no text). The
    st.context.ip_address would not do: it reports both loopback and "no connection" as None."""
    try:
        from streamlit.runtime.context import _get_client_context
        client = _get_client_context()
    except Exception:   # noqa: BLE001 - no runtime, or a Streamlit without it
        return None
    if client is None or not (client.remote_ip is None or isinstance(client.remote_ip, str)):
        return None
    return client


# An address opened before login (issue 36: /notices?year=…, as the letters and the mail give it) survives the
# login's round trip through the provider, which always comes back to the dashboard's root: the login page keeps
# the browser's address in a short-lived cookie of its own; the first logged-in run that finds the cookie clears it
# and, when it names another address of this site, goes there. Only a path of this site is followed (never //host).
NEXT_COOKIE = "spending_next"
NEXT_SECONDS = 600
_REMEMBER = ("<script>(function(){var a=%s;"
             "document.cookie='" + NEXT_COOKIE + "='+encodeURIComponent(a)+'; Max-Age=" + str(NEXT_SECONDS)
             + "; Path=/; SameSite=Lax';})();</script>")
# (no "<" nor "&&" in a script's code: st.html dropped the script that had them; the address is JSON with "<" escaped)
_RETURN = ("<script>(function(){var m=document.cookie.match(/(?:^|; )" + NEXT_COOKIE + "=([^;]*)/);"
           "document.cookie='" + NEXT_COOKIE + "=; Max-Age=0; Path=/; SameSite=Lax';if(!m)return;"
           "var n=decodeURIComponent(m[1]);var here=location.pathname+location.search;"
           "var ours=n.charAt(0)==='/' ? (n.charAt(1)!=='/' ? n.indexOf('\\\\')===-1 : false) : false;"
           "if(ours ? n!==here : false)location.replace(n);})();</script>")


def _wanted() -> str | None:
    """The address this session was opened at: its path (the page, under the server's base path) and query.
    (The browser's own location may already show the root: the page itself never ran.)"""
    from urllib.parse import urlencode, urlsplit

    try:
        url = st.context.url
    except Exception:       # noqa: BLE001 - no request behind the session (AppTest)
        return None
    path = urlsplit(url).path if url else ""
    if not path.startswith("/"):
        return None
    query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    return path + (f"?{query}" if query else "")


def _remember_address() -> None:
    """On the login page: keep the address the session was opened at for after the login (NEXT_COOKIE)."""
    import json

    wanted = _wanted()
    if wanted:
        st.html(_REMEMBER % json.dumps(wanted).replace("<", "\\u003c"), unsafe_allow_javascript=True)


def _return_to_address() -> None:
    """Logged in, with an address kept by the login page: clear it and go there (the browser does both)."""
    try:
        kept = st.context.cookies.get(NEXT_COOKIE)
    except Exception:       # noqa: BLE001 - no request behind the session (AppTest)
        kept = None
    if kept:
        st.html(_RETURN, unsafe_allow_javascript=True)


def identify(lang: str) -> auth.User:
    """The user of this session, or stop the script with the page they need instead: the login
    page, 无权访问 for a login without an account, or a refusal for a visitor from another machine
    in local mode (no login provider configured: only this machine is served)."""
    if not login_configured():
        client = _client_context()
        if client is None:      # no connection (AppTest): what st.context says
            local = auth.is_local_visitor(st.context.ip_address, dict(st.context.headers))
        else:                   # the WebSocket handshake's headers and the socket's peer
            local = auth.is_local_visitor(client.remote_ip, dict(client.headers), connected=True)
        if not local:
            st.title(i18n.t("local_only_title", lang))
            st.error(i18n.t("local_only", lang), icon=":material/block:")
            st.stop()
        return auth.local_user()
    if not st.user.is_logged_in:
        st.title(i18n.t("app_title", lang))
        st.info(i18n.t("login_needed", lang), icon=":material/lock:")
        st.button(i18n.t("login", lang), on_click=st.login, type="primary", icon=":material/login:")
        _remember_address()
        st.stop()
    try:
        key = auth.login_of(st.user, _setting(auth.EMAIL_UNVERIFIED_SETTING))
    except auth.LoginRefused as refused:
        st.title(i18n.t("login_refused_title", lang))
        st.error(i18n.t(f"login_refused_{refused.reason}", lang, login=plain(refused.login),
                        normal=plain(refused.normal or ""), setting=auth.EMAIL_UNVERIFIED_SETTING),
                 icon=":material/block:")
        st.button(i18n.t("logout", lang), on_click=st.logout, icon=":material/logout:")
        st.stop()
    with connection() as con:
        cur = con.cursor()
        try:
            signed_out = auth.signed_out_at(cur, key)
            user = auth.find(cur, key)
        finally:
            cur.close()
    if not auth.still_signed_in(auth.issued_at(st.user), signed_out):
        # a cookie saved before 退出 or `user remove` (issue 32): no data, the login page again
        st.title(i18n.t("app_title", lang))
        st.warning(i18n.t("login_ended", lang), icon=":material/lock_clock:")
        st.button(i18n.t("login", lang), on_click=st.login, type="primary", icon=":material/login:")
        _remember_address()
        st.stop()
    if user is None:
        st.title(i18n.t("no_access_title", lang))
        st.error(i18n.t("no_access", lang, login=plain(key or "—")), icon=":material/block:")
        st.button(i18n.t("logout", lang), on_click=st.logout, icon=":material/logout:")
        st.stop()
    _return_to_address()
    return user


def may_open(user: auth.User, who: str) -> bool:
    """Whether a page meant for `who` (everyone, admin, audit) is open to this user."""
    return who == "everyone" or (who == "admin" and user.is_admin) or (who == "audit" and user.reads_audit)


def who_is_here(user: auth.User, lang: str) -> None:
    """The sidebar's last lines: who is logged in (name, role, sections) and 退出; in local mode, say so."""
    st.sidebar.divider()
    if user.local:
        st.sidebar.caption(i18n.t("local_mode", lang))
        st.caption(i18n.t("local_mode", lang))
        return
    st.sidebar.caption(i18n.t("logged_in_as", lang, who=plain(user.label(lang))))
    st.sidebar.button(i18n.t("logout", lang), on_click=log_out, args=(user,), icon=":material/logout:")


def log_out(user: auth.User) -> None:
    """退出 (issue 32): record the sign-out (audited as logout), so that no copy of this login's cookie
    logs in again, then Streamlit's own logout. A sign-out that cannot be written (another writer held the
    database too long, read-only media) is in the server's log, and the logout goes on."""
    try:
        with writing() as con:
            auth.sign_out(con, user.login, auth.issued_at(st.user), time.time(), user.actor)
    except Exception:
        logging.getLogger("spending").exception("the sign-out of %s was not recorded", user.login)
    st.logout()


def open_inquiries(ctx: Context) -> None:
    """A section user's inquiries waiting for an answer, counted in the sidebar (issue 13)."""
    from spending import notices

    if ctx.year is None or ctx.user.role != "section":
        return
    try:
        today = notices.today()
    except SpendingError as error:      # a bad SPENDING_TODAY: said here, and the page goes on
        st.sidebar.error(i18n.t("notices_today_bad", ctx.lang, error=plain(error)), icon=":material/event_busy:")
        return
    waiting = read(notices.open_count, ctx.user, ctx.year, ctx.thresholds, today)
    if waiting:
        st.sidebar.warning(i18n.t("notices_sidebar", ctx.lang, n=waiting), icon=":material/campaign:")


def require(allowed: bool, ctx: Context | None = None) -> None:
    """Stop the page with 无权查看 unless the user may see what the address asks for. Nothing of the
    data asked for is shown: the check runs before any query for it."""
    if not allowed:
        lang = ctx.lang if ctx else language()
        st.title(i18n.t("forbidden_title", lang))
        st.error(i18n.t("forbidden", lang), icon=":material/block:")
        st.stop()


def page_param(name: str) -> str | None:
    return st.query_params.get(name)
