"""Rights checked at the moment of each download; a backup never by a lasting link (issue 32).

An open page's download buttons make their file on the click (ui.download): the session's account is
looked up again, a removed one gets no file, a demoted one only what its new role may see, and every
backup downloaded from the page is in the audit log. The file's /media address answers the click's own
fetches and then 404, without the session too. AppTest proves the check on the callables the pages give
their buttons; Chromium clicks the buttons of open pages of the real server after `user remove` and a
demotion by the command line, and fetches the backup's address again with no cookie.
"""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.error
import urllib.request

import duckdb
import pytest

from conftest import ROOT, cli_in_process, fresh_db, open_page
from spending import audit, auth, i18n, ui

ADMIN = "admin@bureau.gov"
LEADER = "leader@bureau.gov"
ALL_STATUSES = "overspent,severe,lagging,on_track"


@pytest.fixture
def downloads(monkeypatch):
    """Every download button a page run offers: label -> (file name, the callable making its file)."""
    import streamlit
    from streamlit.delta_generator import DeltaGenerator

    got: dict[str, tuple] = {}
    original = DeltaGenerator.download_button

    def record(self, label, data=None, file_name=None, *args, **kwargs):
        got[label] = (file_name, data)
        return original(self, label, data, file_name, *args, **kwargs)
    monkeypatch.setattr(DeltaGenerator, "download_button", record)
    monkeypatch.setattr(streamlit, "download_button", lambda *a, **k: record(streamlit._main, *a, **k))
    return got


@pytest.fixture
def accounts_db(tmp_path):
    path = fresh_db(tmp_path / "rights.duckdb", demo=True)
    for args in ((ADMIN, "--role", "admin"), (LEADER, "--role", "leader")):
        assert cli_in_process("user", "add", *args, db_path=path).returncode == 0
    return path


def change_account(login: str, role: str | None, *sections: str) -> None:
    """What `user add` / `user remove` do, through the dashboard's own write connection (the page's
    process holds the file open: another process would wait for it)."""
    with ui.writing() as con:
        if role is None:
            auth.remove(con, login, "cli:test")
        else:
            auth.save(con, login, role, list(sections), None, "cli:test")


def csv_sections(data: bytes) -> set[str]:
    return {row[i18n.column("section")] for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}


def audit_entries(action: str) -> list[dict]:
    with ui.connection() as con:
        return [e for e in audit.entries(con) if e["action"] == action]


def test_every_download_button_goes_through_the_check():
    """No page or ui module gives st.download_button its data itself: ui.download makes every file."""
    offenders = [str(p.relative_to(ROOT)) for p in [*ROOT.glob("pages/*.py"), *ROOT.glob("spending/**/*.py"),
                                                    ROOT / "dashboard.py"]
                 if "download_button(" in p.read_text(encoding="utf-8") and p.name != "downloads.py"]
    assert offenders == []


def test_an_open_pacing_page_of_a_demoted_then_removed_admin(accounts_db, downloads, monkeypatch):
    open_page(accounts_db, monkeypatch, "pages/pacing.py", login=ADMIN, status=ALL_STATUSES)
    _, make_csv = downloads[i18n.t("download_csv")]
    _, make_xlsx = downloads[i18n.t("download_xlsx")]
    _, make_packets = downloads[i18n.t("by_section")]
    assert len(csv_sections(make_csv())) == 6                      # the admin's list: every section with projects
    change_account(ADMIN, "section", "综合科")                      # demoted while the page stays open
    assert csv_sections(make_csv()) == {"综合科"}
    import openpyxl
    sheet = openpyxl.load_workbook(io.BytesIO(make_xlsx())).worksheets[1]
    assert {row[2] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"综合科"}
    with pytest.raises(ui.downloads.Refused):                        # 按科室分发 is for admins
        make_packets()
    change_account(ADMIN, None)                                      # removed
    with pytest.raises(ui.downloads.Refused):
        make_csv()


def test_a_section_users_list_follows_its_sections_at_the_click(accounts_db, downloads, monkeypatch):
    cli_in_process("user", "add", "econ@bureau.gov", "--role", "section", "--section", "经济建设科",
                   "--section", "综合科", db_path=accounts_db)
    open_page(accounts_db, monkeypatch, "pages/pacing.py", login="econ@bureau.gov", status=ALL_STATUSES)
    _, make_csv = downloads[i18n.t("download_csv")]
    assert csv_sections(make_csv()) == {"经济建设科", "综合科"}
    change_account("econ@bureau.gov", "section", "综合科")
    assert csv_sections(make_csv()) == {"综合科"}
    change_account("econ@bureau.gov", "section", "非税综合科")     # none of the page's sections any more
    assert csv_sections(make_csv()) == set()


