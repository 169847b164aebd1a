"""The inquiry by mail (issue 36, SPEC §6): each section's 问询函 to its people, and the reminders.

Settings: $SPENDING_SMTP = smtp://[USER:PASSWORD@]HOST:PORT?from=ADDRESS[&starttls=1] or smtps://… (TLS from
the start), else the [smtp] table of .streamlit/secrets.toml (host, port, user, password, from, security =
starttls | ssl | none). The dashboard and the command line read the same (settings()). The page's address in
the text is $SPENDING_URL, else the origin of the login's redirect_uri ([auth] in the same file).

Who gets it: the accounts with role `section` for the inquiry's 科室, at their login e-mail; a section with
no such account is named as unreachable.

Once, and never lost (the outbox, queries/mail/): every message is queued in mail_outbox before it is sent,
under its key — one per section and month ('inquiry/2021-11/经济建设科'), one reminder per section and day
('reminder/2021-12-08/经济建设科') — with a Message-ID every attempt reuses. One SMTP transaction per message:
MAIL, then RCPT for every recipient; a recipient refused resets the transaction before DATA, so nobody gets
it and it stays unsent (the reason recorded); the server's 250 after DATA is what makes a message sent, and
sent_at is written (with the audit's mail_sent) in the transaction right after it. Sending again sends only
what has no sent_at. A server that is down fails every message of the run, each recorded, nothing marked.
A crash before the server's 250 leaves the message unsent (sent again next time, once); a crash in the
instant between the server's 250 and that commit cannot be told apart from one before it by any SMTP
client: the next run sends that one message again, with the same Message-ID (mail readers and servers
that de-duplicate by Message-ID show it once).
"""

from __future__ import annotations

import email.policy
import os
import smtplib
import ssl
import tomllib
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from spending import ROOT, SpendingError, audit, auth, clock, db, i18n, workdays
from spending.rules import Thresholds

SMTP_ENV = "SPENDING_SMTP"
URL_ENV = "SPENDING_URL"
SECRETS = ROOT / ".streamlit" / "secrets.toml"
SECURITIES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
REMIND_DAYS = 2
TIMEOUT_SECONDS = 30
OUTBOX_COLUMNS = ["kind", "section", "recipients", "sent_at", "error", "attempts", "last_tried_at", "subject",
                  "attachments", "queued_at"]     # to whom, when, what failed and why first


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    sender: str
    security: str = "none"
    user: str | None = None
    password: str | None = field(default=None, repr=False)


def _setting_error(why: str) -> SpendingError:
    return SpendingError("mail_settings_wrong", why=why)


def parse_url(url: str) -> Settings:
    """SPENDING_SMTP's value as Settings (SPEC §6)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps"):
        raise _setting_error(f"{SMTP_ENV} 应以 smtp:// 或 smtps:// 开头")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    security = "ssl" if parts.scheme == "smtps" else ("starttls" if query.get("starttls") in ("1", "true") else "none")
    try:
        port = parts.port or DEFAULT_PORTS[security]
    except ValueError:
        raise _setting_error(f"{SMTP_ENV} 的端口不是数字") from None
    if not parts.hostname:
        raise _setting_error(f"{SMTP_ENV} 没有服务器地址")
    if not query.get("from"):
        raise _setting_error(f"{SMTP_ENV} 缺少 ?from=发件地址")
    return Settings(parts.hostname, port, query["from"], security,
                    unquote(parts.username) if parts.username else None,
                    unquote(parts.password) if parts.password else None)


def from_table(table: dict) -> Settings:
    """secrets.toml's [smtp] table as Settings."""
    security = str(table.get("security", "none")).strip().lower()
    if security not in SECURITIES:
        raise _setting_error(f"[smtp] security 应为 {' | '.join(SECURITIES)}")
    if not table.get("host") or not table.get("from"):
        raise _setting_error("[smtp] 需要 host 和 from")
    try:
        port = int(table.get("port") or DEFAULT_PORTS[security])
    except (TypeError, ValueError):
        raise _setting_error("[smtp] port 不是数字") from None
    return Settings(str(table["host"]), port, str(table["from"]), security, table.get("user") or None,
                    table.get("password") or None)


def _secrets(path: Path = SECRETS) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise _setting_error(f"无法读取 {path}：{error}") from None


