"""Issue 36, mail: `notices send` and `notices remind` against a real SMTP server on loopback (aiosmtpd), the
messages read back and their attachments opened; the outbox sends each message once — a refused recipient, a
server that is down, a client killed mid-send: nothing lost, nothing twice; every message sent is audited."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import os
import signal
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from aiosmtpd.controller import Controller

from conftest import ROOT, cli, cli_in_process, fresh_db
from runtime import RUNTIME_PYTHON
from spending import SpendingError, mail
from spending.db import opening

sys.path.insert(0, str(ROOT / "tests"))
from browser import free_port

ECON = "106-0601-YBN-RQRQ"      # 业务委托费, 经济建设科
REVIEW = "106-0401-YBN-DAES"    # 预决算编审, 预算国库科
URL = "https://spending.example.gov"
SENDER = "treasury@bureau.gov"


class Inbox:
    """The SMTP server's handler: keeps every message it accepts; refuses the addresses in `refuse`; `on_data`
    may answer a DATA itself (then the message is not kept)."""

    def __init__(self):
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.refuse: set[str] = set()
        self.on_data = None
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.on_data is not None:
            answer = self.on_data(envelope)
            if answer:
                return answer
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos),
                                  email.message_from_bytes(envelope.content, policy=email.policy.default)))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp():
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.port = port
    yield inbox
    controller.stop()


def env_for(port: int, today: str = "2021-12-03") -> dict:
    return {"SPENDING_SMTP": f"smtp://127.0.0.1:{port}?from={SENDER}", "SPENDING_TODAY": today, "SPENDING_URL": URL}


@pytest.fixture
def issued(tmp_path):
    """November's three inquiries issued on 2021-12-03 (reply by 2021-12-10); 经济建设科 has one account,
    预算国库科 two, 非税综合科 none."""
    path = fresh_db(tmp_path / "mail.duckdb", demo=True)
    for args in (("econ@bureau.gov", "--role", "section", "--section", "经济建设科", "--name", "经建科张"),
                 ("guoku1@bureau.gov", "--role", "section", "--section", "预算国库科"),
                 ("guoku2@bureau.gov", "--role", "section", "--section", "预算国库科"),
                 ("leader@bureau.gov", "--role", "leader")):
        assert cli_in_process("user", "add", *args, db_path=path).returncode == 0
    out = cli_in_process("notices", "issue", "--as-of", "2021-11", db_path=path, env_extra={"SPENDING_TODAY": "2021-12-03"})
    assert out.returncode == 0, out.stderr
    return path


def audit_rows(path, action="mail_sent") -> list[dict]:
    out = cli_in_process("audit", "--format", "csv", db_path=path)
    return [r for r in csv.DictReader(io.StringIO(out.stdout)) if r["action"] == action]


def pdf_text(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


# ------------------------------------------------------------------ settings and rules

@pytest.mark.parametrize("url, expected", [
    ("smtp://mail.bureau.gov:25?from=a@b.gov", ("mail.bureau.gov", 25, "a@b.gov", "none", None, None)),
    ("smtp://u%40x:p%3Ass@mail:587?from=a@b.gov&starttls=1", ("mail", 587, "a@b.gov", "starttls", "u@x", "p:ss")),
    ("smtps://mail?from=a@b.gov", ("mail", 465, "a@b.gov", "ssl", None, None)),
    ("smtp://mail:25", "from="),
    ("http://mail:25?from=a@b.gov", "smtp://"),
    ("smtp://:25?from=a@b.gov", "服务器地址"),
])
def test_spending_smtp(url, expected):
    if isinstance(expected, str):
        with pytest.raises(SpendingError, match=expected):
            mail.parse_url(url)
    else:
        s = mail.parse_url(url)
        assert (s.host, s.port, s.sender, s.security, s.user, s.password) == expected


def test_settings_from_the_environment_else_secrets(tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[smtp]\nhost = "mail.bureau.gov"\nport = 587\nuser = "u"\npassword = "p"\n'
                       'from = "treasury@bureau.gov"\nsecurity = "starttls"\n'
                       '[auth]\nredirect_uri = "https://dash.bureau.gov/oauth2callback"\n', encoding="utf-8")
    monkeypatch.delenv(mail.SMTP_ENV, raising=False)
    monkeypatch.delenv(mail.URL_ENV, raising=False)
    s = mail.settings(secrets)
    assert (s.host, s.port, s.user, s.password, s.sender, s.security) == (
        "mail.bureau.gov", 587, "u", "p", "treasury@bureau.gov", "starttls")
    assert "password" not in repr(s)                  # never in a log line
    assert mail.page_address(2021, 11, secrets) == "https://dash.bureau.gov/notices?year=2021&month=11"
    monkeypatch.setenv(mail.SMTP_ENV, "smtps://other:2465?from=x@y.gov")
    assert mail.settings(secrets).host == "other"
    monkeypatch.delenv(mail.SMTP_ENV)
    with pytest.raises(SpendingError, match="SPENDING_SMTP"):
        mail.settings(tmp_path / "none.toml")
    (tmp_path / "bad.toml").write_text('[smtp]\nhost = "m"\nfrom = "a@b"\nsecurity = "tls"\n', encoding="utf-8")
    with pytest.raises(SpendingError, match="security"):
        mail.settings(tmp_path / "bad.toml")


def _row(section, due, state):
    return {"section": section, "due": due, "state": state}


@pytest.mark.parametrize("rows, on, days, expected", [
    ([_row("甲", date(2021, 12, 10), "open")], date(2021, 12, 8), 2, {"甲"}),          # Wed: due Fri, 2 working days
    ([_row("甲", date(2021, 12, 10), "open")], date(2021, 12, 7), 2, set()),           # Tue: 3 working days away
    ([_row("甲", date(2021, 12, 13), "open")], date(2021, 12, 9), 2, {"甲"}),          # Thu → Mon over the weekend
    ([_row("甲", date(2021, 12, 1), "overdue")], date(2021, 12, 8), 2, {"甲"}),
    ([_row("甲", date(2021, 12, 10), "answered")], date(2021, 12, 9), 2, set()),
    ([_row("甲", date(2021, 12, 10), "accepted")], date(2021, 12, 9), 2, set()),
    ([_row("甲", date(2021, 12, 10), "returned")], date(2021, 12, 9), 2, {"甲"}),      # to answer again
    ([_row("甲", date(2021, 12, 10), "closed")], date(2021, 12, 20), 2, set()),
])
def test_who_is_reminded(rows, on, days, expected):
    assert set(mail.to_remind(rows, on, days)) == expected


def test_recipients_are_the_sections_accounts():
    accounts = [{"email": "a@x", "role": "section", "sections": ["甲"]}, {"email": "b@x", "role": "admin", "sections": []},
                {"email": "c@x", "role": "section", "sections": ["甲", "乙"]}, {"email": "d@x", "role": "leader",
                                                                               "sections": []}]
    assert mail.recipients(accounts, "甲") == ["a@x", "c@x"] and mail.recipients(accounts, "丙") == []


# ------------------------------------------------------------------ sending, for real

def test_send_reads_back_and_goes_once(issued, smtp, tmp_path):
    out = cli("notices", "send", "--as-of", "2021-11", db_path=issued, env_extra=env_for(smtp.port))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "已发送 2 封" in out.stdout and "无法送达 非税综合科" in out.stdout
    assert len(smtp.messages) == 2
    by_section = {("经济建设科" if "econ@bureau.gov" in to else "预算国库科"): (to, msg) for to, msg in smtp.messages}
    to, msg = by_section["预算国库科"]
    assert sorted(to) == ["guoku1@bureau.gov", "guoku2@bureau.gov"]
    assert msg["From"] == SENDER and "预算国库科" in msg["Subject"] and "2021年12月10日" in msg["Subject"]
    assert msg["Date"].datetime.date() == date(2021, 12, 3)            # one clock: SPENDING_TODAY
    body = msg.get_body(("plain",)).get_content()
    assert f"{URL}/notices?year=2021&month=11" in body and "请于2021年12月10日前" in body
    files = {part.get_filename(): part.get_content() for part in msg.iter_attachments()}
    assert sorted(files) == ["问询函_2021-11_预算国库科.pdf", "问询函_2021-11_预算国库科.xlsx"]
    text = pdf_text(files["问询函_2021-11_预算国库科.pdf"], tmp_path)
    assert "问询函" in text and "预决算编审" in text and "业务委托费" not in text
    book = openpyxl.load_workbook(io.BytesIO(files["问询函_2021-11_预算国库科.xlsx"]))
    assert [r[0] for r in book.worksheets[1].values][1:] == [REVIEW]
    econ = by_section["经济建设科"][1]
    assert "业务委托费" in pdf_text(next(p.get_content() for p in econ.iter_attachments()
                                     if p.get_filename().endswith(".pdf")), tmp_path)

    sent = audit_rows(issued)
    assert len(sent) == 2 and {r["object"] for r in sent} == {"inquiry/2021-11/经济建设科", "inquiry/2021-11/预算国库科"}
    assert all("recipients" in r["detail"] and "问询函_2021-11_" in r["detail"] and "subject" in r["detail"] for r in sent)

    again = cli("notices", "send", "--as-of", "2021-11", db_path=issued, env_extra=env_for(smtp.port))
    assert again.returncode == 0 and "已发送 0 封，此前已发 2 封" in again.stdout
    assert len(smtp.messages) == 2 and len(audit_rows(issued)) == 2


def test_a_refused_recipient_sends_that_message_to_nobody_and_later_once(issued, smtp):
    smtp.refuse = {"guoku2@bureau.gov"}
    out = cli_in_process("notices", "send", "--as-of", "2021-11", db_path=issued, env_extra=env_for(smtp.port))
    assert out.returncode == 1
    assert "未发送 预算国库科" in out.stdout and "guoku2@bureau.gov" in out.stdout and "550" in out.stdout
    assert "1 封邮件未发出" in out.stderr
    assert [to for to, _ in smtp.messages] == [["econ@bureau.gov"]]     # the rest sent; nobody of 预算国库科 got it
    con = opening.connect(issued, read_only=True)
    try:
        box = {r["section"]: r for r in mail.outbox(con, 2021)}
        assert box["预算国库科"]["sent_at"] is None and "guoku2@bureau.gov" in box["预算国库科"]["error"]
        assert box["经济建设科"]["sent_at"].date() == date(2021, 12, 3) and box["经济建设科"]["error"] is None
    finally:
        con.close()
    smtp.refuse = set()
    out = cli_in_process("notices", "send", "--as-of", "2021-11", db_path=issued, env_extra=env_for(smtp.port))
    assert out.returncode == 0 and "已发送 1 封，此前已发 1 封" in out.stdout
    assert sorted(sorted(to) for to, _ in smtp.messages) == [["econ@bureau.gov"],
                                                            ["guoku1@bureau.gov", "guoku2@bureau.gov"]]
    con = opening.connect(issued, read_only=True)
    try:
        box = {r["section"]: r for r in mail.outbox(con, 2021)}
        assert box["预算国库科"]["attempts"] == 2 and box["预算国库科"]["error"] is None
        assert box["预算国库科"]["sent_at"] is not None
    finally:
        con.close()


def test_a_server_that_is_down_loses_nothing(issued, smtp, monkeypatch):
    closed = free_port()
    out = cli_in_process("notices", "send", "--as-of", "2021-11", db_path=issued, env_extra=env_for(closed))
    assert out.returncode == 1 and out.stdout.count("未发送") == 2 and "Connection refused" in out.stdout
    assert audit_rows(issued) == []
    out = cli_in_process("notices", "send", "--as-of", "2021-11", db_path=issued, env_extra=env_for(smtp.port))
    assert out.returncode == 0 and "已发送 2 封" in out.stdout and len(smtp.messages) == 2
    # Sending again makes no letter at all for what was sent (no Chromium run for nothing).
    from spending import notice_letters

    def no_pdf(*args, **kwargs):
        raise AssertionError("a letter was printed for a message already sent")

    monkeypatch.setattr(notice_letters, "letter_pdf", no_pdf)
    again = cli_in_process("notices", "send", "--as-of", "2021-11", db_path=issued, env_extra=env_for(smtp.port))
    assert again.returncode == 0 and "已发送 0 封，此前已发 2 封" in again.stdout, again.stdout + again.stderr


def test_a_client_killed_mid_send_sends_the_rest_once(issued, smtp):
    """The command is killed while the server holds the second message's DATA (before its 250): the first stays
    sent, the second is not; the next run sends only the second."""
    proc: dict = {}

    def kill_on_second(envelope):
        if any(a.startswith("guoku") for a in envelope.rcpt_tos) and "killed" not in proc:
            proc["killed"] = True
            os.kill(proc["p"].pid, signal.SIGKILL)
            return "451 4.3.0 client gone"
        return None

    smtp.on_data = kill_on_second
    env = {k: v for k, v in os.environ.items() if k != "SPENDING_DB"} | env_for(smtp.port)
    proc["p"] = subprocess.Popen([str(RUNTIME_PYTHON), "-m", "spending", "--db", str(issued), "notices", "send",
                                  "--as-of", "2021-11"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc["p"].communicate(timeout=120)
    assert proc.get("killed") and proc["p"].returncode == -signal.SIGKILL
    assert [to for to, _ in smtp.messages] == [["econ@bureau.gov"]]
    smtp.on_data = None
    out = cli("notices", "send", "--as-of", "2021-11", db_path=issued, env_extra=env_for(smtp.port))
    assert out.returncode == 0, out.stderr
    assert "已发送 1 封，此前已发 1 封" in out.stdout
    assert sorted(sorted(to) for to, _ in smtp.messages) == [["econ@bureau.gov"],
                                                            ["guoku1@bureau.gov", "guoku2@bureau.gov"]]
    assert len(audit_rows(issued)) == 2


def test_reminders_once_a_day(issued, smtp):
    from spending import auth, notices

    con = opening.connect(issued)
    try:
        notices.answer(con, auth.User("econ@bureau.gov", "section", sections=("经济建设科",)), 2021, 11, ECON,
                       "制度保障", "评审延后", "加快评审", 12, "150")
    finally:
        con.close()
    early = cli_in_process("notices", "remind", db_path=issued, env_extra=env_for(smtp.port, "2021-12-06"))
    assert early.returncode == 0 and "已发送 0 封" in early.stdout and smtp.messages == []     # due Fri: 4 days away
    out = cli_in_process("notices", "remind", db_path=issued, env_extra=env_for(smtp.port, "2021-12-08"))
    assert out.returncode == 0, out.stderr
    assert "已发送 1 封" in out.stdout and "无法送达 非税综合科" in out.stdout       # 经济建设科 answered: no reminder
    [(to, msg)] = smtp.messages
    assert sorted(to) == ["guoku1@bureau.gov", "guoku2@bureau.gov"] and "提醒" in msg["Subject"]
    body = msg.get_body(("plain",)).get_content()
    assert "预决算编审" in body and "2021年12月10日" in body and f"{URL}/notices?year=2021&month=11" in body
    assert not list(msg.iter_attachments())
    again = cli_in_process("notices", "remind", db_path=issued, env_extra=env_for(smtp.port, "2021-12-08"))
    assert again.returncode == 0 and "此前已发 1 封" in again.stdout and len(smtp.messages) == 1
    later = cli_in_process("notices", "remind", "--days", "0", db_path=issued, env_extra=env_for(smtp.port, "2021-12-13"))
    assert later.returncode == 0 and len(smtp.messages) == 2 and "逾期" in smtp.messages[1][1].get_body(
        ("plain",)).get_content()
    assert {r["object"] for r in audit_rows(issued)} == {"reminder/2021-12-08/预算国库科", "reminder/2021-12-13/预算国库科"}


@pytest.mark.parametrize("args, status", [
    (["notices", "send"], 2),                                   # --as-of is required
    (["notices", "remind", "--days", "-1"], 2),
    (["notices", "remind", "--days", "x"], 2),
    (["notices", "send", "--as-of", "2021-10"], 1),             # nothing issued for October
])
def test_send_usage_and_errors(issued, smtp, args, status):
    out = cli_in_process(*args, db_path=issued, env_extra=env_for(smtp.port))
    assert out.returncode == status, out.stderr
    assert "Traceback" not in out.stderr


def test_without_settings_nothing_is_queued(issued, monkeypatch):
    monkeypatch.delenv("SPENDING_SMTP", raising=False)
    monkeypatch.setattr(mail, "SECRETS", Path("/nonexistent/secrets.toml"))
    monkeypatch.setattr(mail.settings, "__defaults__", (Path("/nonexistent/secrets.toml"),))
    out = cli_in_process("notices", "send", "--as-of", "2021-11", db_path=issued, env_extra={"SPENDING_TODAY": "2021-12-03"})
    assert out.returncode == 1 and "SPENDING_SMTP" in out.stderr
    con = opening.connect(issued, read_only=True)
    try:
        assert mail.outbox(con) == []
    finally:
        con.close()


# ------------------------------------------------------------------ every letter in one download; the page

def test_every_letter_in_one_zip(issued, tmp_path):
    import zipfile

    from spending import notice_letters

    con = opening.connect(issued, read_only=True)
    try:
        found = notice_letters.letters(con, 2021, 11, on=date(2021, 12, 3))
    finally:
        con.close()
    packet = zipfile.ZipFile(io.BytesIO(notice_letters.letters_zip(2021, 11, found, date(2021, 12, 3))))
    assert sorted(packet.namelist()) == sorted(f"问询函_2021-11_{s}.{x}" for s in ("经济建设科", "非税综合科", "预算国库科")
                                               for x in ("pdf", "xlsx"))
    assert "会计培训" in pdf_text(packet.read("问询函_2021-11_非税综合科.pdf"), tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(packet.read("问询函_2021-11_经济建设科.xlsx")))
    assert [r[0] for r in book.worksheets[1].values][1:] == [ECON]
    assert notice_letters.letters_zip_name(2021, 11) == "问询函_2021-11_全部科室.zip"
    assert notice_letters.letters_zip_name(2021, 11, sample=True).startswith("示例数据-")


def test_the_page_sends_and_shows_what_went_to_whom(issued, smtp, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from conftest import AUTH
    from test_roles import text_of

    for key, value in env_for(smtp.port).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("SPENDING_DB", str(issued))
    assert cli_in_process("user", "add", "admin@bureau.gov", "--role", "admin", db_path=issued).returncode == 0
    smtp.refuse = {"guoku2@bureau.gov"}

    def open_as(email_: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        at.secrets.update(AUTH)
        at.user = {"is_logged_in": True, "email": email_, "sub": email_, "email_verified": True}
        at.query_params.update({"year": "2021", "month": "11"})
        at.run()
        at.switch_page("pages/notices.py")
        at.query_params.update({"year": "2021", "month": "11"})
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    at = open_as("admin@bureau.gov")
    assert "还没有发送过邮件" in text_of(at)
    assert any(b.proto.label == "下载全部问询函（zip）" for b in at.get("download_button"))
    next(b for b in at.button if b.label == "发送本月问询函").click().run()
    assert not at.exception
    said = [e.value.replace("\\", "").replace("\u2060", "") for e in at.error]
    assert any("未发送 预算国库科" in s and "guoku2@bureau.gov" in s for s in said), said
    assert any("无法送达 非税综合科" in s for s in said)
    outbox = next(f.value for f in at.dataframe if "收件人" in f.value.columns)
    rows = {r["收件人"]: r for r in outbox.to_dict("records")}
    assert rows["经建科张 <econ@bureau.gov>"]["发送时间"].startswith("2021-12-03")
    failed = rows["guoku1@bureau.gov、guoku2@bureau.gov"]
    assert failed["发送时间"] == "" and "550" in failed["失败原因"] and failed["尝试次数"] == 1
    assert [to for to, _ in smtp.messages] == [["econ@bureau.gov"]]

    smtp.refuse = set()
    next(b for b in at.button if b.label == "发送本月问询函").click().run()
    assert any("已发送 1 封，此前已发 1 封" in s.value and "- 已发送 预算国库科" in s.value for s in at.success)
    assert len(smtp.messages) == 2

    # Nobody else has the button or sees the outbox.
    at = open_as("econ@bureau.gov")
    assert not [b for b in at.button if b.label == "发送本月问询函"] and "发件记录" not in text_of(at)


# ------------------------------------------------------------------ TLS: STARTTLS and TLS from the start, with login

@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, trusted by the client through SSL_CERT_FILE (as a bureau's own CA
    would be through the system's store)."""
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(folder / "key.pem"),
                    "-out", str(folder / "cert.pem")], check=True, capture_output=True)
    return folder / "cert.pem", folder / "key.pem"


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_and_login(issued, certificate, monkeypatch, security):
    import ssl

    from aiosmtpd.smtp import AuthResult

    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.login == b"treasury" and auth_data.password == b"s3cret:pw")

    inbox = Inbox()
    port = free_port()
    options = ({"tls_context": context, "require_starttls": True} if security == "starttls"
               else {"ssl_context": context, "auth_require_tls": False})   # aiosmtpd counts only STARTTLS as TLS
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticator, auth_required=True,
                            **options)
    controller.start()
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    scheme = "smtps" if security == "ssl" else "smtp"
    tls = "&starttls=1" if security == "starttls" else ""
    env = {"SPENDING_SMTP": f"{scheme}://treasury:s3cret%3Apw@127.0.0.1:{port}?from={SENDER}{tls}",
           "SPENDING_TODAY": "2021-12-03", "SPENDING_URL": URL}
    try:
        out = cli_in_process("notices", "send", "--as-of", "2021-11", db_path=issued, env_extra=env)
    finally:
        controller.stop()
    assert out.returncode == 0, out.stdout + out.stderr
    assert logins and set(logins) == {(b"treasury", b"s3cret:pw")}
    assert sorted(sorted(to) for to, _ in inbox.messages) == [["econ@bureau.gov"],
                                                             ["guoku1@bureau.gov", "guoku2@bureau.gov"]]