def test_a_backup_from_the_page_is_audited_and_refused_once_demoted(accounts_db, downloads, monkeypatch, tmp_path):
    open_page(accounts_db, monkeypatch, "pages/data.py", login=ADMIN)
    name, make_backup = downloads[i18n.t("backup")]
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(make_backup())
    con = duckdb.connect(str(copy), read_only=True)
    try:
        assert con.execute("select count(*) from accounts").fetchone()[0] == 2
    finally:
        con.close()
    entries = audit_entries("backup_downloaded")
    assert [(e["actor"], e["object"]) for e in entries] == [(ADMIN, name)]
    assert json.loads(entries[0]["detail"]) == {"size_bytes": copy.stat().st_size}
    change_account(ADMIN, "leader")
    with pytest.raises(ui.downloads.Refused):
        make_backup()
    _, make_template = downloads[i18n.kind("disbursements")]
    with pytest.raises(ui.downloads.Refused):                       # nothing of the 数据 page for a leader
        make_template()
    assert len(audit_entries("backup_downloaded")) == 1            # a refused backup is no download


def test_a_removed_leaders_audit_and_bulletin_downloads(accounts_db, downloads, monkeypatch):
    at = open_page(accounts_db, monkeypatch, "pages/audit.py", login=LEADER)
    _, make_audit = downloads[i18n.t("audit_download")]
    assert make_audit().decode("utf-8-sig").startswith(i18n.column("at"))
    change_account(LEADER, "section", "综合科")                      # a section user reads no audit log
    with pytest.raises(ui.downloads.Refused):
        make_audit()
    change_account(LEADER, "leader")
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    _, make_bulletin = downloads[i18n.t("download_bulletin_xlsx")]
    change_account(LEADER, None)
    with pytest.raises(ui.downloads.Refused):
        make_bulletin()
    assert audit_entries("bulletin_downloaded") == []


def test_local_mode_stays_the_local_admin(accounts_db, downloads, monkeypatch):
    open_page(accounts_db, monkeypatch, "pages/pacing.py", status=ALL_STATUSES)
    _, make_csv = downloads[i18n.t("download_csv")]
    assert len(csv_sections(make_csv())) == 6


def test_the_backup_reading_is_labelled_in_words():
    assert audit.action_label("backup_downloaded") == "下载数据库备份"
    assert audit.kind_label("backup_downloaded") == i18n.t("audit_read")
    assert audit.describe('{"size_bytes": 12}') == "文件大小(字节)：12"


# ------------------------------------------------------------------ the real server, in Chromium

@pytest.mark.browser
def test_open_pages_after_demotion_and_removal_in_the_browser(tmp_path):
    from browser import chromium, log_in, login_server, oidc_provider, wait_rendered

    path = fresh_db(tmp_path / "browser.duckdb", demo=True)
    assert cli_in_process("user", "add", ADMIN, "--role", "admin", db_path=path).returncode == 0
    with oidc_provider({ADMIN: "管理员"}) as provider, login_server(path, provider, tmp_path) as url, \
            chromium() as page:
        media = []
        page.on("request", lambda request: media.append(request.url) if "/media/" in request.url else None)
        log_in(page, url, ADMIN)
        page.goto(f"{url}/pacing?year=2021&month=11&status={ALL_STATUSES}")
        wait_rendered(page, "进度监控 · 2021年11月", charts=1)

        def clicked(label: str) -> bytes:
            with page.expect_download(timeout=60_000) as got:
                page.get_by_role("button", name=label).click()
            return open(got.value.path(), "rb").read()

        assert len(csv_sections(clicked(i18n.t("download_csv")))) == 6
        demoted = cli_in_process("user", "add", ADMIN, "--role", "section", "--section", "综合科", db_path=path)
        assert demoted.returncode == 0
        assert csv_sections(clicked(i18n.t("download_csv"))) == {"综合科"}      # the same open page
        assert cli_in_process("user", "remove", ADMIN, db_path=path).returncode == 0
        downloaded = []
        page.on("download", lambda download: downloaded.append(download))
        page.get_by_role("button", name=i18n.t("download_csv")).click()
        page.get_by_test_id("stDownloadButtonError").wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        assert downloaded == []

        assert cli_in_process("user", "add", ADMIN, "--role", "admin", db_path=path).returncode == 0
        log_in(page, url, ADMIN)      # `user remove` ended the old login (sign_outs): the account added again logs in anew
        page.goto(url + "/data?year=2021&month=11")
        wait_rendered(page, i18n.t("templates"))
        media.clear()
        backup = clicked(i18n.t("backup"))
        assert backup[8:12] == b"DUCK"                                   # a DuckDB file
        address = [u for u in media if re.search(r"/media/[0-9a-f]+\.bin$", u)]
        assert len(address) == 1
        with pytest.raises(urllib.error.HTTPError) as fetched:           # its address, again, without the session
            urllib.request.urlopen(address[0], timeout=10)
        assert fetched.value.code == 404
        assert cli_in_process("user", "remove", ADMIN, db_path=path).returncode == 0
        downloaded.clear()
        page.get_by_role("button", name=i18n.t("backup")).click()       # the page is still open
        page.get_by_test_id("stDownloadButtonError").wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        assert downloaded == []
    log = json.loads(cli_in_process("audit", "--format", "json", db_path=path).stdout)
    assert [e["actor"] for e in log if e["action"] == "backup_downloaded"] == [ADMIN]


