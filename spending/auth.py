"""Who is using the dashboard, and what each role may see and do (no streamlit here).

Roles:
    admin    预算国库科: everything — imports, undo, plans, sample removal, backups, accounts;
    leader   领导: reads every section, the bulletin and the audit log; writes nothing;
    section  科室: sees only its own sections' data; enters its own projects' indicator values
             and 监控表.

Accounts live in DuckDB (accounts, account_sections), keyed by the login's e-mail lower-cased after
NFKC (its OIDC `sub` when it has no e-mail); a login NFKC changes other than in case is refused, and
so is an e-mail the provider has not verified (login_of). Without a login provider the dashboard runs
in local mode: it serves 127.0.0.1 only, to a browser naming this machine (Host) over a loopback
socket with no proxy header, and the person at the machine is the administrator.
退出 and `user remove` record the login's sign-out time (sign_outs); an identity issued (`iat`) at or before it
is refused (still_signed_in): Streamlit's login cookie outlives both in any copy of it.
"""

from __future__ import annotations

import getpass
import ipaddress
import json
import math
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from spending import SpendingError, audit, db, i18n

ROLES = ("admin", "leader", "section")        # in words: i18n.ROLES


@dataclass(frozen=True)
class User:
    """A person using the dashboard (or the command line) and what the role allows."""

    login: str                       # e-mail lower-cased, sub, or local:/cli:<os user>
    role: str
    name: str | None = None
    sections: tuple[str, ...] = ()
    local: bool = False              # local mode: no login provider configured

    @property
    def actor(self) -> str:
        """The identity written into the audit log and import history."""
        return self.login

    @property
    def scope(self) -> list[str] | None:
        """The sections this user's queries are limited to; None = every section."""
        return None if self.role in ("admin", "leader") else list(self.sections)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def reads_audit(self) -> bool:
        return self.role in ("admin", "leader")

    def sees_section(self, section: str | None) -> bool:
        return self.role in ("admin", "leader") or section in self.sections

    def answers_for(self, section: str | None) -> bool:
        """May enter indicator values and the 监控表 of a project of this section."""
        return self.role == "admin" or (self.role == "section" and section in self.sections)

    def label(self, lang: str = "zh") -> str:
        role = i18n.role(self.role, lang)
        who = self.name or self.login
        return f"{who} · {role}" + (f" · {'、'.join(self.sections)}" if self.sections else "")


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:   # noqa: BLE001 - no user name in a container without a passwd entry
        return "unknown"


def local_user() -> User:
    return User(f"local:{os_user()}", "admin", "本机管理员", local=True)


def cli_actor() -> str:
    return f"cli:{os_user()}"


# ------------------------------------------------------------------ who is connecting

class LoginRefused(SpendingError):
    """A login that is no identity: an e-mail its provider has not verified, or one that is not what
    it looks like (a compatibility character that NFKC would change into someone else's e-mail)."""

    def __init__(self, reason: str, login: str, normal: str | None = None):
        Exception.__init__(self, f"{reason}: {login}")      # the page words it (ui.access: login_refused_<reason>)
        self.reason, self.login, self.normal = reason, login, normal

    def text(self, lang: str = "zh") -> str:
        from spending import i18n
        return i18n.t(f"login_refused_{self.reason}", lang, login=self.login, normal=self.normal or "",
                      setting=EMAIL_UNVERIFIED_SETTING)


def _normal(text: str) -> bool:
    """NFKC leaves the text as it is, and its lower case too (the KELVIN SIGN, OHM SIGN, full-width
    letters, ligatures, ſ and decomposed letters are changed: each is a look-alike of another login)."""
    return unicodedata.normalize("NFKC", text) == text and unicodedata.normalize("NFKC", text.lower()) == text.lower()


def login_key(email: str | None, sub: str | None) -> str | None:
    """The account key of a login: its e-mail lower-cased, else its `sub`, compared after NFKC.
    A login that NFKC changes other than in case (the KELVIN SIGN in \u212Aeji@…, full-width
    letters, ligatures, a decomposed é) is refused (LoginRefused): never someone else's account."""
    for value in (email, sub):
        if isinstance(value, str) and value.strip():
            text = value.strip()
            if not _normal(text):
                raise LoginRefused("not_normal", text, unicodedata.normalize("NFKC", text).lower())
            return text.lower()
    return None


