"""Issue 33, task J: a 用款计划 in amounts taken by import-plan (SPEC §5 Plans in amounts): monthly or quarterly,
long (项目, 月份/季度, 金额) or wide (1月 … 12月, 第一季度 … 第四季度), the project by code or by its unique name
(with 科室 when given); the amounts kept exactly (plan_wan at a checkpoint is the cumulative amount, never a
rounded percentage), §1's interpolation between checkpoints kept; one project's plan touches no other."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from conftest import cli_in_process, fresh_db, open_page, write_csv
from spending import ui
from test_take_back import fingerprint

T476 = "106-0501-YBN-476T"    # 代理记账中心运转费, 20 万元, 集中支付中心; its plan: 3月 0%, 6月 0%, 10月 70%, 12月 100%
QS1Q = "106-0401-YBN-QS1Q"    # 国库电子化和一体化建设, 30 万元, 预算国库科
NAME = "代理记账中心运转费"


@pytest.fixture
def db_path(tmp_path):
    return fresh_db(tmp_path / "plans.duckdb")     # the 2021 plan of init


def checkpoints(path, code) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select month, plan_pct::varchar, plan_yuan::varchar from plan_checkpoints"
                           " where fiscal_year = 2021 and project_code = $c order by month", {"c": code}).fetchall()
    finally:
        con.close()


def import_plan(path, f, *args):
    return cli_in_process("import-plan", str(f), "--year", "2021", *args, db_path=path)


# (a name, the header, the rows, --unit; T476's checkpoints: (month, cumulative 元))
THIRDS = [(1, "66666.67"), (2, "133333.34"), (3, "200000.00")]
LAYOUTS = [
    ("long-monthly-code-space-name", ["项目", "月份", "金额"],
     [[f"{T476} {NAME}", "1", "66,666.67"], [f"{T476} {NAME}", "2月", "66666.67"], [f"{T476} {NAME}", "3", "66666.66"]],
     "yuan", THIRDS),
    ("long-monthly-wan", ["项目编码", "月份", "计划金额（万元）"],
     [[T476, "1", "6.666667"], [T476, "2", "6.666667"], [T476, "3", "6.666666"]], None, THIRDS),
    ("wide-monthly-gaps", ["项目编码", "项目名称", *[f"{m}月" for m in range(1, 13)]],
     [[T476, NAME, "10000", "", "20000", "", "", "30000", "", "", "", "", "", ""]], "yuan",
     [(1, "10000.00"), (2, "10000.00"), (3, "30000.00"), (4, "30000.00"), (5, "30000.00"), (6, "60000.00")]),
    ("wide-quarterly-wan-header", ["项目名称", "科室", "第一季度（万元）", "第二季度（万元）", "第三季度（万元）", "第四季度（万元）"],
     [[NAME, "集中支付中心", "0", "0", "14", "6"]], None,
     [(3, "0.00"), (6, "0.00"), (9, "140000.00"), (12, "200000.00")]),
    ("long-quarterly-by-name", ["项目名称", "季度", "金额"],
     [[NAME, "第一季度", "50000"], [NAME, "二季度", "50000"], [NAME, "Q4", "100000"]], "yuan",
     [(3, "50000.00"), (6, "100000.00"), (9, "100000.00"), (12, "200000.00")]),
]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
@pytest.mark.parametrize("name, header, rows, unit, expected", LAYOUTS, ids=[x[0] for x in LAYOUTS])
def test_a_spending_plan_in_amounts_is_kept_exactly(db_path, tmp_path, suffix, name, header, rows, unit, expected):
    from test_import import write_xlsx
    others = {code: checkpoints(db_path, code) for code in (QS1Q, "106-0601-YBN-RQRQ")}
    path = tmp_path / f"用款计划.{suffix}"
    f = write_csv(path, header, rows) if suffix == "csv" else write_xlsx(path, header, rows)
    out = import_plan(db_path, f, *(["--unit", unit] if unit else []))
    assert out.returncode == 0, out.stderr
    assert "用款计划（按金额）" in out.stdout
    stored = checkpoints(db_path, T476)
    assert [(m, y) for m, _, y in stored] == expected
    assert all(Decimal(p) == round(Decimal(y) / 2000, 2) for _, p, y in stored)     # plan_pct: a share of 20 万元, shown
    assert {code: checkpoints(db_path, code) for code in others} == others          # no other project touched
    before = fingerprint(db_path)
    again = import_plan(db_path, f, *(["--unit", unit] if unit else []))          # re-importing changes nothing
    assert again.returncode == 0 and "均已存在，未作改动" in again.stdout, again.stdout
    assert fingerprint(db_path) == before


def status_row(path, month, code=T476) -> dict:
    out = cli_in_process("status", "--as-of", f"2021-{month:02d}", "--format", "csv", db_path=path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    head = lines[0].split(",")
    return dict(zip(head, next(line for line in lines[1:] if f",{code}," in line).split(",")))


def test_plan_wan_at_a_checkpoint_is_the_amount_and_interpolation_stays(db_path, tmp_path):
    f = write_csv(tmp_path / "plan.csv", ["项目编码", "第一季度（元）", "第二季度（元）"], [[T476, "66,666.67", "0"]])
    assert import_plan(db_path, f).returncode == 0
    pay = write_csv(tmp_path / "pay.csv", ["凭证号", "项目编码", "支付日期", "金额(元)"], [["V-1", T476, "2021-03-31", "66666.67"]])
    assert cli_in_process("import-disbursements", str(pay), db_path=db_path).returncode == 0
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        # plan fen × 277,200,000, exactly: 66,666.67 元 at the end of March, and a third of it by January's end
        found = dict(con.execute("select as_of_month, plan_amount_num from pace_cache where fiscal_year = 2021"
                                 " and project_code = $c and as_of_month in (1, 3, 6)", {"c": T476}).fetchall())
    finally:
        con.close()
    assert found == {3: 6666667 * 277200000, 6: 6666667 * 277200000, 1: 6666667 * 277200000 // 3}
    march = status_row(db_path, 3)
    # exactly on plan: a rounded 33.33 % would plan 66,660.00 元 and call this 0.01 points ahead
    assert (march["plan_pct"], march["deviation_pp"], march["gap_wan"], march["status"]) == ("33.33", "0.00", "0.00", "on_track")
    assert status_row(db_path, 2)["plan_pct"] == "22.22"                         # §1's interpolation, in amounts
    assert status_row(db_path, 12)["plan_pct"] == "33.33"                        # after the last checkpoint, it holds


# (the rows under 项目名称, 科室, 月份, 金额; the words the refusal must hold)
REFUSED = [
    ([["没有这个项目", "", "1", "1"]], "2021 年度计划中没有这个名称的项目"),
    ([[NAME, "预算国库科", "1", "1"]], "2021 年度计划中没有这个名称的项目"),       # the 科室 given must be the project's
    ([[NAME, "", "13", "1"]], "月份应为 1–12"),
    ([[NAME, "", "1", "-5"]], "计划金额不能为负"),
    ([[NAME, "", "1", "1.005"]], "小数位数超过 2 位"),
    ([[NAME, "", "1", "1"], [NAME, "", "1月", "2"]], "该项目的同一月份（季度）已在第 2 行给出"),
    ([[NAME, "", "1", "150000"], [NAME, "", "2", "50000.01"]], "用款计划累计 200,000.01 元，超过该项目的预算 200,000.00 元"),
]


@pytest.mark.parametrize("rows, words", REFUSED, ids=[w[:12] for _, w in REFUSED])
def test_a_bad_spending_plan_is_refused_whole(db_path, tmp_path, rows, words):
    f = write_csv(tmp_path / "bad.csv", ["项目名称", "科室", "月份", "金额（元）"], [*rows, [f"{QS1Q}", "", "1", "1"]])
    before = fingerprint(db_path)
    out = import_plan(db_path, f)
    assert out.returncode == 1 and words in out.stderr, out.stderr
    assert fingerprint(db_path) == before


def test_a_name_two_projects_share_needs_the_section_or_the_code(db_path, tmp_path):
    twin = write_csv(tmp_path / "twin.csv", ["年度", "项目编码", "项目名称", "科室", "年初预算数(万元)", "12月底"],
                     [[2021, "J-TWIN", NAME, "综合科", "10", "100"]])
    assert cli_in_process("import-plan", str(twin), db_path=db_path).returncode == 0
    f = write_csv(tmp_path / "p.csv", ["项目名称", "月份", "金额（元）"], [[NAME, "1", "100"]])
    out = import_plan(db_path, f)
    assert out.returncode == 1 and "有 2 个项目同名" in out.stderr, out.stderr
    f = write_csv(tmp_path / "p.csv", ["项目名称", "科室", "月份", "金额（元）"], [[NAME, "综合科", "1", "100"]])
    assert import_plan(db_path, f).returncode == 0
    assert checkpoints(db_path, "J-TWIN") == [(1, "0.10", "100.00")]   # 100 元 of 10 万元
    assert checkpoints(db_path, T476) == [(3, "0.00", None), (6, "0.00", None), (10, "70.00", None), (12, "100.00", None)]


def test_the_import_says_the_planned_total_not_the_budgets(db_path, tmp_path):
    """The summary, the batch and the audit entry of a 用款计划 total its planned amounts (2,000 元 here), not the
    budget of the project they plan (20 万元), as the 数据 page's preview does."""
    f = write_csv(tmp_path / "p.csv", ["项目编码", "1月（元）", "2月（元）"], [[T476, "1000", "1000"]])
    out = import_plan(db_path, f)
    assert out.returncode == 0, out.stderr
    assert "合计 0.20 万元（2,000.00 元）" in out.stdout, out.stdout
    batch = int(out.stdout.split("（批次 ")[1].split("）")[0])
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("select amount_yuan from import_batches where batch_id = ?", [batch]).fetchone()[0] == 2000


