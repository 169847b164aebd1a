"""Who is using the dashboard, and what each role may see and do (no streamlit here).

Roles:
    admin    预算国库科: everything — imports, undo, plans, sample removal, backups, accounts;
    leader   领导: reads every section, the bulletin and the audit log; writes nothing;
    section  科室: sees only its own sections' data; enters its own projects' indicator values
             and 监控表.

Accounts live in DuckDB (accounts, account_sections), keyed by the login's e-mail lower-cased
(its OIDC `sub` when it has no e-mail). Without a login provider the dashboard runs in local
mode: it serves 127.0.0.1 only and the person at the machine is the administrator.
"""

from __future__ import annotations

import getpass
import ipaddress
import json
import re
from dataclasses import dataclass

from spending import SpendingError, db

ROLES = ("admin", "leader", "section")
ROLE_LABELS = {"admin": ("管理员（预算国库科）", "Administrator (treasury)"),
               "leader": ("领导", "Leadership"),
               "section": ("科室", "Section")}


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
        role = ROLE_LABELS[self.role][1 if lang == "en" else 0]
        who = self.name or self.login
        return f"{who} · {role}" + (f" · {'、'.join(self.sections)}" if self.sections else "")


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:   # no user name in a container without a passwd entry
        return "unknown"


def local_user() -> User:
    return User(f"local:{os_user()}", "admin", "本机管理员", local=True)


def cli_actor() -> str:
    return f"cli:{os_user()}"


# ------------------------------------------------------------------ who is connecting

def login_key(email: str | None, sub: str | None) -> str | None:
    """The account key of a login: its e-mail lower-cased, else its `sub`."""
    for value in (email, sub):
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return None


FORWARDING_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host")


def is_local_visitor(ip: str | None, headers: dict | None = None) -> bool:
    """True when the browser is on this machine: loopback peer (Streamlit reports loopback as None)
    and no proxy header saying the request came from elsewhere."""
    lowered = {str(k).lower() for k in (headers or {})}
    if lowered & set(FORWARDING_HEADERS):
        return False
    if not isinstance(ip, str):   # None: Streamlit's loopback (and AppTest's stand-in connection)
        return True
    try:
        return ipaddress.ip_address(ip.split("%")[0]).is_loopback
    except ValueError:
        return False


# ------------------------------------------------------------------ accounts

_LOGIN = re.compile(r"[^\s,;]+")


def normalise_login(text: str) -> str:
    login = (text or "").strip().lower()
    if not _LOGIN.fullmatch(login):
        raise SpendingError(f"账号「{text}」无效：应为登录邮箱（或 sub），不含空格 | "
                            f"invalid account \"{text}\": a login e-mail (or sub) without spaces")
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
    """Create or change an account (one transaction, audited with before and after)."""
    from spending import audit

    login = normalise_login(login)
    if role not in ROLES:
        raise SpendingError(f"角色应为 admin / leader / section | role must be admin, leader or section: {role}")
    sections = list(dict.fromkeys(s.strip() for s in sections if s and s.strip()))
    if role == "section" and not sections:
        raise SpendingError("科室账号至少需要一个科室（--section） | a section account needs at least one --section")
    if role != "section" and sections:
        raise SpendingError("只有科室账号有科室 | only section accounts have sections")
    known = _known_sections(con)
    unknown = [s for s in sections if s not in known]
    if unknown:
        raise SpendingError(f"未知科室：{'、'.join(unknown)}（已知：{'、'.join(known)}） | "
                            f"unknown section(s): {', '.join(unknown)}")
    name = name.strip() if name and name.strip() else None
    cur = con.cursor()
    try:
        with db.transaction(cur):
            before = find(cur, login)
            db.execute(cur, "accounts/upsert_account", email=login, role=role, display_name=name)
            db.execute(cur, "accounts/clear_sections", email=login)
            if sections:
                db.execute(cur, "accounts/add_sections", email=login, sections=sections)
            after = User(login, role, name, tuple(sorted(sections)))
            audit.record(cur, actor, "account_changed" if before else "account_added", login,
                         {"before": _account_detail(before), "after": _account_detail(after)})
    finally:
        cur.close()
    return after


def remove(con, login: str, actor: str) -> None:
    from spending import audit

    login = normalise_login(login)
    cur = con.cursor()
    try:
        with db.transaction(cur):
            before = find(cur, login)
            if before is None:
                raise SpendingError(f"没有账号 {login} | no account {login}")
            db.execute(cur, "accounts/clear_sections", email=login)
            db.execute(cur, "accounts/remove_account", email=login)
            audit.record(cur, actor, "account_removed", login, {"before": _account_detail(before)})
    finally:
        cur.close()


def _account_detail(user: User | None) -> dict | None:
    if user is None:
        return None
    return {"role": user.role, "name": user.name, "sections": list(user.sections)}


def describe(detail: dict | None) -> str:
    return json.dumps(detail, ensure_ascii=False) if detail is not None else ""
