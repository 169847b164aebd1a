"""Each role through every page (AppTest with a logged-in st.user and an [auth] section): what it may
see and do, and that an address naming someone else's data shows 无权查看 and none of it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conftest import AUTH, ROOT, cli_in_process, fresh_db

OTHER_PROJECT = "106-0601-YBN-RQRQ"       # 业务委托费, 经济建设科's
OWN_PROJECT = "106-0401-YBN-A8GD"         # 信息中心设备维护及网络租赁, 综合科's


@pytest.fixture(scope="module")
def roles_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("roles") / "roles.duckdb"
    fresh_db(path, demo=True)
    for args in (("admin@bureau.gov", "--role", "admin"), ("leader@bureau.gov", "--role", "leader", "--name", "王局长"),
                 ("zonghe@bureau.gov", "--role", "section", "--section", "综合科", "--name", "综合科李")):
        out = cli_in_process("user", "add", *args, db_path=path)
        assert out.returncode == 0, out.stderr
    return path


@pytest.fixture
def open_as(roles_db, monkeypatch):
    monkeypatch.setenv("SPENDING_DB", str(roles_db))

    def open_page(email: str | None, url_path: str | None = None, **params) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.secrets.update(AUTH)
        at.user = {"is_logged_in": email is not None,     # a provider that verified the e-mail (issue 19)
                   **({"email": email, "email_verified": True, "sub": email} if email else {})}
        at.query_params.update({"year": "2021", "month": "11", **{k: str(v) for k, v in params.items()}})
        at.run()
        if url_path:
            at.switch_page(f"pages/{url_path}.py")
            at.query_params.update({"year": "2021", "month": "11", **{k: str(v) for k, v in params.items()}})
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return open_page


def text_of(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "error", "info", "warning",
                                  "success")
             for e in getattr(at, kind)]
    parts += [m.label + " " + str(m.value) for m in at.metric]
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    parts += [str(c.proto.spec) for c in at.get("plotly_chart")]
    return "\n".join(str(p) for p in parts)


def forbidden(at: AppTest) -> bool:
    return [t.value for t in at.title] == ["无权查看"] and not at.metric and not at.dataframe


def test_a_visitor_who_is_not_logged_in_sees_only_the_login(open_as):
    at = open_as(None)
    assert [b.label for b in at.button] == ["登录"]
    assert not at.metric and not at.dataframe and "经济建设科" not in text_of(at)


def test_a_login_without_an_account_sees_only_no_access(open_as):
    at = open_as("Stranger@Elsewhere.org")
    assert [t.value for t in at.title] == ["无权访问"]
    assert r"stranger\@elsewhere\.org" in at.error[0].value.replace("\u2060", "")   # plain text, never a link
    assert [b.label for b in at.button] == ["退出"]
    assert not at.metric and not at.dataframe and "经济建设科" not in text_of(at)


def test_section_user_sees_only_its_own_sections_everywhere(open_as):
    at = open_as("ZongHe@Bureau.gov")            # the e-mail is matched lower-cased
    shown = text_of(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["调整后预算（万元）"] == "17.00" and metrics["累计支出（万元）"] == "9.35"   # 综合科 alone
    assert "综合科李 · 科室 · 综合科" in shown
    for other in ("经济建设科", "业务委托费", "预算国库科", "非税综合科", "代理记账中心运转费"):
        assert other not in shown, other
    pacing = open_as("zonghe@bureau.gov", "pacing", status="overspent,severe,lagging,on_track")
    assert "信息中心设备维护及网络租赁" in text_of(pacing) and "业务委托费" not in text_of(pacing)
    assert "显示 1 / 1 个项目" in text_of(pacing)
    sections = open_as("zonghe@bureau.gov", "sections")
    assert next(s for s in sections.selectbox if s.label == "选择科室").options == ["综合科"]
    # the dual-monitoring tab and its bulletin are its own part too
    assert all(other not in text_of(at) for other in ("经济建设科", "预算国库科"))


@pytest.mark.parametrize("url_path,params", [
    ("sections", {"section": "经济建设科"}),
    ("sections", {"section": "不存在的科室"}),
    ("project", {"code": OTHER_PROJECT}),
    ("pacing", {"section": "经济建设科"}),
    ("pacing", {"section": "综合科,经济建设科"}),
    ("data", {}), ("users", {}), ("audit", {}),
])
def test_section_user_typing_someone_elses_address_gets_nothing(open_as, url_path, params):
    at = open_as("zonghe@bureau.gov", url_path, **params)
    assert forbidden(at), text_of(at)
    shown = text_of(at)
    for other in ("业务委托费", "163.00", "35.86", "导入历史"):
        assert other not in shown


def test_section_user_answers_for_its_own_project(open_as, roles_db):
    at = open_as("zonghe@bureau.gov", "project", code=OWN_PROJECT)
    assert "信息中心设备维护及网络租赁" in at.title[0].value
    next(n for n in at.number_input if n.label == "全年预计执行数（万元）").set_value(16.0)
    next(b for b in at.button if b.label == "保存监控表").click().run()
    assert any("第 1 版" in s.value for s in at.success)
    from spending import audit, ui
    with ui._connection(str(roles_db)) as con:     # this process holds the database
        log = audit.entries(con)
    assert (log[0]["actor"], log[0]["action"]) == ("zonghe@bureau.gov", "monitoring_return")


def test_leader_reads_everything_and_writes_nothing(open_as):
    at = open_as("leader@bureau.gov")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["调整后预算（万元）"] == "279.00"
    assert "王局长 · 领导" in text_of(at)
    project = open_as("leader@bureau.gov", "project", code=OTHER_PROJECT)
    save = next(b for b in project.button if b.label == "保存监控表")
    assert save.disabled and "只读" in text_of(project)
    assert not any(b.label == "保存指标实际值" for b in project.button)
    assert forbidden(open_as("leader@bureau.gov", "data"))
    assert forbidden(open_as("leader@bureau.gov", "users"))
    audit = open_as("leader@bureau.gov", "audit")
    assert [t.value for t in audit.title] == ["审计"]


def test_admin_may_do_everything(open_as):
    data = open_as("admin@bureau.gov", "data")
    assert "导入历史" in text_of(data)
    users = open_as("admin@bureau.gov", "users")
    assert "zonghe@bureau.gov" in text_of(users)
    users.text_input[0].input("New.Person@Bureau.gov")
    users.multiselect[0].set_value(["经济建设科"])
    next(b for b in users.button if b.label == "保存账号").click().run()
    assert not users.exception
    assert any(r"new\.person\@bureau\.gov" in s.value.replace("\u2060", "") for s in users.success)
    assert "new.person@bureau.gov" in text_of(open_as("admin@bureau.gov", "users"))