def test_undo_gives_the_plan_in_percentages_back(db_path, tmp_path):
    before = checkpoints(db_path, T476)
    expected = status_row(db_path, 8)
    f = write_csv(tmp_path / "p.csv", ["项目编码", "1月（元）", "2月（元）"], [[T476, "1000", "1000"]])
    out = import_plan(db_path, f)
    assert out.returncode == 0, out.stderr
    assert status_row(db_path, 8)["plan_pct"] == "1.00"
    batch = out.stdout.split("（批次 ")[1].split("）")[0]
    assert cli_in_process("undo", batch, db_path=db_path).returncode == 0
    assert checkpoints(db_path, T476) == before
    assert status_row(db_path, 8) == expected


def test_the_data_page_takes_a_spending_plan_as_a_plan(db_path, tmp_path, monkeypatch):
    at = open_page(db_path, monkeypatch)
    data = write_csv(tmp_path / "用款计划.csv", ["项目编码", "项目名称", *[f"{m}月" for m in range(1, 4)]],
                     [[T476, NAME, "66,666.67", "66,666.67", "66,666.66"]]).read_bytes()
    at.radio[0].set_value("plan")
    at.file_uploader[0].upload("用款计划.csv", data)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    [question] = [r for r in at.radio if "单位" in r.label]          # 1月 names no unit: asked
    assert question.label == "金额列「1月」没有写明单位：请选择它的单位（不作猜测）"
    question.set_value("yuan").run()
    assert "用款计划（按金额），单位为元（所选单位）" in " ".join(i.value for i in at.info)
    [button] = [b for b in at.button if b.label == "导入"]
    button.click().run()
    assert any("导入 1 行" in s.value for s in at.success), [e.value for e in at.error]
    with ui._connection(str(db_path)) as con:
        assert con.execute("select month, plan_yuan::varchar from plan_checkpoints where fiscal_year = 2021"
                           " and project_code = $c order by month", {"c": T476}).fetchall() == [
            (1, "66666.67"), (2, "133333.34"), (3, "200000.00")]


