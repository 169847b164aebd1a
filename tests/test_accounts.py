"""Accounts, roles and the audit log: the rules table-driven, the command line's main() (in this process)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import cli_in_process, fresh_db
from spending import auth, db
from spending.db import opening

ADMIN = auth.User("t@x", "admin")
LEADER = auth.User("l@x", "leader")
SECTION = auth.User("s@x", "section", sections=("综合科", "经济建设科"))

# user, section asked about, sees it, answers for it (indicator values, 监控表)
PERMISSIONS = [
    (ADMIN, "综合科", True, True),
    (ADMIN, "任何科室", True, True),
    (LEADER, "综合科", True, False),
    (SECTION, "综合科", True, True),
    (SECTION, "经济建设科", True, True),
    (SECTION, "预算国库科", False, False),
    (SECTION, None, False, False),
]


@pytest.mark.parametrize("user,section,sees,answers", PERMISSIONS)
def test_what_each_role_may_see_and_do(user, section, sees, answers):
    assert user.sees_section(section) is sees
    assert user.answers_for(section) is answers


@pytest.mark.parametrize("user,scope,admin,audit", [
    (ADMIN, None, True, True), (LEADER, None, False, True), (SECTION, ["综合科", "经济建设科"], False, False),
    (auth.local_user(), None, True, True)])
def test_scope_and_rights(user, scope, admin, audit):
    assert user.scope == scope
    assert user.is_admin is admin
    assert user.reads_audit is audit


@pytest.mark.parametrize("ip,headers,local", [
    (None, {}, True),                                # Streamlit reports 127.0.0.1 and ::1 as None
    ("127.0.0.1", {}, True), ("127.0.0.2", {}, True), ("::1", {}, True),
    ("192.168.1.20", {}, False), ("10.0.0.5", {}, False), ("2001:db8::1", {}, False), ("garbage", {}, False),
    (None, {"X-Forwarded-For": "203.0.113.9"}, False),   # a reverse proxy on this machine forwards others
    (None, {"Forwarded": "for=203.0.113.9"}, False), (None, {"X-Real-IP": "203.0.113.9"}, False),
])
def test_local_mode_serves_only_this_machine(ip, headers, local):
    assert auth.is_local_visitor(ip, headers) is local


@pytest.mark.parametrize("email,sub,key", [
    ("Wang.Li@Bureau.GOV.cn", "123", "wang.li@bureau.gov.cn"), (None, "user-7", "user-7"), ("", "Sub", "sub"),
    ("  a@x  ", None, "a@x"), (None, None, None)])
def test_login_key_is_the_email_lower_cased_else_sub(email, sub, key):
    assert auth.login_key(email, sub) == key


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_user_verbs_and_audit_through_the_command_line(tmp_path):
    path = tmp_path / "acc.duckdb"
    fresh_db(path)
    out = cli_in_process("user", "add", "Zhang@Bureau.gov", "--role", "section", "--section", "综合科", "--name", "张三",
              db_path=path)
    assert out.returncode == 0, out.stderr
    assert cli_in_process("user", "add", "boss@bureau.gov", "--role", "leader", db_path=path).returncode == 0
    assert cli_in_process("user", "add", "zhang@bureau.gov", "--role", "section", "--section", "综合科", "--section",
               "经济建设科", "--name", "张三", db_path=path).returncode == 0     # a change, not a second account
    listed = _csv(cli_in_process("user", "list", "--format", "csv", db_path=path).stdout)
    assert listed == [{"email": "boss@bureau.gov", "role": "leader", "name": "", "sections": ""},
                      {"email": "zhang@bureau.gov", "role": "section", "name": "张三", "sections": "经济建设科;综合科"}]
    as_json = json.loads(cli_in_process("user", "list", "--format", "json", db_path=path).stdout)
    assert as_json[1]["sections"] == ["经济建设科", "综合科"]
    assert "张三" in cli_in_process("user", "list", db_path=path).stdout

    # wrong input: unknown section or no section (1), --section for another role, unknown role (2)
    bad = cli_in_process("user", "add", "x@y", "--role", "section", "--section", "不存在科", db_path=path)
    assert bad.returncode == 1 and "不存在科" in bad.stderr and "Traceback" not in bad.stderr
    assert cli_in_process("user", "add", "x@y", "--role", "section", db_path=path).returncode == 1
    assert cli_in_process("user", "add", "x@y", "--role", "admin", "--section", "综合科", db_path=path).returncode == 2
    assert cli_in_process("user", "add", "x@y", "--role", "root", db_path=path).returncode == 2
    assert cli_in_process("user", "add", "has space@y", "--role", "admin", db_path=path).returncode == 1
    assert cli_in_process("user", "remove", "nobody@y", db_path=path).returncode == 1
    assert cli_in_process("user", "remove", "BOSS@bureau.gov", db_path=path).returncode == 0

    log = _csv(cli_in_process("audit", "--format", "csv", db_path=path).stdout)
    assert [e["action"] for e in log] == ["account_removed", "account_changed", "account_added", "account_added", "init"]
    assert {e["actor"] for e in log} == {f"cli:{auth.os_user()}"}
    changed = json.loads(log[1]["detail"])
    assert changed["before"]["sections"] == ["综合科"] and changed["after"]["sections"] == ["经济建设科", "综合科"]
    first = cli_in_process("audit", "--format", "csv", db_path=path).stdout.splitlines()[0]
    assert first == "at,actor,action,object,detail"
    assert cli_in_process("audit", "--since", "2999-01-01", "--format", "json", db_path=path).stdout.strip() == "[]"
    assert cli_in_process("audit", "--since", "yesterday", db_path=path).returncode == 2


def test_the_audit_log_is_append_only_in_every_query():
    """No query in queries/ updates or deletes the audit log."""
    for path in db.QUERIES_DIR.rglob("*.sql"):
        text = " ".join(path.read_text(encoding="utf-8").lower().split())
        assert "update audit_log" not in text and "delete from audit_log" not in text, path


def test_monitoring_return_versions_survive_the_upgrade(tmp_path):
    """Migration 7 keeps a return saved before it as version 1; later saves add versions."""
    path = tmp_path / "v.duckdb"
    fresh_db(path)
    con = opening.connect(path)
    try:
        for forecast in ("100.00", "120.00"):
            db.execute(con, "save_monitoring_return", year=2021, code="106-0501-YBN-476T", month=11,
                       forecast=forecast, method="manual", cause=None, likelihood=None, action=None, user="a@x",
                       at="2021-12-03 09:00:00")
        history = db.rows(con, "monitoring_return_history", year=2021, code="106-0501-YBN-476T", month=11)
        assert [(r["version"], str(r["forecast_yuan"])) for r in history] == [(2, "120.00"), (1, "100.00")]
        current = db.rows(con, "monitoring_returns", year=2021, month=11, code=None, scope=None)
        assert [r["version"] for r in current] == [2]
    finally:
        con.close()
