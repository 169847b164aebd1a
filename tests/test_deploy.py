"""deploy/ as shipped: the systemd units (systemd-analyze verify on copies pointed at real files),
deploy/backup.sh run for real (dated files, KEEP_DAYS), deploy/import.sh's drop folder run for real, and deploy/nginx-spending.conf in front of the
real dashboard with login: Debian's nginx over HTTPS with a throw-away certificate, Debian's Chromium
logging in through it, the health check, and nginx's 413 for an upload over the dashboard's limit.

Screenshot: artifacts/screenshots/proxy-overview.png.
"""

from __future__ import annotations

import http.client
import os
import re
import shlex
import shutil
import ssl
import subprocess
import sys
import time
import tomllib
import urllib.request
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from browser import ROOT, chromium, free_port, log_in, oidc_provider, stop, streamlit_server, wait_rendered
from conftest import cli, cli_in_process, fresh_db

DEPLOY = ROOT / "deploy"
SHOTS = ROOT / "artifacts" / "screenshots"
UNITS = ("spending-dashboard.service", "spending-backup.service", "spending-backup.timer", "spending-import.path",
         "spending-import.service")
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
SITE = (DEPLOY / "nginx-spending.conf").read_text(encoding="utf-8")
# The scripts run with what users install (the project's .venv, as deploy/*.sh do by default) when it is there.
RUNTIME = Path(os.environ.get("SPENDING_RUNTIME_PYTHON") or ROOT / ".venv" / "bin" / "python")
RUNTIME = RUNTIME if RUNTIME.exists() else Path(sys.executable)


def unit_settings(name: str) -> dict[str, list[str]]:
    """`Section.Key` -> its values, in order, from a unit file (comments and blank lines skipped)."""
    settings: dict[str, list[str]] = {}
    section = ""
    for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        settings.setdefault(f"{section}.{key.strip()}", []).append(value.strip())
    return settings


# ------------------------------------------------------------------ systemd units

def test_units_say_what_the_deployment_needs():
    dashboard = unit_settings("spending-dashboard.service")
    assert dashboard["Service.User"] == ["spending"] and dashboard["Service.Group"] == ["spending"]
    assert dashboard["Service.WorkingDirectory"] == ["/opt/spending"]
    assert dashboard["Service.Environment"] == ["SPENDING_DB=/var/lib/spending/spending.duckdb"]
    command = shlex.split(dashboard["Service.ExecStart"][0])
    assert command == ["/opt/spending/.venv/bin/streamlit", "run", "dashboard.py", "--server.address", "127.0.0.1",
                       "--server.port", "8501", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    for key, value in (("Restart", "on-failure"), ("StandardOutput", "journal"), ("NoNewPrivileges", "true"),
                       ("ProtectSystem", "strict"), ("ReadWritePaths", "/var/lib/spending"), ("PrivateTmp", "true"),
                       ("ProtectHome", "true")):
        assert dashboard[f"Service.{key}"] == [value], key
    assert dashboard["Install.WantedBy"] == ["multi-user.target"]
    # the proxy's upstream is the address and port the unit serves
    assert "server 127.0.0.1:8501;" in SITE

    backup = unit_settings("spending-backup.service")
    assert backup["Service.Type"] == ["oneshot"] and backup["Service.User"] == ["spending"]
    assert backup["Service.ExecStart"] == ["/opt/spending/deploy/backup.sh"]
    assert "SPENDING_DB=/var/lib/spending/spending.duckdb" in backup["Service.Environment"]
    assert "/var/backups/spending" in backup["Service.ReadWritePaths"][0].split()
    timer = unit_settings("spending-backup.timer")
    assert timer["Timer.OnCalendar"] == ["*-*-* 02:00:00"] and timer["Timer.Persistent"] == ["true"]
    assert timer["Timer.Unit"] == ["spending-backup.service"] and timer["Install.WantedBy"] == ["timers.target"]
    watch = unit_settings("spending-import.path")
    assert watch["Path.DirectoryNotEmpty"] == ["/var/lib/spending/import/inbox"]
    assert watch["Path.Unit"] == ["spending-import.service"]
    night = unit_settings("spending-import.service")
    assert night["Service.ExecStart"] == ["/opt/spending/deploy/import.sh"] and night["Service.User"] == ["spending"]
    assert "INBOX_DIR=/var/lib/spending/import/inbox" in night["Service.Environment"]
    for name in ("backup.sh", "import.sh"):
        script = (DEPLOY / name).read_text(encoding="utf-8")
        assert script.startswith("#!/bin/sh\n") and os.access(DEPLOY / name, os.X_OK), name


def _verify(folder: Path, names=UNITS) -> tuple[int, list[str]]:
    out = subprocess.run([SYSTEMD_ANALYZE, "verify", *(str(folder / n) for n in names)],
                         capture_output=True, text=True, timeout=60)
    return out.returncode, [line for line in (out.stdout + out.stderr).splitlines() if line.strip()]


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed (Debian's systemd package)")
def test_units_pass_systemd_analyze_verify(tmp_path):
    # As shipped, verify's only complaints are the programs under /opt/spending, absent on a test machine.
    _, shipped = _verify(DEPLOY)
    assert shipped and all(re.search(r"Command /opt/spending/\S+ is not executable", line) for line in shipped), shipped

    # The same units with /opt/spending pointed at a folder holding the real programs: nothing to say.
    root = tmp_path / "spending"
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "streamlit").symlink_to(RUNTIME.with_name("streamlit"))
    (root / "deploy").mkdir()
    for name in ("backup.sh", "import.sh"):
        shutil.copy2(DEPLOY / name, root / "deploy" / name)
    units = tmp_path / "units"
    units.mkdir()
    for name in UNITS:
        text = (DEPLOY / name).read_text(encoding="utf-8")
        assert name.endswith((".timer", ".path")) or "/opt/spending/" in text
        (units / name).write_text(text.replace("/opt/spending", str(root)), encoding="utf-8")
    code, said = _verify(units)
    assert code == 0 and said == [], said

    # ... and verify does read them: a misspelt key in the copy is reported.
    broken = units / "spending-dashboard.service"
    broken.write_text(broken.read_text(encoding="utf-8").replace("Restart=on-failure", "Restrat=on-failure"),
                      encoding="utf-8")
    _, said = _verify(units, ["spending-dashboard.service"])
    assert any("Restrat" in line for line in said), said


# ------------------------------------------------------------------ backup.sh

def _backup(env: dict, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(DEPLOY / "backup.sh")], env={**env, **extra}, cwd="/",
                          capture_output=True, text=True, timeout=300)


