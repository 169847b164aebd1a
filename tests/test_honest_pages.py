"""Issue 21: every page says exactly what it is — an overspent project is never congratulated, a
December inquiry asks about 结转/结余 and is closed by the treasury, the leader's question comes first,
an unknown address says so, and in 中文 mode the pages speak Chinese only.

Pure rules table-driven; the pages through AppTest (conftest.open_page, logged in)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from conftest import cli_in_process, fresh_db, open_page, write_csv
from spending import SpendingError, auth, i18n, notice_letters, notice_rules, notices, rules, ui
from spending.db import opening
from test_roles import text_of

ECON = "106-0601-YBN-RQRQ"      # 业务委托费, 经济建设科: 严重滞后 in Nov 2021
TRAINING = "106-0201-YBN-EI6K"  # 会计培训, 非税综合科: 104.50 %, 超支
ADMIN = auth.User("admin@bureau.gov", "admin")
ECON_USER = auth.User("econ@bureau.gov", "section", sections=("经济建设科",))


# ------------------------------------------------------------------ pure rules

@pytest.mark.parametrize("status,budget,actual,next_month,need,expected", [
    ("overspent", "8.00", "8.36", None, None, ("overspent", Decimal("0.36"))),     # 会计培训, 2021-11
    ("overspent", "8.00", "8.36", 12, "-0.36", ("overspent", Decimal("0.36"))),    # never "met"
    ("on_track", "8.00", "8.01", 12, "-1", ("overspent", Decimal("0.01"))),        # over budget whatever the status
    ("on_track", "20.00", "8.25", 10, "5.75", ("needs", Decimal("5.75"))),
    ("on_track", "20.00", "15.00", 10, "0", ("met", None)),
    ("on_track", "20.00", "15.00", 10, "-1.00", ("met", None)),
    ("lagging", "20.00", "15.00", None, None, ("final", None)),
    ("on_track", "20.00", "20.00", None, None, ("final", None)),                   # exactly the budget: not over
])
def test_checkpoint_note(status, budget, actual, next_month, need, expected):
    assert rules.checkpoint_note(status, budget, actual, next_month, need) == expected


def test_only_overspending_and_the_years_end_are_closed_by_decision(tmp_path):
    path = tmp_path / "november.duckdb"
    fresh_db(path, demo=True)
    con = opening.connect(path)
    try:
        notices.issue(con, ADMIN, 2021, 11, today=date(2021, 12, 3))
        with pytest.raises(SpendingError, match="自动销号"):
            notices.decide(con, ADMIN, 2021, 11, ECON, "说明合理，予以销号")       # behind plan: a later month closes it
        with pytest.raises(SpendingError, match="尚未答复"):     # neither answered nor overdue: the section's turn
            notices.decide(con, ADMIN, 2021, 11, TRAINING, "同意追加预算", on=date(2021, 12, 3))
        notices.decide(con, ADMIN, 2021, 11, TRAINING, "同意追加预算", on=date(2021, 12, 13))   # overdue
        states = {r["project_code"]: r["state"] for r in notices.inquiries(con, 2021, 11, on=date(2021, 12, 3))}
        assert states[TRAINING] == "closed" and states[ECON] == "open"
    finally:
        con.close()


@pytest.mark.parametrize("status,month,asks", [
    ("overspent", 11, "overspent"), ("overspent", 12, "overspent"), ("severe", 11, "behind"),
    ("lagging", 3, "behind"), ("lagging", 12, "year_end"), ("severe", 12, "year_end"),
])
def test_what_an_inquiry_asks_for(status, month, asks):
    assert notice_rules.ask(status, month) == asks


GOOD = dict(cause="制度保障", cause_text="评审延后", action="加快评审", forecast_wan="150")


@pytest.mark.parametrize("month,asks,catch_up,handling,message", [
    (11, "behind", 12, None, None),
    (11, "behind", None, None, "预计恢复进度的月份"),
    (11, "overspent", None, None, None),                       # no catch-up month asked of an overspent project
    (12, "year_end", None, "申请结转下年使用", None),
    (12, "year_end", None, None, "结转"),                         # December: how the unspent money is handled
    (12, "year_end", None, "随便", "结转"),
])
def test_an_answer_asks_what_the_inquiry_asks(month, asks, catch_up, handling, message):
    if message is None:
        given = notice_rules.check_answer(month, **GOOD, catch_up_month=catch_up, asks=asks, unspent_handling=handling)
        assert (given.answer_to, given.catch_up_month, given.unspent_handling) == (
            asks, catch_up if asks == "behind" else None, handling)
    else:
        with pytest.raises(SpendingError, match=message):
            notice_rules.check_answer(month, **GOOD, catch_up_month=catch_up, asks=asks, unspent_handling=handling)


def _row(status, month, **extra):
    return {"project_name": "会计培训", "issued_status": status, "due": date(2021, 12, 10), "budget_wan": Decimal("8"),
            "actual_wan": Decimal("8.36"), **extra}


def test_the_letters_ask_what_each_inquiry_asks():
    over = " ".join(notice_letters.letter_text(2021, 11, "非税综合科", [_row("overspent", 11)]))
    assert "超出预算 0.36 万元" in over and "追加预算" in over and "预计恢复进度的月份" not in over
    assert "恢复至阈值以内后，问询自动销号" not in over and "预算国库科根据答复决定销号" in over
    behind = " ".join(notice_letters.letter_text(2021, 11, "经济建设科", [_row("severe", 11)]))
    assert "预计恢复进度的月份" in behind and "追加预算" not in behind
    december = " ".join(notice_letters.letter_text(2021, 12, "经济建设科", [_row("severe", 12)]))
    assert "结转" in december and "结余" in december and "预计恢复进度的月份" not in december
    english = " ".join(notice_letters.letter_text(2021, 11, "非税综合科", [_row("overspent", 11)], "en"))
    assert "0.36" in english and "additional budget" in english


@pytest.mark.parametrize("method,expected", [
    ("run_rate", Decimal("9.12")),       # 8.36 × 12 / 11
    ("plan_shape", Decimal("8.36")),     # 8.36 × 100 / 100
    ("manual", None),
])
def test_the_forecast_starts_from_the_methods_figure_not_the_budget(method, expected):
    row = {"actual_wan": Decimal("8.36"), "plan_pct": Decimal("100"), "plan_pct_year_end": Decimal("100"), "month": 11,
           "budget_wan": Decimal("8")}
    assert notice_rules.forecast_default(row, method) == expected


@pytest.mark.parametrize("text,lang,expected", [      # issue 38: a message, not a "中文 | English" string cut in two
    (i18n.Message("no_projects", year=2021), "zh", "2021 年度没有预算项目"),
    (i18n.Message("no_projects", year=2021), "en", "no projects in 2021"),
    (SpendingError("no_projects", year=2021), "en", "no projects in 2021"),
    ("只有中文 | 不拆开", "en", "只有中文 \\| 不拆开"),       # a text in the page's language is shown whole, as text
    (None, "zh", ""),
])
def test_said_keeps_the_pages_language(text, lang, expected):
    assert ui.said(text, lang) == expected


@pytest.mark.parametrize("url,base,asked", [
    ("http://127.0.0.1:8501/", "", None),
    ("http://127.0.0.1:8501/pacing", "", None),
    ("http://127.0.0.1:8501/nosuchpage", "", "nosuchpage"),
    ("https://x.gov.cn/spending/", "/spending", None),
    ("https://x.gov.cn/spending/project", "spending", None),
    ("https://x.gov.cn/spending/nope", "spending", "nope"),
    (None, "", None),
])
def test_an_unknown_page_path(url, base, asked):
    assert ui.unknown_path(url, base) == asked


@pytest.mark.parametrize("value,expected", [
    (None, {"delta": None}),
    (0, {"delta": "持平", "delta_color": "off", "delta_arrow": "off"}),
    (0.0, {"delta": "持平", "delta_color": "off", "delta_arrow": "off"}),
    (0.001, {"delta": "持平", "delta_color": "off", "delta_arrow": "off"}),       # +0.00 as shown: no rise
    (-0.004, {"delta": "持平", "delta_color": "off", "delta_arrow": "off"}),
    (0.005, {"delta": "+0.01", "delta_color": "inverse"}),
    (1, {"delta": "+1.00", "delta_color": "inverse"}),
    (-2.5, {"delta": "-2.50", "delta_color": "inverse"}),
])
def test_a_zero_change_is_neutral(value, expected):
    assert ui.change(value, "zh", color="inverse") == expected


# ------------------------------------------------------------------ the treasury closes a December inquiry

def december_db(tmp_path):
    """The demo database with one December payment of 经济建设科's project: December has payments."""
    path = tmp_path / "december.duckdb"
    fresh_db(path, demo=True)
    payments = write_csv(tmp_path / "dec.csv", ["voucher_no", "project_code", "pay_date", "amount_yuan"],
                         [["DEC-1", ECON, "2021-12-15", "1000.00"]])
    assert cli_in_process("import-disbursements", str(payments), db_path=path).returncode == 0
    return path


