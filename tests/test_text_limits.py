"""Issue 19, bounded sizes: every free text has one limit (rules.MAX_TEXT_CHARS), carried by the widgets'
max_chars and checked again by the functions that store it; a long text is cut visibly in the bulletin's
Excel and PDF cells ("…（全文见系统）")."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from conftest import cli_in_process, fresh_db, open_page
from spending import SpendingError, auth, bulletin, monitoring, notice_rules, notices, rules
from spending.db import opening

LIMIT = 2000                    # rules.MAX_TEXT_CHARS (the first test checks they agree)
ECON = "106-0601-YBN-RQRQ"      # 业务委托费, 经济建设科: 红色 in Nov 2021
ADMIN = auth.User("admin@bureau.gov", "admin")
ECON_USER = auth.User("econ@bureau.gov", "section", sections=("经济建设科",))


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "t.duckdb"
    fresh_db(path, demo=True)
    con = opening.connect(path)
    yield path, con
    con.close()


def _stored(con) -> tuple:
    return (con.execute("select count(*) from monitoring_returns").fetchone()[0],
            con.execute("select count(*) from indicator_actuals").fetchone()[0],
            con.execute("select count(*) from audit_log").fetchone()[0])


def test_the_limit_and_the_cut():
    assert rules.MAX_TEXT_CHARS == LIMIT
    rules.check_text("字" * LIMIT, "纠偏措施", "the corrective measures")          # at the limit: fine
    with pytest.raises(SpendingError, match=r"纠偏措施不能超过 2,000 个字.*\| the corrective measures may hold at most 2,000"):
        rules.check_text("字" * (LIMIT + 1), "纠偏措施", "the corrective measures")
    assert rules.cell_text("短") == "短" and rules.cell_text(None) is None and rules.cell_text(1.5) == 1.5
    cut = rules.cell_text("字" * 30, 20)
    assert len(cut) == 20 and cut.endswith("…（全文见系统）") and cut.startswith("字" * 12)


@pytest.mark.parametrize("field", ["action", "cause_text"])
def test_a_return_over_the_limit_is_refused_and_nothing_stored(demo, field):
    _, con = demo
    user = auth.User("admin@bureau.gov", "admin")
    texts = {"action": "加快", "cause_text": "评审延后", field: "字" * (LIMIT + 1)}
    before = _stored(con)
    with pytest.raises(SpendingError, match="不能超过 2,000 个字"):
        monitoring.save_return(con, user, 2021, ECON, 11, "150", "manual", "制度保障", None, texts["action"],
                               cause_text=texts["cause_text"])
    assert _stored(con) == before
    texts[field] = "字" * LIMIT                       # at the limit it is kept whole
    assert monitoring.save_return(con, user, 2021, ECON, 11, "150", "manual", "制度保障", None, texts["action"],
                                  cause_text=texts["cause_text"]) == 1
    column = "corrective_action" if field == "action" else "cause_text"
    assert con.execute(f"select length({column}) from monitoring_returns").fetchone()[0] == LIMIT


def test_an_indicator_value_over_the_limit_is_refused(demo):
    _, con = demo
    before = _stored(con)
    with pytest.raises(SpendingError, match="实际完成值不能超过 2,000 个字"):
        monitoring.save_indicator_values(con, ADMIN, 2021, "106-0201-YBN-EI6K", 11,
                                         [(1, "95", None), (2, "9" * (LIMIT + 1), None)])
    assert _stored(con) == before                     # not even the first, short value


@pytest.mark.parametrize("field", ["action", "cause_text"])
def test_an_answer_over_the_limit_is_refused(demo, field):
    _, con = demo
    notices.issue(con, ADMIN, 2021, 11, today=date(2021, 12, 3))
    given = dict(cause="制度保障", cause_text="评审延后", action="加快评审", catch_up_month=12, forecast_wan="150")
    given[field] = "字" * (LIMIT + 1)
    with pytest.raises(SpendingError, match="不能超过 2,000 个字"):
        notice_rules.check_answer(11, **given)
    before = _stored(con)
    with pytest.raises(SpendingError, match="不能超过 2,000 个字"):
        notices.answer(con, ECON_USER, 2021, 11, ECON, **given)
    assert _stored(con) == before


def test_the_project_page_widgets_carry_the_limit(demo, monkeypatch):
    path, con = demo
    con.close()
    at = open_page(path, monkeypatch, "pages/project.py", month="8", code="106-0501-YBN-476T")
    assert next(t for t in at.text_area if t.label == "纠偏措施").proto.max_chars == LIMIT
    assert next(t for t in at.text_input if t.label == "偏差原因说明").proto.max_chars == LIMIT
    # more than the box takes never reaches the table (the browser stops typing; Streamlit's server
    # keeps the first max_chars of a value sent anyway)
    next(t for t in at.text_area if t.label == "纠偏措施").set_value("字" * (LIMIT + 1))   # past input()'s own check
    next(b for b in at.button if b.label == "保存监控表").click().run()
    assert not at.exception
    from spending import ui
    with ui._connection(str(path)) as c:
        assert c.execute("select max(length(corrective_action)) from monitoring_returns").fetchone()[0] == LIMIT


def test_the_answer_form_carries_the_limit(demo, monkeypatch):
    path, con = demo
    notices.issue(con, ADMIN, 2021, 11, today=date(2021, 12, 3))
    con.close()
    out = cli_in_process("user", "add", "econ@bureau.gov", "--role", "section", "--section", "经济建设科", db_path=path)
    assert out.returncode == 0, out.stderr
    monkeypatch.setenv(notices.TODAY_ENV, "2021-12-03")
    at = open_page(path, monkeypatch, "pages/notices.py", login="econ@bureau.gov")
    boxes = {t.label: t.proto.max_chars for t in at.text_area}
    assert boxes == {"偏差原因说明": LIMIT, "纠偏措施": LIMIT}, boxes


def test_a_long_text_is_cut_visibly_in_the_bulletin(demo):
    _, con = demo
    long = "长" * (LIMIT - 1)                          # allowed, but longer than a file's cell takes
    monitoring.save_return(con, ADMIN, 2021, ECON, 11, "150", "manual", "制度保障", None, long)
    review = bulletin.review(con, 2021, 11)
    book = openpyxl.load_workbook(io.BytesIO(bulletin.to_xlsx(review)))
    sheet = next(book[n] for n in book.sheetnames if "纠偏措施" in [c.value for c in book[n][1]])
    column = [c.value for c in sheet[1]].index("纠偏措施")
    texts = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True) if row[column]]
    assert len(texts) == 1
    assert texts[0].endswith("…（全文见系统）") and len(texts[0]) == rules.CELL_TEXT_CHARS
    assert texts[0].startswith("长" * (rules.CELL_TEXT_CHARS - len(rules.CUT_MARK)))
    page = bulletin._html_table(bulletin.table(review.returns, bulletin.RETURN_COLUMNS))     # the PDF's table
    assert "…（全文见系统）" in page and long not in page
    shorter = bulletin.cut(bulletin.table(review.returns, bulletin.RETURN_COLUMNS), 40)
    assert shorter["纠偏措施"].dropna().str.len().max() == 40