def test_backup_script_writes_a_dated_backup_and_keeps_keep_days(tmp_path):
    live = tmp_path / "live" / "spending.duckdb"
    env = {**os.environ, "SPENDING_DB": str(live), "SPENDING_PYTHON": str(RUNTIME)}
    live.parent.mkdir()
    fresh_db(live, demo=True)
    folder = tmp_path / "backups"
    folder.mkdir()
    today = date.today()

    def dated(days_ago: int) -> Path:
        return folder / f"spending-{(today - timedelta(days=days_ago)).isoformat()}.duckdb"

    old, kept = [dated(8), dated(30), dated(400)], [dated(1), dated(7)]     # KEEP_DAYS=7: 7 days ago is kept
    others = [folder / "spending-latest.duckdb", folder / "notes.txt"]      # not the script's: never touched
    for path in old + kept + others:
        path.write_bytes(b"an older backup")
    env.update(BACKUP_DIR=str(folder), KEEP_DAYS="7")

    first = _backup(env)
    assert first.returncode == 0, first.stderr
    assert dated(0).exists() and f"wrote {dated(0)}" in first.stdout
    status = ("status", "--as-of", "2021-11", "--format", "csv")
    before = cli(*status, db_path=live).stdout
    assert before and cli(*status, db_path=dated(0)).stdout == before     # the backup is the database
    copy = duckdb.connect(str(dated(0)), read_only=True)
    assert copy.execute("select count(*) from disbursements").fetchone()[0] > 0
    copy.close()
    assert not any(p.exists() for p in old) and all(p.exists() for p in kept + others)

    # The database changes; a second run the same day replaces the day's file; a newly old file goes too.
    assert cli("remove-sample", db_path=live).returncode == 0
    dated(9).write_bytes(b"an older backup")
    second = _backup(env)
    assert second.returncode == 0, second.stderr
    after = cli(*status, db_path=live).stdout
    assert after != before and cli(*status, db_path=dated(0)).stdout == after
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in [dated(0), *kept, *others])