def settings(secrets_path: Path = SECRETS) -> Settings:
    """$SPENDING_SMTP, else [smtp] of secrets.toml; neither: a message saying where to set them."""
    given = (os.environ.get(SMTP_ENV) or "").strip()
    if given:
        return parse_url(given)
    table = _secrets(secrets_path).get("smtp")
    if not table:
        raise SpendingError("mail_settings_missing", variable=SMTP_ENV)
    return from_table(table)


def page_address(year: int, month: int, secrets_path: Path = SECRETS) -> str:
    """The 预警与问询 page's address for the month: $SPENDING_URL, else the login's own origin, else this machine."""
    base = (os.environ.get(URL_ENV) or "").strip()
    if not base:
        redirect = str(_secrets(secrets_path).get("auth", {}).get("redirect_uri", ""))
        parts = urlsplit(redirect)
        base = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "http://localhost:8501"
    return f"{base.rstrip('/')}/notices?year={year}&month={month}"


# ------------------------------------------------------------------ rules (pure)

def recipients(accounts: list[dict], section: str) -> list[str]:
    """The login e-mails of the accounts with role section for `section`."""
    return sorted({a["email"] for a in accounts if a["role"] == "section" and section in (a["sections"] or [])})


def to_remind(rows: list[dict], on: date, days: int = REMIND_DAYS) -> dict[str, list[dict]]:
    """Per section, the inquiries (of notices.inquiries) still waiting for an answer (open, overdue, returned)
    that are due within `days` Chinese working days of `on`, or overdue."""
    from spending.notice_rules import WAITING

    last = workdays.add_working_days(on, days)
    out: dict[str, list[dict]] = {}
    for r in rows:
        if r["state"] in WAITING and r["due"] <= last:
            out.setdefault(r["section"], []).append(r)
    return out


def inquiry_key(year: int, month: int, section: str) -> str:
    return f"inquiry/{year}-{month:02d}/{section}"


def reminder_key(on: date, section: str) -> str:
    return f"reminder/{on.isoformat()}/{section}"


# ------------------------------------------------------------------ messages

@dataclass
class Letter:
    """One message to send: its outbox key and content."""
    key: str
    kind: str
    section: str
    year: int | None
    month: int | None
    subject: str
    body: str
    attachments: list[tuple[str, bytes, str]]     # (file name, data, MIME type)


@dataclass
class Outcome:
    sent: list[tuple[str, list[str]]] = field(default_factory=list)       # (section, recipients)
    already: list[str] = field(default_factory=list)                      # sections sent before
    failed: list[tuple[str, str]] = field(default_factory=list)           # (section, why)
    unreachable: list[str] = field(default_factory=list)                  # sections without an account

    def summary(self, lang: str = "zh") -> str:
        t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
        lines = [t("mail_summary", sent=len(self.sent), already=len(self.already), failed=len(self.failed))]
        lines += [t("mail_sent_to", section=s, to="、".join(to)) for s, to in self.sent]
        lines += [t("mail_failed", section=s, why=why) for s, why in self.failed]
        lines += [t("mail_unreachable", section=s) for s in self.unreachable]
        return "\n".join(lines)


