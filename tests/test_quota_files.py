"""Issue 33, task J: budget amounts whose unit is never guessed (SPEC §5 Units of money) and 指标分配 exports
taken as adjustments, what each 指标 says kept (指标文号, 资金来源, 直达), through the command line and the
数据 page. The 指标分配 layout is the platform's (Ghhhhy/platformweb-fb, src/views/main/fundMonitoring/:
录入日期, 摘要, 金额 in 元, 指标文号, 归口科室, 预算单位, 指标来源, 资金性质, 项目 as `代码 名称`, 直达资金标识);
the rows are our own."""

from __future__ import annotations

import duckdb
import pytest

from conftest import cli, cli_in_process, fresh_db, open_page, write_csv
from spending import ui
from test_import import write_xlsx
from test_take_back import fingerprint
from test_upgrade import forget_units, release_schema_copy

T476 = "106-0501-YBN-476T"    # 代理记账中心运转费, 20 万元, checkpoints 3月 0%, 6月 0%, 10月 70%, 12月 100%
QS1Q = "106-0401-YBN-QS1Q"    # 国库电子化和一体化建设, 30 万元
QUOTA = ["录入日期", "摘要", "金额", "指标文号", "归口科室", "预算单位", "指标来源", "资金性质", "项目", "直达资金标识"]


def quota_row(doc, amount, day="2021-05-10", source="中央直达资金", direct="是", project=f"{T476} 代理记账中心运转费"):
    return [day, "追加指标", amount, doc, "集中支付中心", "106 承德高新技术产业开发区财政局", source, "一般公共预算",
            project, direct]


@pytest.fixture
def db_path(tmp_path):
    return fresh_db(tmp_path / "quota.duckdb")     # the 2021 plan of init


ADJUSTMENT_COLUMNS = ("select project_code, doc_no, effective_date::varchar, amount_yuan::varchar, reason,"
                      " quota_doc_no, source, direct from adjustments order by all")


def adjustments(path) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(ADJUSTMENT_COLUMNS).fetchall()
    finally:
        con.close()


def budget_yuan(path, code) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select budget_yuan::varchar from projects where fiscal_year = 2021 and project_code = $c",
                           {"c": code}).fetchone()[0]
    finally:
        con.close()


# ------------------------------------------------------------------ units of money (SPEC §5)

# (the amount's header, a title row above the header or None, --unit or None, the cell;
#  the amount stored in 元, or None: refused, with the words the report must hold)
ADJUSTMENT_UNITS = [
    ("金额", None, None, "50,000.00", None, "金额列「金额」的表头和标题都没有写明单位"),
    ("指标金额", None, None, "50000", None, "金额列「指标金额」"),
    ("调整金额", None, None, "5", None, "金额列「调整金额」"),           # not even through an alias
    ("金额", None, "yuan", "50,000.00", "50000.00", None),
    ("金额", None, "wan", "5", "50000.00", None),
    ("金额", None, "yuan", "20000.005", None, "小数"),                  # 元: at most 2 decimals
    ("金额", None, "wan", "2.000005", "20000.05", None),                # 万元: 6 decimals, exactly
    ("金额（元）", None, None, "66,666.67", "66666.67", None),
    ("金额(单位:元)", None, None, "1.5", "1.50", None),
    ("金额（万元）", None, None, "6.666667", "66666.67", None),
    ("金额", "单位：元", None, "50000", "50000.00", None),
    ("指标金额", "金额单位：万元", None, "5", "50000.00", None),
    ("调整金额(万元)", None, None, "5", "50000.00", None),              # our own header names its unit
    ("amount_wan", None, None, "5", "50000.00", None),
    ("金额（万元）", None, "yuan", "5", None, "与指定的单位（元）不符"),    # a given unit never overrides the header
    ("金额", "单位：万元", "yuan", "5", None, "与指定的单位（元）不符"),
]


@pytest.mark.parametrize("header, title, unit, cell, stored, words", ADJUSTMENT_UNITS,
                         ids=[f"{h}-{t}-{u}-{c}" for h, t, u, c, _, _ in ADJUSTMENT_UNITS])