def test_backup_script_fails_loudly_and_keeps_the_old_backups(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / f"spending-{(date.today() - timedelta(days=90)).isoformat()}.duckdb"
    old.write_bytes(b"an older backup")
    env = {**os.environ, "SPENDING_DB": str(tmp_path / "missing.duckdb"), "SPENDING_PYTHON": str(RUNTIME),
           "BACKUP_DIR": str(folder), "KEEP_DAYS": "30"}
    failed = _backup(env)
    assert failed.returncode == 1 and "FAILED" in failed.stderr and "does not exist" in failed.stderr
    assert [p.name for p in folder.iterdir()] == [old.name]                # nothing new, nothing deleted
    wrong = _backup(env, KEEP_DAYS="thirty")
    assert wrong.returncode == 2 and "KEEP_DAYS" in wrong.stderr


# ------------------------------------------------------------------ import.sh (the night import's drop folder)

def test_import_script_imports_each_dropped_file_and_files_it_away(tmp_path):
    live = tmp_path / "spending.duckdb"
    fresh_db(live, demo=True)
    inbox = tmp_path / "import" / "inbox"
    inbox.mkdir(parents=True)
    good = inbox / "2021-12-payments.csv"
    good.write_text("凭证号,项目编码,支付日期,金额(元),收款单位,摘要\n"
                    "NIGHT-0001,106-0401-YBN-A8GD,2021-12-01,100.00,某某通信有限公司承德分公司,夜间导入测试\n",
                    encoding="utf-8")
    shutil.copy(ROOT / "tests" / "bad_files" / "d01_amount_not_numeric.csv", inbox / "bad.csv")
    env = {**os.environ, "SPENDING_DB": str(live), "SPENDING_PYTHON": str(RUNTIME), "INBOX_DIR": str(inbox)}
    run = lambda: subprocess.run(["sh", str(DEPLOY / "import.sh")], env=env, cwd="/", capture_output=True,
                                 text=True, timeout=300)

    def stored() -> int:
        con = duckdb.connect(str(live), read_only=True)
        try:
            return con.execute("select count(*) from disbursements where voucher_no = 'NIGHT-0001'").fetchone()[0]
        finally:
            con.close()

    first = run()
    assert first.returncode == 1, first.stdout + first.stderr          # one file failed: systemd records it
    assert list(inbox.iterdir()) == [] and stored() == 1
    done = sorted(p.name for p in (tmp_path / "import" / "done").iterdir())
    failed = sorted(p.name for p in (tmp_path / "import" / "failed").iterdir())
    assert [n[16:] for n in done] == ["2021-12-payments.csv", "2021-12-payments.csv.log"], done   # YYYYmmdd-HHMMSS-
    assert [n[16:] for n in failed] == ["bad.csv", "bad.csv.log"], failed
    reasons = (tmp_path / "import" / "failed" / failed[1]).read_text(encoding="utf-8")
    assert "abc" in reasons and "bad.csv" in first.stderr
    assert (tmp_path / "import" / "failed" / failed[0]).read_bytes() == \
        (ROOT / "tests" / "bad_files" / "d01_amount_not_numeric.csv").read_bytes()
    # the same file dropped again changes nothing; an empty inbox is a quiet success
    shutil.copy(tmp_path / "import" / "done" / done[0], good)
    again = run()
    assert again.returncode == 0, again.stderr
    assert stored() == 1 and list(inbox.iterdir()) == []
    assert run().returncode == 0


# ------------------------------------------------------------------ nginx in front of the dashboard

def upload_limit_mb() -> int:
    """The dashboard's upload limit: server.maxUploadSize of .streamlit/config.toml, else Streamlit's default."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    if "maxUploadSize" in config.get("server", {}):
        return int(config["server"]["maxUploadSize"])
    from streamlit import config as streamlit_config

    return int(streamlit_config._config_options_template["server.maxUploadSize"].default_val)


def test_proxy_body_limit_is_the_dashboards_upload_limit():
    found = re.findall(r"^\s*client_max_body_size\s+(\d+)m;", SITE, re.M)
    assert found == [str(upload_limit_mb())], found


def _ready(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).connect()
            return
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def nginx_proxy(folder: Path, https_port: int, http_port: int, upstream_port: int):
    """Debian's nginx serving deploy/nginx-spending.conf as shipped, but for the listen ports, the
    certificate and the upstream port; everything it writes is in folder."""
    assert NGINX, "nginx is not installed: `make system-packages` installs Debian's nginx"
    folder.mkdir(parents=True, exist_ok=True)
    crt, key = folder / "localhost.crt", folder / "localhost.key"
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                           "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(crt)],
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    site = SITE
    for old, new in (("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
                     ("listen 80;", f"listen 127.0.0.1:{http_port};"),
                     ("/etc/ssl/certs/spending.bureau.example.crt", str(crt)),
                     ("/etc/ssl/private/spending.bureau.example.key", str(key)),
                     ("server 127.0.0.1:8501;", f"server 127.0.0.1:{upstream_port};")):
        assert site.count(old) == 1, old
        site = site.replace(old, new)
    (folder / "spending.conf").write_text(site, encoding="utf-8")
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (folder / "nginx.conf").write_text(f"""{'user root root;' if os.geteuid() == 0 else ''}
worker_processes 1;
daemon off;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} info;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {folder / 'access.log'};
{temp}
    include {folder / 'spending.conf'};
}}
""", encoding="utf-8")
    command = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _ready(https_port)
        yield
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    """The dashboard with login, behind nginx: yields (https address, http port, nginx's folder)."""
    folder = tmp_path_factory.mktemp("proxy")
    path = folder / "proxy.duckdb"
    fresh_db(path, demo=True)
    added = cli_in_process("user", "add", "admin@bureau.gov", "--role", "admin", "--name", "预算国库科管理员", db_path=path)
    assert added.returncode == 0, added.stderr
    upstream, https_port, http_port = free_port(), free_port(), free_port()
    proxy = f"https://localhost:{https_port}"
    with oidc_provider({"admin@bureau.gov": "预算国库科管理员"}) as provider:
        secrets = folder / "secrets.toml"
        secrets.write_text(f"""[auth]
redirect_uri = "{proxy}/oauth2callback"
cookie_secret = "a-long-random-string-for-the-proxy-test-only"
client_id = "spending-monitor"
client_secret = "test-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"
""", encoding="utf-8")
        with nginx_proxy(folder / "nginx", https_port, http_port, upstream), \
                streamlit_server(path, port=upstream, extra=("--secrets.files", str(secrets)), host="localhost"):
            yield proxy, http_port, folder / "nginx"


def _unverified() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


@pytest.mark.browser
def test_admin_logs_in_through_the_proxy_and_sees_the_charts(proxied):
    proxy, _, logs = proxied
    with chromium(ignore_https_errors=True) as page:      # the throw-away certificate
        log_in(page, proxy, "admin@bureau.gov")
        try:        # a first render on a busy 2-core machine can take more than a minute
            wait_rendered(page, "总览 · 2021年11月", charts=1, timeout=180_000)
        except Exception:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "proxy-failed.png"), full_page=True)
            raise
        assert page.url.startswith(proxy + "/")
        shown = page.inner_text("body")
        assert "预算国库科管理员 · 管理员（预算国库科）" in shown and "本机模式" not in shown
        assert "经济建设科" in shown + page.content()
        assert page.evaluate("document.querySelectorAll('.js-plotly-plot .main-svg').length") >= 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "proxy-overview.png"), full_page=True)
        page.goto(proxy + "/data?year=2021&month=11")                        # an admin page, same session
        wait_rendered(page, "导入历史", timeout=180_000)
    # the page's WebSocket went through nginx (101 Switching Protocols), as did the login's callback
    access = (logs / "access.log").read_text(encoding="utf-8")
    assert re.search(r'"GET /_stcore/stream HTTP/1\.1" 101 ', access), access[-2000:]
    assert re.search(r'"GET /oauth2callback\?\S+ HTTP/1\.1" 30[23] ', access), access[-2000:]