def test_a_spending_plan_s_own_year_column_names_the_year(db_path, tmp_path):
    f = write_csv(tmp_path / "y.csv", ["年度", "项目名称", "月份", "金额（元）"], [[2021, "没有", "1", "1"], ["20x1", NAME, "1", "1"]])
    before = fingerprint(db_path)
    out = cli_in_process("import-plan", str(f), db_path=db_path)       # no --year: each row's own
    assert out.returncode == 1, out.stderr
    assert "第 2 行，列 project_name，值「没有」：2021 年度计划中没有这个名称的项目" in out.stderr
    assert "第 3 行，列 fiscal_year，值「20x1」：年度应为四位整数" in out.stderr
    assert fingerprint(db_path) == before


def test_export_parquet_keeps_the_amounts_and_what_each_quota_said(db_path, tmp_path):
    plan = write_csv(tmp_path / "p.csv", ["项目编码", "第一季度（元）", "第二季度（元）"], [[T476, "66,666.67", "0"]])
    assert import_plan(db_path, plan).returncode == 0
    quota = write_csv(tmp_path / "q.csv", ["录入日期", "摘要", "金额（元）", "指标文号", "指标来源", "项目", "直达资金标识"],
                      [["2021-05-10", "追加", "1,000.00", "冀财预〔2021〕8号", "中央直达资金", f"{T476} {NAME}", "是"]])
    assert cli_in_process("import-adjustments", str(quota), db_path=db_path).returncode == 0
    out = cli_in_process("export-parquet", str(tmp_path / "pq"), db_path=db_path)
    assert out.returncode == 0, out.stderr
    con = duckdb.connect()
    projects = con.execute("select project_code, m03::varchar, y03::varchar, y06::varchar, y12::varchar from read_parquet($p)"
                           " where project_code in ($a, $b) order by 1",
                           {"p": str(tmp_path / "pq" / "projects" / "**" / "*.parquet"), "a": T476, "b": QS1Q}).fetchall()
    assert projects == [(QS1Q, "0.00", None, None, None), (T476, "33.33", "66666.67", "66666.67", None)]   # QS1Q: in %
    adjusted = con.execute("select doc_no, amount_yuan::varchar, quota_doc_no, source, direct from read_parquet($p)",
                           {"p": str(tmp_path / "pq" / "adjustments" / "**" / "*.parquet")}).fetchall()
    assert adjusted == [("冀财预〔2021〕8号", "1000.00", "冀财预〔2021〕8号", "中央直达资金", True)]


def test_the_data_page_offers_no_plan_mapping_for_a_spending_plan_it_refuses(db_path, monkeypatch):
    at = open_page(db_path, monkeypatch)
    at.radio[0].set_value("plan")
    at.file_uploader[0].upload("用款计划.csv", "科室,1月（元）,2月（元）\n集中支付中心,1,2\n".encode())   # no project column
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    reasons = next(d.value for d in at.dataframe if "原因" in d.value.columns)["原因"].tolist()
    assert reasons == ["缺少项目列（项目编码或项目名称）"]
    assert not [s for s in at.selectbox if s.label == "年初预算数(万元)"], "a 用款计划 is not mapped onto a plan's columns"