def test_a_december_inquiry_is_answered_about_the_unspent_money_and_closed_by_decision(tmp_path):
    path = december_db(tmp_path)
    con = opening.connect(path)
    try:
        notices.issue(con, ADMIN, 2021, 12, today=date(2021, 12, 31))
        [econ] = [r for r in notices.inquiries(con, 2021, 12, on=date(2021, 12, 31)) if r["project_code"] == ECON]
        assert econ["ask"] == "year_end"
        with pytest.raises(SpendingError, match="结转"):
            notices.answer(con, ECON_USER, 2021, 12, ECON, "制度保障", "评审延后", "年底前支付", None, "80")
        notices.answer(con, ECON_USER, 2021, 12, ECON, "制度保障", "评审延后", "结余部分收回", None, "80", "run_rate",
                       "部分结转、部分收回")
        [econ] = [r for r in notices.inquiries(con, 2021, 12, on=date(2021, 12, 31)) if r["project_code"] == ECON]
        assert econ["state"] == "answered" and econ["unspent_handling"] == "部分结转、部分收回"
        assert econ["forecast_method"] == "run_rate"
        with pytest.raises(SpendingError, match="管理员"):
            notices.decide(con, ECON_USER, 2021, 12, ECON, "同意结转")
        with pytest.raises(SpendingError, match="请选择国库科的决定"):
            notices.decide(con, ADMIN, 2021, 12, ECON, "同意追加预算")      # not a decision about the year's end
        notices.decide(con, ADMIN, 2021, 12, ECON, "同意结转", "结转下年")
        [econ] = [r for r in notices.inquiries(con, 2021, 12, on=date(2021, 12, 31)) if r["project_code"] == ECON]
        assert econ["state"] == "closed" and econ["decision"] == "同意结转" and econ["decided_by"] == ADMIN.actor
        with pytest.raises(SpendingError, match="已由国库科销号"):
            notices.decide(con, ADMIN, 2021, 12, ECON, "收回结余资金")
        actions = [r[0] for r in con.execute("select action from audit_log").fetchall()]
        assert actions.count("inquiry_closed") == 1
    finally:
        con.close()