def test_an_adjustment_amount_s_unit_is_said_never_guessed(db_path, tmp_path, header, title, unit, cell, stored, words):
    head = ["文号", "项目编码", "调整日期", header]
    rows = [["财预〔2021〕5号", T476, "2021-05-10", cell]]
    f = write_csv(tmp_path / "adjust.csv", [title] if title else head, ([head] if title else []) + rows)
    before = fingerprint(db_path)
    out = cli_in_process("import-adjustments", str(f), *(["--unit", unit] if unit else []), db_path=db_path)
    if stored is None:
        assert out.returncode == 1 and words in out.stderr, out.stderr
        assert fingerprint(db_path) == before
    else:
        assert out.returncode == 0, out.stderr
        assert [a[3] for a in adjustments(db_path)] == [stored]


PLAN_HEAD = ["项目编码", "项目名称", "科室", None, "6月底", "12月底"]
PLAN_UNITS = [    # as ADJUSTMENT_UNITS, for a plan's 年初预算数 (200,000 元 = 20 万元)
    ("预算金额", None, "200000", None),
    ("指标金额", None, "200000", None),
    ("年初预算数", None, "20", None),
    ("预算金额", "yuan", "200,000.00", "200000.00"),
    ("预算金额", "wan", "20", "200000.00"),
    ("年初预算数(元)", None, "200000.01", "200000.01"),
    ("预算数（元）", None, "200000", "200000.00"),
    ("年初预算数(万元)", None, "20.000001", "200000.01"),
    ("budget_wan", None, "20", "200000.00"),
]


@pytest.mark.parametrize("header, unit, cell, stored", PLAN_UNITS, ids=[f"{h}-{u}-{c}" for h, u, c, _ in PLAN_UNITS])
def test_a_plan_budget_s_unit_is_said_never_guessed(db_path, tmp_path, header, unit, cell, stored):
    head = [header if h is None else h for h in PLAN_HEAD]
    f = write_csv(tmp_path / "plan.csv", head, [["J-1", "单位测试项目", "测试科", cell, "50", "100"]])
    before = fingerprint(db_path)
    out = cli_in_process("import-plan", str(f), "--year", "2021", *(["--unit", unit] if unit else []), db_path=db_path)
    if stored is None:
        assert out.returncode == 1 and f"金额列「{header}」的表头和标题都没有写明单位" in out.stderr, out.stderr
        assert "--unit yuan|wan" in out.stderr
        assert fingerprint(db_path) == before
    else:
        assert out.returncode == 0, out.stderr
        assert budget_yuan(db_path, "J-1") == stored


def test_the_unit_rule_through_the_real_command_line(db_path, tmp_path):
    f = write_csv(tmp_path / "指标.csv", QUOTA, [quota_row("冀财预〔2021〕8号", "50,000.00")])
    refused = cli("import-adjustments", str(f), db_path=db_path)
    assert refused.returncode == 1 and "金额列「金额」" in refused.stderr and "--unit yuan|wan" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert adjustments(db_path) == []
    bad = cli("import-adjustments", str(f), "--unit", "元", db_path=db_path)
    assert bad.returncode == 2 and "--unit" in bad.stderr
    done = cli("import-adjustments", str(f), "--unit", "yuan", db_path=db_path)
    assert done.returncode == 0, done.stderr
    assert [a[3] for a in adjustments(db_path)] == ["50000.00"]


# ------------------------------------------------------------------ 指标分配 exports as adjustments