def test_a_made_files_address_answers_one_click_then_never(monkeypatch):
    """ui.downloads.one_click on a storage as the server's /media route reads it (the real server's: the
    browser test above): Streamlit's lookup of the bare id is no fetch; the address ('<id>.csv') answers
    ONE_CLICK_READS GETs, then is gone; an address nobody fetched goes after ONE_CLICK_SECONDS."""
    import time

    from streamlit.runtime.media_file_storage import MediaFileStorageError
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    storage = MemoryMediaFileStorage("/media")
    file_id = ui.downloads.one_click(b"a,b\n1,2\n", "text/csv", "once.csv", storage)
    assert storage.get_url(file_id) == f"/media/{file_id}.csv"        # what Streamlit does when it stores it
    for _ in range(ui.downloads.ONE_CLICK_READS):
        assert storage.get_file(f"{file_id}.csv").content == b"a,b\n1,2\n"
    with pytest.raises(MediaFileStorageError):
        storage.get_file(f"{file_id}.csv")
    monkeypatch.setattr(ui.downloads, "ONE_CLICK_SECONDS", 0.2)
    unfetched = ui.downloads.one_click(b"never fetched", "text/csv", "late.csv", storage)
    assert storage.get_file(f"{unfetched}.csv")
    storage_had = unfetched in storage._files_by_id
    deadline = time.monotonic() + 1.5                 # gone within 1.5 s (its timer: ONE_CLICK_SECONDS + 0.5 s)
    while unfetched in storage._files_by_id and time.monotonic() < deadline:
        time.sleep(0.05)
    assert storage_had and unfetched not in storage._files_by_id


# ------------------------------------------------------------------ behind the shipped nginx site

from test_deploy import proxied  # noqa: E402,F401  (the dashboard with login behind deploy/nginx-spending.conf)


@pytest.mark.browser
def test_a_backups_address_in_the_proxys_access_log_fetches_nothing(proxied):  # noqa: F811
    """Through deploy/nginx-spending.conf as shipped: the admin's click downloads the backup; the /media
    address nginx wrote into its access log, fetched again with no cookie, is 404 (no change to the site)."""
    import time

    from test_deploy import _unverified
    from browser import chromium, log_in, wait_rendered

    proxy, _, logs = proxied
    with chromium(ignore_https_errors=True) as page:      # the throw-away certificate
        log_in(page, proxy, ADMIN)
        page.goto(proxy + "/data?year=2021&month=11")
        wait_rendered(page, i18n.t("templates"), timeout=180_000)
        with page.expect_download(timeout=120_000) as got:
            page.get_by_role("button", name=i18n.t("backup")).click()
        assert open(got.value.path(), "rb").read()[8:12] == b"DUCK"
    pattern = r'"GET (/media/[0-9a-f]+\.bin) HTTP/1\.1" (\d+) (\d+)'
    deadline = time.time() + 30
    while len(re.findall(pattern, (logs / "access.log").read_text(encoding="utf-8"))) < 2 and time.time() < deadline:
        time.sleep(0.5)
    served = re.findall(pattern, (logs / "access.log").read_text(encoding="utf-8"))
    assert len(served) == ui.downloads.ONE_CLICK_READS, served      # the button's check and the download
    assert {(address, status) for address, status, _ in served} == {(served[0][0], "200")}, served
    with pytest.raises(urllib.error.HTTPError) as fetched:
        urllib.request.urlopen(proxy + served[0][0], timeout=10, context=_unverified())
    assert fetched.value.code == 404