def test_the_same_account_again_is_no_change(tmp_path):
    path = tmp_path / "accounts.duckdb"
    fresh_db(path)
    con = opening.connect(path)
    try:
        count = "select count(*) from audit_log where action like 'account%'"
        auth.save(con, "a@b.gov", "section", ["经济建设科"], "张三", "admin@b.gov")
        assert con.execute(count).fetchone()[0] == 1
        auth.save(con, "A@b.gov", "section", ["经济建设科"], "张三", "admin@b.gov")       # identical
        assert con.execute(count).fetchone()[0] == 1
        auth.save(con, "a@b.gov", "section", ["经济建设科"], "张三丰", "admin@b.gov")     # a real change
        assert con.execute(count).fetchone()[0] == 2
    finally:
        con.close()


# ------------------------------------------------------------------ the pages

@pytest.fixture(scope="module")
def honest_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("honest") / "honest.duckdb"
    fresh_db(path, demo=True)
    for args in (("admin@bureau.gov", "--role", "admin", "--name", "国库科王"),
                 ("econ@bureau.gov", "--role", "section", "--section", "经济建设科", "--name", "经建科张")):
        assert cli_in_process("user", "add", *args, db_path=path).returncode == 0
    return path


@pytest.fixture
def open_as(honest_db, monkeypatch):
    monkeypatch.setenv(notices.TODAY_ENV, "2021-12-03")
    return lambda email, page=None, **params: open_page(honest_db, monkeypatch, page and f"pages/{page}.py",
                                                        login=email, **params)