# (a name, the file's rows; what is stored: project, doc_no, date, 元, reason, 指标文号, source, direct)
QUOTA_FILES = [
    ("code-space-name", [quota_row("冀财预〔2021〕8号", "50,000.00"),
                         quota_row("承财预〔2021〕3号", "30,000.50", "2021-06-01", "本级安排资金", "否")],
     [(T476, "冀财预〔2021〕8号", "2021-05-10", "50000.00", "追加指标", "冀财预〔2021〕8号", "中央直达资金", True),
      (T476, "承财预〔2021〕3号", "2021-06-01", "30000.50", "追加指标", "承财预〔2021〕3号", "本级安排资金", False)]),
    ("code-dash-name", [quota_row("冀财预〔2021〕8号", "-1,000.00", project=f"{QS1Q} - 国库电子化和一体化建设")],
     [(QS1Q, "冀财预〔2021〕8号", "2021-05-10", "-1000.00", "追加指标", "冀财预〔2021〕8号", "中央直达资金", True)]),
    ("code-only-no-flag", [quota_row("冀财预〔2021〕8号", "1", project=QS1Q, direct="", source="")],
     [(QS1Q, "冀财预〔2021〕8号", "2021-05-10", "1.00", "追加指标", "冀财预〔2021〕8号", None, None)]),
]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
@pytest.mark.parametrize("name, rows, stored", QUOTA_FILES, ids=[q[0] for q in QUOTA_FILES])
def test_a_quota_export_is_an_adjustments_file(db_path, tmp_path, suffix, name, rows, stored):
    path = tmp_path / f"指标分配.{suffix}"
    f = write_csv(path, QUOTA, rows) if suffix == "csv" else write_xlsx(path, QUOTA, rows)
    out = cli_in_process("import-adjustments", str(f), "--unit", "yuan", db_path=db_path)
    assert out.returncode == 0, out.stderr
    assert adjustments(db_path) == stored
    assert "指标文号 → 指标文号（quota_doc_no）" in out.stdout and "指标来源 → 资金来源（source，别名 | alias）" in out.stdout
    # 预算单位 is read since issue 34 (task C): checked against the project's unit, so no longer unused
    assert "预算单位 → 预算单位（unit_name）" in out.stdout
    assert "未使用的列（导入时不读取）：归口科室、资金性质" in out.stdout
    # re-importing changes nothing; the same 指标 saying another source is a conflict
    before = fingerprint(db_path)
    again = cli_in_process("import-adjustments", str(f), "--unit", "yuan", db_path=db_path)
    assert again.returncode == 0 and f"{len(rows)} 行均已存在，未作改动" in again.stdout, again.stdout
    assert fingerprint(db_path) == before


def test_a_quota_row_with_other_content_conflicts_and_undo_takes_the_batch(db_path, tmp_path):
    f = write_csv(tmp_path / "a.csv", QUOTA, [quota_row("冀财预〔2021〕8号", "50,000.00")])
    assert cli_in_process("import-adjustments", str(f), "--unit", "yuan", db_path=db_path).returncode == 0
    before = fingerprint(db_path)
    other = write_csv(tmp_path / "b.csv", QUOTA, [quota_row("冀财预〔2021〕8号", "50,000.00", direct="否"),
                                                  quota_row("冀财预〔2021〕9号", "1.00")])
    out = cli_in_process("import-adjustments", str(other), "--unit", "yuan", db_path=db_path)
    assert out.returncode == 1 and "direct" in out.stderr, out.stderr
    assert fingerprint(db_path) == before            # all or nothing: 9号 was not written either
    bad_flag = write_csv(tmp_path / "c.csv", QUOTA, [quota_row("冀财预〔2021〕10号", "1.00", direct="也许")])
    out = cli_in_process("import-adjustments", str(bad_flag), "--unit", "yuan", db_path=db_path)
    assert out.returncode == 1 and "列 direct，值「也许」：应为 是 或 否" in out.stderr, out.stderr
    history = cli_in_process("history", "--format", "csv", db_path=db_path).stdout.splitlines()
    batch = next(line.split(",")[0] for line in history[1:] if "a.csv" in line)
    undone = cli_in_process("undo", batch, db_path=db_path)
    assert undone.returncode == 0, undone.stderr
    assert adjustments(db_path) == []


def test_the_project_page_shows_what_the_quota_said(db_path, tmp_path, monkeypatch):
    f = write_csv(tmp_path / "a.csv", QUOTA, [quota_row("冀财预〔2021〕8号", "50,000.00")])
    assert cli_in_process("import-adjustments", str(f), "--unit", "yuan", db_path=db_path).returncode == 0
    at = open_page(db_path, monkeypatch, page="pages/project.py", code=T476)
    table = next(d.value for d in at.dataframe if "文号" in d.value.columns)
    row = table.iloc[0]
    assert (row["指标文号"], row["资金来源"], row["直达资金"]) == ("冀财预〔2021〕8号", "中央直达资金", "是")


# ------------------------------------------------------------------ the 数据 page asks the unit