@pytest.mark.browser
def test_health_check_through_the_proxy_and_http_redirects(proxied):
    proxy, http_port, _ = proxied
    with urllib.request.urlopen(f"{proxy}/_stcore/health", context=_unverified(), timeout=10) as answer:
        assert answer.status == 200 and answer.read() == b"ok"
    plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    plain.request("GET", "/pacing?year=2021&month=11", headers={"Host": "spending.bureau.example"})
    moved = plain.getresponse()
    assert moved.status == 301 and moved.getheader("Location") == "https://spending.bureau.example/pacing?year=2021&month=11"


def _upload(port: int, length: int, body: bytes) -> tuple[int, str]:
    """A PUT to Streamlit's upload address announcing `length` bytes; only `body` is sent."""
    conn = http.client.HTTPSConnection("127.0.0.1", port, context=_unverified(), timeout=30)
    conn.putrequest("PUT", "/_stcore/upload_file/no-session/no-file", skip_host=True)
    conn.putheader("Host", f"localhost:{port}")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", str(length))
    conn.endheaders()
    try:
        conn.send(body)
    except OSError:
        pass                    # nginx may answer and close before the body is sent
    answer = conn.getresponse()
    text = answer.read().decode("utf-8", "replace")
    conn.close()
    return answer.status, text