def test_an_overspent_project_is_warned_never_congratulated(open_as):
    at = open_as("admin@bureau.gov", "project", code=TRAINING)
    assert [t.value for t in at.title][-1].startswith("会计培训")
    assert not any("已达到下一检查点" in s.value for s in at.success)
    [warned] = [e.value for e in at.error if "超支" in e.value]
    assert "超出预算 0.36 万元" in warned and "追加预算" in warned and "104.50%" in warned


def test_an_unknown_project_code_shows_no_other_project(open_as):
    at = open_as("admin@bureau.gov", "project", code="NOPE-123")
    assert [t.value for t in at.title] == ["项目"]
    assert any("NOPE" in w.value and "123" in w.value and "不存在" in w.value for w in at.warning)
    assert not [s for s in at.selectbox if s.key == "project_choice"]
    assert not at.metric and not at.get("plotly_chart")


def test_a_section_without_projects_has_no_projects(open_as):
    at = open_as("admin@bureau.gov", "pacing", section="行政事业科")
    said = " ".join(m.value for m in list(at.info) + list(at.warning))
    assert "没有预算项目" in said and "不存在" not in said


def test_the_overview_says_whose_money_is_most_behind_first(open_as):
    at = open_as("admin@bureau.gov")
    first = [w.value for w in at.warning if "落后计划最多" in w.value]
    assert first and "业务委托费" in first[0] and "经济建设科" in first[0] and "45.64 万元" in first[0]
    budget = next(m for m in at.metric if m.label.startswith("调整后预算"))
    assert budget.proto.delta == "持平"            # no adjustment in November: neutral, not ↑ +0
    tables = [d.value for d in at.dataframe if "详情" in d.value.columns]      # the tables of projects, with links
    assert len(tables) == 2 and all(list(t.columns)[:3] == ["详情", "项目名称", "状态"] for t in tables)


def test_the_section_answers_a_december_inquiry_with_the_methods_figure(tmp_path, monkeypatch):
    path = december_db(tmp_path)
    assert cli_in_process("user", "add", "econ@bureau.gov", "--role", "section", "--section", "经济建设科", db_path=path).returncode == 0
    con = opening.connect(path)
    try:
        notices.issue(con, ADMIN, 2021, 11, today=date(2021, 12, 31))
        notices.issue(con, ADMIN, 2021, 12, today=date(2021, 12, 31))
        [econ] = [r for r in notices.inquiries(con, 2021, 12, on=date(2021, 12, 31)) if r["project_code"] == ECON]
        [november] = [r for r in notices.inquiries(con, 2021, 11, on=date(2021, 12, 31)) if r["project_code"] == ECON]
    finally:
        con.close()
    monkeypatch.setenv(notices.TODAY_ENV, "2021-12-31")
    at = open_page(path, monkeypatch, "pages/notices.py", month="12", login="econ@bureau.gov")
    key = f"12_{ECON}"
    assert any("结转" in w.value and "结余" in w.value for w in at.warning)
    labels = [s.label for s in at.selectbox]
    # two inquiries waiting (November behind plan, December the year's end): one asks each
    assert labels.count("结转 / 结余") == 1 and labels.count("预计恢复进度的月份") == 1
    forecast = next(n for n in at.number_input if n.key == f"answer_forecast_{key}_plan_shape")
    assert Decimal(f"{forecast.value:.2f}") == notice_rules.forecast_default(econ, "plan_shape")
    assert Decimal(f"{forecast.value:.2f}") != Decimal(str(econ["budget_wan"])).quantize(Decimal("0.01"))
    at.radio(key=f"answer_method_{key}").set_value("run_rate").run()      # before saving: the figure follows
    forecast = next(n for n in at.number_input if n.key == f"answer_forecast_{key}_run_rate")
    assert Decimal(f"{forecast.value:.2f}") == notice_rules.forecast_default(econ, "run_rate")
    # November's inquiry about the same project (still open): there the two methods give different figures
    key = f"11_{ECON}"
    shape, rate = notice_rules.forecast_default(november, "plan_shape"), notice_rules.forecast_default(november, "run_rate")
    assert shape != rate
    forecast = next(n for n in at.number_input if n.key == f"answer_forecast_{key}_plan_shape")
    assert Decimal(f"{forecast.value:.2f}") == shape
    at.radio(key=f"answer_method_{key}").set_value("run_rate").run()
    forecast = next(n for n in at.number_input if n.key == f"answer_forecast_{key}_run_rate")
    assert Decimal(f"{forecast.value:.2f}") == rate
    at.radio(key=f"answer_method_{key}").set_value("manual").run()
    assert next(n for n in at.number_input if n.key == f"answer_forecast_{key}_manual").value is None