def test_the_data_page_asks_the_unit_only_when_the_file_needs_it(db_path, tmp_path, monkeypatch):
    at = open_page(db_path, monkeypatch)
    assert not [r for r in at.radio if "单位" in r.label]
    named = ",".join(["文号", "项目编码", "调整日期", "调整金额（万元）"]) + f"\n财预〔2021〕5号,{T476},2021-05-10,5\n"
    at.radio[0].set_value("adjustments")
    at.file_uploader[0].upload("named.csv", named.encode())
    at.run()
    assert not [r for r in at.radio if "单位" in r.label], "a file whose header names its unit is not asked"
    assert [b for b in at.button if b.label == "导入"]

    at = open_page(db_path, monkeypatch)
    data = write_csv(tmp_path / "指标.csv", QUOTA, [quota_row("冀财预〔2021〕8号", "66,666.67")]).read_bytes()
    at.radio[0].set_value("adjustments")
    at.file_uploader[0].upload("指标.csv", data)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    [question] = [r for r in at.radio if "单位" in r.label]
    assert question.label == "金额列「金额」没有写明单位：请选择它的单位（不作猜测）" and question.value is None
    assert "表头和标题都没有写明单位" in " ".join(str(d.value) for d in at.dataframe)
    assert not [b for b in at.button if b.label == "导入"], "no import before the unit is said"
    assert not [s for s in at.selectbox if "调整金额" in s.label], "a unit to choose is no mapping step"
    question.set_value("yuan").run()
    assert "金额单位为元（所选单位），已精确换算为元存储。" in " ".join(i.value for i in at.info)
    [button] = [b for b in at.button if b.label == "导入"]
    button.click().run()
    assert any("导入 1 行" in s.value for s in at.success), [e.value for e in at.error]
    with ui._connection(str(db_path)) as con:   # the page's own connection (this process holds the lock)
        assert con.execute(ADJUSTMENT_COLUMNS).fetchall() == [
            (T476, "冀财预〔2021〕8号", "2021-05-10", "66666.67", "追加指标", "冀财预〔2021〕8号", "中央直达资金", True)]


# ------------------------------------------------------------------ a database of the release before upgrades

def test_a_database_of_the_release_before_quota_columns_upgrades_in_place(tmp_path):
    """Migration 018: the adjustments of a database made before it are kept, saying nothing of 指标文号, source
    or 直达; it then takes an 指标 file and gives it back on undo."""
    current = tmp_path / "current.duckdb"
    fresh_db(current, demo=True)
    forget_units(current)      # a release before 018 knew no 预算单位 (migration 019) either
    old = tmp_path / "release.duckdb"
    release_schema_copy(current, old, before=18)
    con = duckdb.connect(str(old), read_only=True)
    assert "source" not in {c for (c,) in con.execute("select column_name from duckdb_columns()"
                                                      " where table_name = 'adjustments'").fetchall()}
    kept = {t: con.execute(f"select * from {t} order by all").fetchall()
            for t in ("adjustments", "disbursements", "import_batches")}
    assert kept["adjustments"], "the demo has adjustments to keep"
    con.close()
    expected = cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=current).stdout
    out = cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=old)   # upgrades, then reads
    assert out.returncode == 0 and out.stdout == expected, out.stderr
    con = duckdb.connect(str(old), read_only=True)
    assert con.execute("select * exclude (quota_doc_no, source, direct) from adjustments order by all").fetchall() \
        == kept["adjustments"]
    assert con.execute("select count(*) from adjustments where coalesce(quota_doc_no, source) is not null"
                       " or direct is not null").fetchone()[0] == 0
    for table in ("disbursements", "import_batches"):
        assert con.execute(f"select * from {table} order by all").fetchall() == kept[table], table
    con.close()
    f = write_csv(tmp_path / "指标.csv", QUOTA, [quota_row("冀财预〔2021〕8号", "50,000.00")])
    out = cli_in_process("import-adjustments", str(f), "--unit", "yuan", db_path=old)
    assert out.returncode == 0, out.stderr
    batch = max(b for (b, *_) in kept["import_batches"]) + 1
    assert f"（批次 {batch}）" in out.stdout
    assert ("冀财预〔2021〕8号", "中央直达资金", True) in [a[5:] for a in adjustments(old)]
    assert cli_in_process("undo", str(batch), db_path=old).returncode == 0
    con = duckdb.connect(str(old), read_only=True)
    assert con.execute("select * exclude (quota_doc_no, source, direct) from adjustments order by all").fetchall() \
        == kept["adjustments"]
    con.close()


