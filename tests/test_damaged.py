"""Damaged disks and files, through the real command line (each damaged file in a process of its
own; the healthy answers to compare with, and the verbs on healthy files, through its main() in this
process): a truncated database is named as damaged and never written; a CSV or SQLite file given as
the database is named as such; a database on read-only media can be read; a backup to a full disk
leaves nothing and says so."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT, cli, cli_in_process, fresh_db, write_csv
from runtime import RUNTIME_PYTHON

DAMAGED = "数据库文件已损坏：请从备份恢复"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli_read_only(*args: str, db_path: Path) -> subprocess.CompletedProcess:
    """The real CLI in a process that file modes bind: root runs it without the capabilities that
    ignore them (DAC override), so a 0444 file in a 0555 folder is read-only media to it."""
    env = {k: v for k, v in os.environ.items() if k != "SPENDING_DB"}
    wrapper = (["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"] if os.geteuid() == 0 else [])
    return subprocess.run([*wrapper, sys.executable, "-m", "spending", "--db", str(db_path), *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def healthy(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("healthy") / "demo.duckdb"
    fresh_db(path, demo=True)
    return path


@pytest.mark.parametrize("keep", [0, 100, 5000, 12288, 300_000, 0.5, 0.9])
def test_truncated_database_is_named_damaged_and_never_written(healthy, tmp_path, keep):
    path = tmp_path / "cut.duckdb"
    shutil.copy(healthy, path)
    size = int(path.stat().st_size * keep) if isinstance(keep, float) else keep
    os.truncate(path, size)
    before = sha(path)
    for args in (["status", "--as-of", "2021-11"], ["history"], ["sections", "--as-of", "2021-11"],
                 ["init"], ["import-disbursements", str(ROOT / "data/sample-disbursements-2021.csv"), "--wait", "0"]):
        if args[0] == "import-disbursements":
            assert sha(path) == before        # no read, and not init, wrote to it
        out = cli(*args, db_path=path)
        if out.returncode == 0 and args[0] in ("status", "history", "sections"):
            # the blocks this read needs survived the cut: then it must show exactly the healthy answer
            assert out.stdout == cli_in_process(*args, db_path=healthy).stdout, args
            continue
        if out.returncode == 0 and args[0] == "import-disbursements":
            # a write verb on a file whose needed blocks survived the cut is not told apart (a full
            # check of every block on each write would cost seconds at scale): it finds them stored
            assert "nothing changed" in out.stdout
            continue
        assert out.returncode == 1, (args, out.stdout)
        assert DAMAGED in out.stderr and "README.md" in out.stderr, (args, out.stderr)
        assert "已初始化" not in out.stdout and "Traceback" not in out.stderr
        if args[0] != "import-disbursements":     # a write verb may touch the file before the damage shows
            assert sha(path) == before, args      # reads and init never write
        assert sorted(p.name for p in tmp_path.iterdir()) == ["cut.duckdb"], args    # no .wal, no .tmp


def test_csv_and_sqlite_files_given_as_the_database_are_named(tmp_path):
    csv_file = write_csv(tmp_path / "payments.duckdb", ["凭证号", "金额"], [["V1", "1.00"]])
    lite = tmp_path / "old.db"
    con = sqlite3.connect(lite)
    con.execute("create table t (x)")
    con.commit()
    con.close()
    home = tmp_path / "home"
    home.mkdir()
    for path, word in ((csv_file, "CSV"), (lite, "SQLite")):
        before = sha(path)
        for args in (["status", "--as-of", "2021-11"], ["init"], ["remove-sample", "--wait", "0"]):
            out = cli(*args, db_path=path, env_extra={"HOME": str(home)})
            assert out.returncode == 1 and word in out.stderr and "Traceback" not in out.stderr, out.stderr
            assert len(out.stderr.strip().splitlines()) == 1
        assert sha(path) == before
    assert list(home.iterdir()) == []          # no extension was downloaded into ~/.duckdb


def test_database_on_read_only_media_can_be_read(healthy):
    folder = Path(tempfile.mkdtemp(prefix="readonly-"))
    try:
        path = folder / "demo.duckdb"
        shutil.copy(healthy, path)
        expected = cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=healthy).stdout
        os.chmod(path, 0o444)
        os.chmod(folder, 0o555)                # a read-only file in a read-only folder
        before = sha(path)
        out = cli_read_only("status", "--as-of", "2021-11", "--format", "csv", db_path=path)
        assert out.returncode == 0, out.stderr
        assert out.stdout == expected
        for args in (["sections", "--as-of", "2021-11"], ["history"], ["audit"]):
            assert cli_read_only(*args, db_path=path).returncode == 0, args
        refused = cli_read_only("remove-sample", "--wait", "0", db_path=path)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
        assert sha(path) == before and sorted(p.name for p in folder.iterdir()) == ["demo.duckdb"]
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


DOWNLOAD = r'''
import sys, time
sys.path.insert(0, sys.argv[1])
from spending import auth, bulletin, ui
leader = auth.User("leader@bureau.gov", "leader", "王局长")
began = time.monotonic()
review = ui.bulletin_review(ui.Context(2021, 11, "zh", user=leader))
data = bulletin.to_xlsx(review, "zh")
took = time.monotonic() - began
time.sleep(2)                      # the audit entry's own thread
print("bulletin", len(data), round(took, 1), flush=True)
'''


def test_a_bulletin_downloads_from_read_only_media(healthy):
    """Issue 19: the bulletin download wrote its audit entry first, so on read-only media it gave no file
    and no message. The bulletin is built; the entry that cannot be written goes to the server's log."""
    folder = Path(tempfile.mkdtemp(prefix="readonly-"))
    try:
        path = folder / "demo.duckdb"
        shutil.copy(healthy, path)
        os.chmod(path, 0o444)
        os.chmod(folder, 0o555)
        before = sha(path)
        wrapper = (["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"] if os.geteuid() == 0 else [])
        out = subprocess.run([*wrapper, str(RUNTIME_PYTHON), "-c", DOWNLOAD, str(ROOT)], cwd=ROOT,
                             env={**os.environ, "SPENDING_DB": str(path)}, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        size = int(out.stdout.split()[1])
        assert size > 5000                               # an Excel bulletin came out
        assert "bulletin download" in out.stderr and "was not written" in out.stderr   # said in the server log
        assert sha(path) == before and sorted(p.name for p in folder.iterdir()) == ["demo.duckdb"]
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


FULL_DISK = r'''
import resource, signal, sys
sys.path.insert(0, sys.argv[1])
from spending.__main__ import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)          # a write past the limit fails (EFBIG) like a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[4]), int(sys.argv[4])))
sys.exit(main(["--db", sys.argv[2], "backup", sys.argv[3]]))
'''


def test_backup_to_a_full_disk_leaves_nothing_and_says_so(healthy, tmp_path):
    target = tmp_path / "backups"
    target.mkdir()
    before = sha(healthy)
    for limit in (0, 100_000, 1_000_000):
        out = subprocess.run([sys.executable, "-c", FULL_DISK, str(ROOT), str(healthy), str(target / "b.duckdb"),
                              str(limit)], capture_output=True, text=True, timeout=120)
        assert out.returncode == 1, (limit, out.stdout, out.stderr)
        assert "磁盘空间不足" in out.stderr and "Traceback" not in out.stderr, out.stderr
        assert list(target.iterdir()) == [], limit             # no partial file, no .wal
    assert sha(healthy) == before


def test_backup_is_one_file_that_restores_as_the_readme_says(healthy, tmp_path):
    live = tmp_path / "live.duckdb"
    shutil.copy(healthy, live)
    before = cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=live).stdout
    out = cli_in_process("backup", str(tmp_path / "backups" / "b.duckdb"), db_path=live)
    assert out.returncode == 0, out.stderr
    assert [p.name for p in (tmp_path / "backups").iterdir()] == ["b.duckdb"]
    assert cli_in_process("remove-sample", db_path=live).returncode == 0
    shutil.copy(tmp_path / "backups" / "b.duckdb", live)       # README: stop the dashboard, copy the file back
    assert cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=live).stdout == before
    assert cli_in_process("history", db_path=live).returncode == 0