def inquiry_letters(con, year: int, month: int, found: dict[str, list[dict]], on: date, lang: str = "zh",
                    skip: AbstractSet[str] = frozenset()) -> list[Letter]:
    """Each section's 问询函 of the month (notice_letters.letters: `found`) as a message, but the sections in `skip`:
    the letter's words, the reply-by date, the page's address; its PDF and Excel attached (the same files as
    `notices letters`)."""
    from spending import export, notice_letters

    sample = export.sample_loaded(con)
    address = page_address(year, month)
    out = []
    for section, rows in found.items():
        if section in skip:
            continue
        due = min(r["due"] for r in rows)
        text = notice_letters.letter_text(year, month, section, rows, lang)
        body = "\n\n".join(text + [i18n.t("mail_reply_by", lang, due=i18n.day_label(due, lang), address=address),
                                   export.issuer()])
        taken: set[str] = set()
        attachments = [
            (notice_letters.letter_name(year, month, section, "pdf", taken),
             notice_letters.letter_pdf(year, month, section, rows, export.issuer(), on, lang, sample), "application/pdf"),
            (notice_letters.letter_name(year, month, section, "xlsx", taken),
             notice_letters.letter_xlsx(year, month, section, rows, export.issuer(), lang, sample),
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
        subject = i18n.t("mail_subject", lang, section=section, month=i18n.month_label(year, month, lang),
                         due=i18n.day_label(due, lang))
        out.append(Letter(inquiry_key(year, month, section), "inquiry", section, year, month, subject, body,
                          attachments))
    return out


def reminders(con, on: date, days: int = REMIND_DAYS, thresholds: Thresholds = Thresholds(),
              lang: str = "zh") -> list[Letter]:
    """Today's reminders: one per section with inquiries due within `days` working days, or overdue."""
    from spending import notices

    rows = []
    for year in sorted({r["fiscal_year"] for r in db.rows(con, "notices/inquiry_years")}):
        rows += notices.inquiries(con, year, None, thresholds, on)
    out = []
    for section, waiting in sorted(to_remind(rows, on, days).items()):
        lines = [i18n.t("letter_to", lang, section=section), i18n.t("mail_remind_opening", lang, n=len(waiting))]
        for r in sorted(waiting, key=lambda r: (r["due"], r["fiscal_year"], r["month"], r["project_code"])):
            lines.append(i18n.t("mail_remind_item", lang, month=i18n.month_label(r["fiscal_year"], r["month"], lang),
                                name=r["project_name"], code=r["project_code"], due=i18n.day_label(r["due"], lang),
                                state=notices.state_label(r["state"], lang)))
        first = min(waiting, key=lambda r: (r["due"], r["fiscal_year"], r["month"]))
        lines.append(i18n.t("mail_remind_where", lang, address=page_address(first["fiscal_year"], first["month"])))
        out.append(Letter(reminder_key(on, section), "reminder", section, None, None,
                          i18n.t("mail_remind_subject", lang, section=section, n=len(waiting),
                                 day=i18n.day_label(on, lang)), "\n".join(lines), []))
    return out


def _message(letter: Letter, sender: str, to: list[str], message_id: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Subject"] = letter.subject
    msg["Date"] = formatdate(clock.now().timestamp(), localtime=True)       # one clock: SPENDING_TODAY's day
    msg["Message-ID"] = message_id
    msg.set_content(letter.body, cte="base64")      # no line of the DATA is ever too long (RFC 5321: 1,000)
    for name, data, mime in letter.attachments:
        main, sub = mime.split("/", 1)
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return msg


# ------------------------------------------------------------------ sending

def _connect(s: Settings) -> smtplib.SMTP:
    server: smtplib.SMTP
    if s.security == "ssl":
        server = smtplib.SMTP_SSL(s.host, s.port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT_SECONDS)
        if s.security == "starttls":
            server.starttls(context=ssl.create_default_context())
    if s.user:
        server.login(s.user, s.password or "")
    return server


def _why(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode("utf-8", "replace") if isinstance(error.smtp_error, bytes) else str(error.smtp_error)
        return f"{error.smtp_code} {text}".strip()
    return f"{type(error).__name__}: {error}".strip()


class _Refused(Exception):
    def __init__(self, refused: dict[str, tuple[int, bytes]]):
        super().__init__("; ".join(f"{addr}: {code} {msg.decode('utf-8', 'replace')}" for addr, (code, msg) in
                                   refused.items()))


def _transmit(server: smtplib.SMTP, sender: str, to: list[str], data: bytes) -> None:
    """One SMTP transaction: every recipient or none (a refused one resets it before DATA)."""
    server.ehlo_or_helo_if_needed()
    code, resp = server.mail(sender, ["SMTPUTF8"] if server.has_extn("smtputf8") else [])
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, resp, sender)
    refused = {}
    for addr in to:
        code, resp = server.rcpt(addr)
        if code not in (250, 251):
            refused[addr] = (code, resp)
    if refused:
        server.rset()
        raise _Refused(refused)
    code, resp = server.data(data)
    if code != 250:
        raise smtplib.SMTPDataError(code, resp)


def deliver(con, actor: str, letters: list[Letter], s: Settings, accounts: list[dict],
            outcome: Outcome | None = None) -> Outcome:
    """Queue each letter in the outbox (a message sent before is left alone and counted as such), then send
    every unsent one through the server, recording each attempt and marking each sent message in the
    transaction right after the server accepted it, with its audit entry (mail_sent)."""
    outcome = outcome or Outcome()
    pending: list[tuple[Letter, list[str], str]] = []
    for letter in letters:
        to = recipients(accounts, letter.section)
        if not to:
            outcome.unreachable.append(letter.section)
            continue
        names = [name for name, _, _ in letter.attachments]
        cur = con.cursor()
        try:
            with db.transaction(cur):
                db.execute(cur, "mail/queue", key=letter.key, kind=letter.kind, section=letter.section,
                           year=letter.year, month=letter.month, message_id=make_msgid(domain=_domain(s.sender)),
                           recipients=to, subject=letter.subject, attachments=names, at=clock.now())
                row = db.dicts(db.execute(cur, "mail/message", key=letter.key))[0]
        finally:
            cur.close()
        if row["sent_at"] is not None:
            outcome.already.append(letter.section)
        else:
            pending.append((letter, to, row["message_id"]))
    if not pending:
        return outcome
    server = None
    for letter, to, message_id in pending:
        error = None
        try:
            if server is None:
                server = _connect(s)
            _transmit(server, s.sender, to, _message(letter, s.sender, to, message_id).as_bytes(policy=email.policy.SMTP))
        except _Refused as refused:
            error = i18n.t("mail_refused", "zh", who=str(refused))
        except (OSError, smtplib.SMTPException) as failure:
            error = _why(failure)
            if isinstance(failure, (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
                _close(server)
                server = None                    # the next message tries a new connection
        at = clock.now()
        cur = con.cursor()
        try:
            with db.transaction(cur):
                db.execute(cur, "mail/add_attempt", key=letter.key, at=at, recipients=to, error=error)
                if error is None:
                    db.execute(cur, "mail/mark_sent", key=letter.key, at=at)
                    audit.record(cur, actor, "mail_sent", letter.key, {
                        "recipients": to, "subject": letter.subject,
                        "attachments": [name for name, _, _ in letter.attachments], "message_id": message_id})
                else:
                    db.execute(cur, "mail/mark_failed", key=letter.key, error=error)
        finally:
            cur.close()
        if error is None:
            outcome.sent.append((letter.section, to))
        else:
            outcome.failed.append((letter.section, error))
    _close(server)
    return outcome


def _close(server) -> None:
    if server is not None:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip(" >") or "localhost"


def send(con, user: auth.User, year: int, month: int, thresholds: Thresholds = Thresholds(), s: Settings | None = None,
         on: date | None = None, lang: str = "zh") -> Outcome:
    """`notices send`: each section's 问询函 of the month to its people, once (admins only)."""
    if not user.is_admin:
        raise SpendingError("mail_letters_admin_only")
    from spending import notice_letters

    s = s or settings()
    on = on or clock.today()
    found = notice_letters.letters(con, year, month, thresholds, on)
    accounts = auth.accounts(con)
    unreachable = [section for section in found if not recipients(accounts, section)]
    sent = [section for section in found if section not in unreachable
            and was_sent(con, inquiry_key(year, month, section))]
    letters = inquiry_letters(con, year, month, found, on, lang, {*sent, *unreachable})    # no PDF made for them
    return deliver(con, user.actor, letters, s, accounts, Outcome(already=sent, unreachable=unreachable))


def was_sent(con, key: str) -> bool:
    """Whether the outbox holds message `key` as sent."""
    found = db.rows(con, "mail/message", key=key)
    return bool(found) and found[0]["sent_at"] is not None


def remind(con, user: auth.User, days: int = REMIND_DAYS, thresholds: Thresholds = Thresholds(),
           s: Settings | None = None, on: date | None = None, lang: str = "zh") -> Outcome:
    """`notices remind`: today's reminders, at most one a day per section (admins only)."""
    if not user.is_admin:
        raise SpendingError("mail_reminders_admin_only")
    s = s or settings()
    on = on or clock.today()
    return deliver(con, user.actor, reminders(con, on, days, thresholds, lang), s, auth.accounts(con))


def outbox(con, year: int | None = None) -> list[dict]:
    """What went to whom, when, and what failed and why (newest first)."""
    return db.rows(con, "mail/outbox", year=year)