# ------------------------------------------------------------------ a file of another kind says so

PLAN_HEADER = ["年度", "项目编码", "项目名称", "科室", "年初预算数(万元)", "6月底", "12月底"]
PAY_HEADER = ["支付凭证号", "项目编码", "支付日期", "金额(元)"]
# (the file's rows, header first; the verb it is given to; the words its refusal must hold)
OTHER_KIND_FILES = [
    ([PLAN_HEADER, [2021, "X-1", "某项目", "测试科", "10", "50", "100"]], "import-disbursements",
     "这个文件的表头像是「预算项目支出计划」文件，而不是「支付明细」：请选择正确的文件类型（命令行：import-plan）"),
    ([PAY_HEADER, ["V-1", T476, "2021-05-01", "100"]], "import-plan", "（命令行：import-disbursements）"),
    ([QUOTA, quota_row("冀财预〔2021〕8号", "1")], "import-disbursements", "（命令行：import-adjustments）"),
    ([QUOTA, quota_row("冀财预〔2021〕8号", "1")], "import-plan", "（命令行：import-adjustments）"),
    ([["项目名称", "年初预算数", "调整后预算数", "1-6月执行数", "全年预计执行数"], ["某项目", "10", "12", "5", "12"]],
     "import-plan", "这个文件看起来是绩效运行监控表（年初预算数、调整后预算数、1-X月执行数、全年预计执行数），"
                    "不是可导入的文件：本系统还没有导入这类文件的命令"),
    ([["项目", "年初预算数（万元）", "调整后预算数（万元）", "1—9月执行数（万元）"], ["某项目", "10", "12", "5"]],
     "import-adjustments", "这个文件看起来是绩效运行监控表"),
    ([["指标与支付情况汇总表"], ["项目", "单位", "预算金额", "", "支付金额", ""], ["", "", "本级", "直达", "本级", "直达"],
      [f"{T476} 代理记账中心运转费", "106", "100", "50", "20", "10"]],
     "import-disbursements", "这个文件看起来是指标与支付情况汇总表（预算金额 / 支付金额 两行表头），不是可导入的文件"),
    ([["项目", "预算金额", "", "支付金额", ""], ["", "本级", "直达", "本级", "直达"], ["P", "1", "2", "3", "4"]],
     "import-plan", "指标与支付情况汇总表"),
    ([["项目编码", "1月", "2月", "3月"], [T476, "1", "2", "3"]], "import-disbursements",
     "这个文件看起来是用款计划（按月或按季度的计划金额）：请用 import-plan 导入"),
    ([["项目", "季度", "计划审批金额"], [T476, "第一季度", "3"]], "import-adjustments", "请用 import-plan 导入"),
]


@pytest.mark.parametrize("rows, verb, words", OTHER_KIND_FILES, ids=[f"{i}-{v}" for i, (_, v, _) in enumerate(OTHER_KIND_FILES)])
def test_a_file_of_another_kind_says_which(db_path, tmp_path, rows, verb, words):
    f = write_csv(tmp_path / "other.csv", rows[0], rows[1:])
    before = fingerprint(db_path)
    out = cli_in_process(verb, str(f), "--year", "2021", db_path=db_path) if verb == "import-plan" else \
        cli_in_process(verb, str(f), db_path=db_path)
    assert out.returncode == 1 and words in out.stderr, out.stderr
    assert "Traceback" not in out.stderr
    assert fingerprint(db_path) == before


def test_the_data_page_says_a_monitoring_return_is_no_plan(db_path, monkeypatch):
    at = open_page(db_path, monkeypatch)
    at.radio[0].set_value("plan")
    at.file_uploader[0].upload("监控表.csv", "项目名称,年初预算数,调整后预算数,1-6月执行数,全年预计执行数\n某项目,10,12,5,12\n"
                                .encode())
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    reasons = next(d.value for d in at.dataframe if "原因" in d.value.columns)["原因"].tolist()
    assert any(r.startswith("这个文件看起来是绩效运行监控表") for r in reasons), reasons
    assert not [b for b in at.button if b.label == "导入"]