def test_report_out_a_folder_or_a_read_only_path_is_a_plain_message(healthy, tmp_path):
    out = cli_in_process("report", "--as-of", "2021-11", "--out", str(tmp_path / "folder.xlsx"), db_path=healthy)
    assert out.returncode == 0, out.stderr
    (tmp_path / "dir.xlsx").mkdir()
    folder = cli_in_process("report", "--as-of", "2021-11", "--out", str(tmp_path / "dir.xlsx"), db_path=healthy)
    assert folder.returncode == 1 and "folder" in folder.stderr and "内部错误" not in folder.stderr
    locked = Path(tempfile.mkdtemp(prefix="ro-out-"))
    try:
        os.chmod(locked, 0o555)
        os.chmod(healthy.parent, 0o755)
        readable = locked / "db.duckdb"
        os.chmod(locked, 0o755)
        shutil.copy(healthy, readable)
        os.chmod(locked, 0o555)
        out = cli_read_only("report", "--as-of", "2021-11", "--out", str(locked / "r.pdf"), db_path=readable)
        assert out.returncode == 1 and "cannot write" in out.stderr and "内部错误" not in out.stderr, out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
    finally:
        os.chmod(locked, 0o755)
        shutil.rmtree(locked)


def test_status_into_a_closed_pipe_is_silent(tmp_path):
    path = tmp_path / "many.duckdb"
    fresh_db(path)
    rows = [[2021, f"P{i:05d}", f"项目{i}", "测试科", 10] + [""] * 11 + [100] for i in range(3000)]
    from conftest import PLAN_HEADER
    assert cli_in_process("import-plan", str(write_csv(tmp_path / "plan.csv", PLAN_HEADER, rows)), db_path=path).returncode == 0
    env = {k: v for k, v in os.environ.items() if k != "SPENDING_DB"}
    proc = subprocess.Popen([sys.executable, "-m", "spending", "--db", str(path), "status", "--as-of", "2021-11"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()                         # `| head -1`
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""


def test_unknown_section_is_named(healthy):
    out = cli_in_process("status", "--as-of", "2021-11", "--section", "不存在", db_path=healthy)
    assert out.returncode == 1 and "不存在" in out.stderr and "预算国库科" in out.stderr
    assert "no projects" not in out.stdout + out.stderr
    assert cli_in_process("status", "--as-of", "2021-11", "--section", "预算国库科", db_path=healthy).returncode == 0


@pytest.mark.parametrize("code", ["A&6#x", "B?c=1&d", "项目 100%", "x+y/z"])
def test_project_links_open_their_own_project(code):
    from urllib.parse import parse_qs, urlsplit

    from spending import ui

    for lang in ("zh", "en"):
        link = ui.project_link(ui.Context(2021, 11, lang), code)
        parts = urlsplit(link)
        assert parts.path == "/project" and parts.fragment == ""
        assert parse_qs(parts.query)["code"] == [code] and parse_qs(parts.query)["month"] == ["11"]


@pytest.mark.parametrize("typed", [1e15, 1e300, float("inf"), -1])
def test_a_huge_forecast_is_a_clear_message(typed):
    """What the 项目 page's 预计执行数 box passes on save (monitoring.save_return → forecast_yuan)."""
    from spending import SpendingError, monitoring

    with pytest.raises(SpendingError) as raised:
        monitoring.forecast_yuan(typed)
    assert "Conversion" not in str(raised.value) and "全年预计执行数" in str(raised.value)


@pytest.mark.parametrize("keep", [100, 12288, 0.5, 0.9])
def test_the_dashboard_on_a_truncated_database_says_damaged_in_chinese(healthy, tmp_path, keep, monkeypatch):
    """Issue 19: the dashboard showed Streamlit's own English error page; it says what the CLI says."""
    from streamlit.testing.v1 import AppTest

    path = tmp_path / "cut.duckdb"
    shutil.copy(healthy, path)
    os.truncate(path, int(path.stat().st_size * keep) if isinstance(keep, float) else keep)
    monkeypatch.setenv("SPENDING_DB", str(path))
    for page in (None, "pages/pacing.py", "pages/project.py"):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.query_params.update({"year": "2021", "month": "11", "code": "106-0501-YBN-476T"})
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        errors = [e.value for e in at.error]
        assert any(DAMAGED in e for e in errors) or (not errors and at.title), (keep, page, errors)


def test_a_killed_backup_leaves_nothing_after_the_next_one(healthy, tmp_path):
    """Issue 19: a backup killed mid-write left .<name>.<pid>.partial files that nothing cleaned. A real
    backup process is killed while it writes; the next backup into that folder removes what it left,
    and never a partial file of a backup that is still running."""
    import signal
    import time

    folder = tmp_path / "backups"
    folder.mkdir()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        theirs = folder / f".other.duckdb.{running.pid}.partial"
        theirs.write_bytes(b"in progress")
        killed = subprocess.Popen([str(RUNTIME_PYTHON), "-m", "spending", "--db", str(healthy), "backup",
                                   str(folder / "first.duckdb")], cwd=ROOT, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not any(p.name.endswith(".partial") and p != theirs for p in folder.iterdir()):
            assert time.monotonic() < deadline and killed.poll() is None, "the backup ended before it was killed"
            time.sleep(0.005)
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        left = {p.name for p in folder.iterdir()} - {theirs.name}
        assert left and all(".partial" in n for n in left), left
        out = cli_in_process("backup", str(folder / "second.duckdb"), db_path=healthy)
        assert out.returncode == 0, out.stderr
        assert sorted(p.name for p in folder.iterdir()) == sorted([theirs.name, "second.duckdb"])
    finally:
        running.kill()
        running.wait()