def test_chinese_throughout(open_as, honest_db):
    # the 数据 page: the history table has no None; the 用户 page chooses nobody to delete by default
    data = open_as("admin@bureau.gov", "data")
    history = next(d.value for d in data.dataframe if "文件名" in d.value.columns)
    assert not history.isna().any().any() and "None" not in history.to_string()
    users = open_as("admin@bureau.gov", "users")
    choice = next(s for s in users.selectbox if s.key == "user_remove_choice")
    assert choice.value is None
    assert next(b for b in users.button if b.label == "删除账号").disabled
    # 填报人 is the person's name, not the login
    project = open_as("admin@bureau.gov", "project", code=ECON)
    assert any(c.value == "填报人：国库科王" for c in project.caption)
    # the stranger page: no command line
    stranger = open_as("nobody@bureau.gov")
    said = text_of(stranger)
    assert "无权访问" in said and "python" not in said and "spending user" not in said


def test_a_broken_xlsx_is_said_in_chinese_only():
    from spending.files import excel, problems

    with pytest.raises(problems.ImportRejected) as rejected:
        excel.read_xlsx("坏.xlsx", b"not an Excel file at all")
    [problem] = rejected.value.problems
    assert problem.zh.startswith("不是有效的 Excel (.xlsx) 文件") and "Cannot" not in problem.zh
    assert "Cannot detect file format" in problem.en          # the CLI keeps the library's words in English


@pytest.mark.parametrize("lang,said,not_said", [("zh", "按周一至周五推算", "counted Mon–Fri"),
                                                ("en", "counted Mon–Fri", "按周一至周五推算")])
def test_the_reply_by_note_is_in_the_pages_language(open_as, monkeypatch, lang, said, not_said):
    monkeypatch.setenv(notices.TODAY_ENV, "2099-06-01")       # a year chinese-calendar does not know yet
    at = open_as("admin@bureau.gov", "notices", **({"lang": "en"} if lang == "en" else {}))
    notes = [c.value for c in at.caption if said in c.value]
    assert notes and not any(not_said in c.value for c in at.caption)


def test_a_column_with_empty_cells_is_text_never_a_number_column_showing_none():
    """Found by hand in Chromium (the 数据 page's history, 金额 of 科室职责 and 绩效指标 shown as None): with
    pandas' str dtype the localised text column was not `object`, so it got a NumberColumn, which draws
    its "" as None. A text column keeps a TextColumn, whatever its dtype."""
    ctx = ui.Context(2021, 11, "zh")
    frame = pd.DataFrame({"amount_wan": [0.33, None], "imported_at": pd.to_datetime(["2021-01-01", None]),
                          "undone_at": pd.to_datetime(["2021-01-02", "2021-01-03"])})
    shown = ui.localise(frame, ctx, list(frame))
    assert shown[ctx.col("amount_wan")].tolist() == ["0.33", ""]
    config = ui.number_columns(ctx, list(frame), shown)
    assert config[ctx.col("amount_wan")]["type_config"]["type"] == "text"
    assert ctx.col("imported_at") not in config or config[ctx.col("imported_at")]["type_config"]["type"] == "text"
    assert config[ctx.col("undone_at")]["type_config"]["type"] == "datetime"   # no empty cell: still a date


@pytest.mark.parametrize("asks,state,decidable", [
    ("overspent", "answered", True), ("overspent", "overdue", True), ("year_end", "answered", True),
    ("overspent", "open", False),           # neither answered nor overdue: the section's turn
    ("year_end", "closed", False),          # decided already
    ("behind", "answered", False),          # a later month closes it
])
def test_which_inquiries_the_treasury_may_decide(asks, state, decidable):
    assert bool(notice_rules.decidable([{"ask": asks, "state": state}])) is decidable