EMAIL_UNVERIFIED_SETTING = "trust_email_without_verified_claim"
_MISSING = object()


def login_of(claims, trust_missing_claim: bool = False) -> str | None:
    """The account key of a logged-in user from the provider's claims (st.user). The e-mail is an
    identity only when the provider says it verified it (email_verified true); a provider that never
    sends the claim is trusted only with the setting [spending] trust_email_without_verified_claim =
    true in secrets.toml; `email_verified: false` never. Without an e-mail, the `sub`.
    Raises LoginRefused."""
    email = claims.get("email")
    if isinstance(email, str) and email.strip():
        verified = claims.get("email_verified", _MISSING)
        if verified is _MISSING:
            if not trust_missing_claim:
                raise LoginRefused("no_verified_claim", email.strip())
        elif verified is not True and not (isinstance(verified, str) and verified.strip().lower() == "true"):
            raise LoginRefused("unverified", email.strip())
        return login_key(email, None)
    return login_key(None, claims.get("sub"))


# ------------------------------------------------------------------ a login that 退出 ended (issue 32)

def issued_at(claims) -> float | None:
    """When the provider issued this login's identity: the ID token's `iat` (seconds since 1970 UTC), which
    Streamlit keeps in its login cookie with the other claims; None when it is missing or not a number."""
    value = claims.get("iat")
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    return None


def still_signed_in(issued: float | None, signed_out: float | None) -> bool:
    """Whether an identity issued at `issued` still logs in, the login having last signed out at `signed_out`
    (both seconds since 1970 UTC; None: never signed out / no `iat`). An identity issued at or before the
    sign-out is an old cookie (a copy saved before 退出 or `user remove`): refused. Without an `iat` nothing
    shows that the identity is newer than a sign-out, so it is refused once the login has one."""
    if signed_out is None:
        return True
    return issued is not None and issued > signed_out


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)


def signed_out_at(con, login: str | None) -> float | None:
    """When this login last signed out (seconds since 1970 UTC), or None."""
    if not login:
        return None
    row = db.execute(con, "accounts/signed_out_at", email=login).fetchone()
    return None if row is None else float(row[0])


def sign_out(con, login: str, issued: float | None, now: float, actor: str) -> float:
    """Record that `login` signed out (退出): every identity of it issued until now is refused from here on,
    the one being signed out included even when the provider's clock runs ahead of ours (the later of `now`
    and its `issued`). One transaction with its audit entry (logout). Returns the time recorded."""
    at = max(now, issued) if issued is not None else now
    cur = con.cursor()
    try:
        with db.transaction(cur):
            db.execute(cur, "accounts/sign_out", email=login, signed_out_at=_utc(at))
            audit.record(cur, actor, "logout", login)
    finally:
        cur.close()
    return at


FORWARDING_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host", "x-client-ip",
                      "x-forwarded-proto", "x-forwarded-server", "x-original-forwarded-for", "true-client-ip",
                      "cf-connecting-ip", "x-cluster-client-ip", "client-ip", "via")


def is_loopback_host(host: str | None) -> bool:
    """The Host header names this machine: localhost (or a name under .localhost), or a loopback
    address (127.0.0.0/8, [::1]), with or without a port."""
    host = (host or "").strip().lower()
    if host.startswith("["):                          # [::1]:8501
        name = host[1:host.find("]")] if "]" in host else ""
    elif host.count(":") == 1:
        name = host.split(":")[0]
    else:
        name = host
    name = name.rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_local_visitor(ip: str | None, headers: dict | None = None, connected: bool = False) -> bool:
    """True when the browser is on this machine and says so: no proxy header saying the request came
    from elsewhere, a loopback Host header (a TCP forward or DNS rebinding brings another name over a
    loopback socket), and a loopback peer. ip None is Streamlit's loopback in st.context.ip_address, or
    no connection at all (AppTest); connected=True: ip is the socket's peer as the server saw it, and
    an unknown peer (None) or a missing Host is not local."""
    given = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    if set(given) & set(FORWARDING_HEADERS):
        return False
    if ("host" in given or connected) and not is_loopback_host(given.get("host")):
        return False
    if not isinstance(ip, str):
        return not connected
    try:
        return ipaddress.ip_address(ip.split("%")[0]).is_loopback
    except ValueError:
        return False