@pytest.mark.browser
def test_an_upload_over_the_limit_is_refused_by_nginx(proxied):
    proxy, _, logs = proxied
    port = int(proxy.rsplit(":", 1)[1])
    limit = upload_limit_mb() * 1024 * 1024
    status, text = _upload(port, limit + 1, b"--x\r\n")
    assert status == 413 and "413 Request Entity Too Large" in text and "nginx" in text, (status, text[:300])
    assert "client intended to send too large body" in (logs / "error.log").read_text(encoding="utf-8")
    # a small upload is passed on to Streamlit (which refuses it for its own reasons: no such session)
    small = b"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na\r\n--x--\r\n"
    status, text = _upload(port, len(small), small)
    assert status != 413 and "nginx" not in text, (status, text[:300])


# ------------------------------------------------------------------ spending-remind (issue 36, task H)

@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed (Debian's systemd package)")
def test_remind_timer_and_service_verify_and_run(tmp_path):
    """The daily reminders: the timer starts the service every morning; the service runs `notices remind` as the
    spending user on the database, with the network its mail server needs; systemd-analyze verify has nothing to
    say about them (with /opt/spending pointed at the real programs); and its command, run as the unit runs it,
    mails the reminder to a real SMTP server on loopback."""
    from aiosmtpd.controller import Controller

    service, timer = unit_settings("spending-remind.service"), unit_settings("spending-remind.timer")
    assert timer["Timer.OnCalendar"] == ["*-*-* 08:30:00"] and timer["Timer.Persistent"] == ["true"]
    assert timer["Timer.Unit"] == ["spending-remind.service"] and timer["Install.WantedBy"] == ["timers.target"]
    assert service["Service.Type"] == ["oneshot"] and service["Service.User"] == ["spending"]
    assert service["Service.WorkingDirectory"] == ["/opt/spending"]
    assert service["Service.Environment"] == ["SPENDING_DB=/var/lib/spending/spending.duckdb"]
    command = shlex.split(service["Service.ExecStart"][0])
    assert command[:5] == ["/opt/spending/.venv/bin/python", "-m", "spending", "notices", "remind"]
    assert service["Service.ReadWritePaths"] == ["/var/lib/spending"] and service["Service.ProtectSystem"] == ["strict"]
    assert {"AF_INET", "AF_INET6"} <= set(service["Service.RestrictAddressFamilies"][0].split())

    root = tmp_path / "spending"
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "python").symlink_to(RUNTIME)
    units = tmp_path / "units"
    units.mkdir()
    for name in ("spending-remind.service", "spending-remind.timer"):
        (units / name).write_text((DEPLOY / name).read_text(encoding="utf-8").replace("/opt/spending", str(root)),
                                  encoding="utf-8")
    code, said = _verify(units, ["spending-remind.service", "spending-remind.timer"])
    assert code == 0 and said == [], said

    # Its command, for real: 预算国库科's inquiry is due in two working days.
    path = fresh_db(tmp_path / "remind.duckdb", demo=True)
    assert cli_in_process("user", "add", "guoku@bureau.gov", "--role", "section", "--section", "预算国库科",
                          db_path=path).returncode == 0
    assert cli_in_process("notices", "issue", "--as-of", "2021-11", db_path=path,
                          env_extra={"SPENDING_TODAY": "2021-12-03"}).returncode == 0
    received = []

    class Inbox:
        async def handle_DATA(self, server, session, envelope):
            received.append(list(envelope.rcpt_tos))
            return "250 OK"

    port = free_port()
    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        env = {**{k: v for k, v in os.environ.items() if k != "SPENDING_DB"}, "SPENDING_DB": str(path),
               "SPENDING_TODAY": "2021-12-08", "SPENDING_SMTP": f"smtp://127.0.0.1:{port}?from=treasury@bureau.gov"}
        run = [str(RUNTIME), *command[1:]]
        first = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        again = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    finally:
        controller.stop()
    assert first.returncode == 0, first.stderr
    assert again.returncode == 0 and "此前已发 1 封" in again.stdout
    assert received == [["guoku@bureau.gov"]]          # once a day