# ------------------------------------------------------------------ accounts

_LOGIN = re.compile(r"[^\s,;]+")


def normalise_login(text: str) -> str:
    """An account's key as login_key makes it: lower-cased after NFKC; a login NFKC changes other than
    in case (a look-alike of another e-mail) is refused, as it is at the login."""
    login = (text or "").strip().lower()
    if not _LOGIN.fullmatch(login):
        raise SpendingError("account_login_invalid", login=text)
    if not _normal(text.strip()):
        normal = unicodedata.normalize("NFKC", text.strip()).lower()
        raise SpendingError("account_login_compatibility", login=text, normal=normal)
    return login


def find(con, login: str | None) -> User | None:
    if not login:
        return None
    row = db.execute(con, "accounts/account", email=login.strip().lower()).fetchone()
    if row is None:
        return None
    email, role, name, sections = row
    return User(email, role, name, tuple(sections))


def accounts(con) -> list[dict]:
    return db.rows(con, "accounts/accounts")


def _known_sections(con) -> list[str]:
    return [r["section"] for r in db.rows(con, "accounts/known_sections")]


def save(con, login: str, role: str, sections: list[str], name: str | None, actor: str) -> User:
    """Create or change an account (one transaction, audited with before and after). The same account
    again (role, name and sections as they are) is no change: nothing is written or audited."""
    login = normalise_login(login)
    if role not in ROLES:
        raise SpendingError("account_role_unknown", role=("", f": {role}"))
    sections = list(dict.fromkeys(s.strip() for s in sections if s and s.strip()))
    if role == "section" and not sections:
        raise SpendingError("account_sections_missing")
    if role != "section" and sections:
        raise SpendingError("account_sections_not_for_role")
    known = _known_sections(con)
    unknown = [s for s in sections if s not in known]
    if unknown:
        raise SpendingError("account_sections_unknown", unknown=("、".join(unknown), ", ".join(unknown)),
                            known=(f"（已知：{'、'.join(known)}）", ""))
    name = name.strip() if name and name.strip() else None
    cur = con.cursor()
    try:
        with db.transaction(cur):
            before = find(cur, login)
            after = User(login, role, name, tuple(sorted(sections)))
            if before is not None and _account_detail(before) == _account_detail(after):
                return before          # the same account again: nothing changes, nothing to audit
            db.execute(cur, "accounts/upsert_account", email=login, role=role, display_name=name)
            db.execute(cur, "accounts/clear_sections", email=login)
            if sections:
                db.execute(cur, "accounts/add_sections", email=login, sections=sections)
            audit.record(cur, actor, "account_changed" if before else "account_added", login,
                         {"before": _account_detail(before), "after": _account_detail(after)})
    finally:
        cur.close()
    return after


def remove(con, login: str, actor: str, now: float | None = None) -> None:
    """Remove an account; its logins so far are signed out (sign_outs keeps the time, also when the account
    is added again: a cookie saved before the removal never logs in). now: seconds since 1970 (the clock)."""
    login = normalise_login(login)
    now = time.time() if now is None else now
    cur = con.cursor()
    try:
        with db.transaction(cur):
            before = find(cur, login)
            if before is None:
                raise SpendingError("account_unknown", login=login)
            db.execute(cur, "accounts/clear_sections", email=login)
            db.execute(cur, "accounts/remove_account", email=login)
            db.execute(cur, "accounts/sign_out", email=login, signed_out_at=_utc(now))
            audit.record(cur, actor, "account_removed", login, {"before": _account_detail(before)})
    finally:
        cur.close()


def _account_detail(user: User | None) -> dict | None:
    if user is None:
        return None
    return {"role": user.role, "name": user.name, "sections": list(user.sections)}


def describe(detail: dict | None) -> str:
    return json.dumps(detail, ensure_ascii=False) if detail is not None else ""
