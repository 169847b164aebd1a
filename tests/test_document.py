"""The 部门预算绩效文本 parser (spending/document/): the source document reproduces the reviewed
CSVs in data/ exactly; a second department's text of the same template (tests/fixtures/); and a
small text for every messy form."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from spending import document

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE = DATA / "budget-performance-text-2021.txt"


@pytest.fixture(scope="module")
def source():
    doc = document.parse_file(SOURCE)
    document.settle_owners(doc)
    return doc


# --- the source document -----------------------------------------------------

@pytest.mark.parametrize("name, write", [("plan-2021.csv", document.plan_csv),
                                         ("sections-2021.csv", document.sections_csv),
                                         ("indicators-2021.csv", document.indicators_csv)])
def test_source_reproduces_the_reviewed_csv(source, name, write):
    assert write(source) == (DATA / name).read_text(encoding="utf-8")


def test_source_reads_without_problems(source):
    assert source.problems == []
    assert (source.year, source.department, source.department_code) == (2021, "承德高新技术产业开发区财政局", "106")
    assert [s.name for s in source.sections] == ["综合科", "预算国库科", "行政事业科", "农业农村科", "经济建设科",
                                                 "非税综合科", "集中支付中心"]


def test_source_owners_and_the_rule_that_settled_each(source):
    # SPEC: the amounts settle five projects; 20 万元 fits both 农业农村科 and 集中支付中心, and their
    # duties name the work (综合治税, 代理记账)
    assert {p.name: (p.section, p.rule) for p in source.projects} == {
        "国库电子化和一体化建设": ("预算国库科", "amounts"),
        "信息中心设备维护及网络租赁": ("综合科", "amounts"),
        "预决算编审": ("预算国库科", "amounts"),
        "业务委托费": ("经济建设科", "amounts"),
        "会计培训": ("非税综合科", "amounts"),
        "综合治税信息系统": ("农业农村科", "duties"),
        "代理记账中心运转费": ("集中支付中心", "duties"),
    }


def test_source_in_gbk_reads_the_same(source):
    data = SOURCE.read_text(encoding="utf-8").encode("gbk")
    doc = document.parse_bytes(data)
    document.settle_owners(doc)
    assert doc.encoding == "gbk" and doc.problems == []
    assert document.plan_csv(doc) == document.plan_csv(source)
    assert document.indicators_csv(doc) == document.indicators_csv(source)


# --- a second department of the same template (tests/fixtures/department-2022.txt) ------

SECOND = FIXTURES / "department-2022.txt"
SECOND_PROJECTS = {   # code: (name, 万元, checkpoints, section, rule, goals, indicators)
    "208-0101-XXH-0001": ("机关信息化运维", "15.5", {3: "25", 6: "50", 9: "75", 12: "100"}, "办公室", "amounts",
                          ["保障机关网络畅通", "保障业务系统稳定运行"], 3),
    "208-0201-NT-0002": ("高标准农田建设", "80", {3: "10", 6: "40", 10: "80", 12: "100"}, "种植业管理科", "amounts",
                         ["新建高标准农田2000亩", "提高粮食综合生产能力"], 4),
    "208-0201-NT-0003": ("农作物病虫害防治", "40", {3: "0", 6: "50.5", 10: "90", 12: "100"}, "种植业管理科", "duties",
                         ["重大病虫害统防统治覆盖率达到45%", "农作物病虫害损失率控制在5%以内"], 3),
    # once 病虫害防治 is 种植业管理科's (its duties say so), 40 万元 leaves 畜牧兽医科 this one
    "208-0301-XM-0004": ("动物疫病防控", "40", {6: "30", 12: "100"}, "畜牧兽医科", "amounts",
                         ["强制免疫病种应免尽免", "不发生区域性重大动物疫情"], 2),
    # 25 万元 fits 农村经营管理科 and 执法大队 alike, and neither's duties name the work
    "208-0401-JJ-0005": ("农村集体资产清查", "25", {3: "0", 6: "20", 10: "60", 12: "100"}, None, None,
                         ["完成全县村级集体资产清查", "建立集体资产台账"], 2),
    "208-0501-ZF-0006": ("农业综合执法装备", "25", {3: "0", 6: "0", 10: "100", 12: "100"}, None, None,
                         ["配齐执法装备"], 1),
}


@pytest.fixture(scope="module", params=["department-2022.txt", "department-2022-gbk.txt"])
def second(request):
    doc = document.parse_file(FIXTURES / request.param)
    document.settle_owners(doc)
    return doc


def test_second_text_projects(second):
    assert second.problems == []
    assert (second.year, second.department, second.department_code) == (2022, "示范县农业农村局", "208")
    got = {p.code: (p.name, p.amount_wan, p.checkpoints, p.section, p.rule, p.goals, len(p.indicators))
           for p in second.projects}
    assert got == {code: (name, Decimal(wan), {m: Decimal(v) for m, v in cps.items()}, section, rule, goals, n)
                   for code, (name, wan, cps, section, rule, goals, n) in SECOND_PROJECTS.items()}
    assert [p.code for p in second.unassigned] == ["208-0401-JJ-0005", "208-0501-ZF-0006"]


def test_second_text_sections(second):
    assert [(s.seq, s.name, s.amount_wan) for s in second.sections] == [
        (1, "办公室", Decimal("15.5")), (2, "种植业管理科", Decimal(120)), (3, "畜牧兽医科", Decimal(40)),
        (4, "农村经营管理科", Decimal(25)), (5, "法规科", None), (6, "执法大队", Decimal(25))]
    # duties wrapped over a page break (header repeated), with an ideographic space inside
    assert second.sections[1].duties == "负责粮食生产、农作物病虫害防治和耕地质量建设；负责种子管理和农药管理。"
    assert document.section_rows(second)[4] == [2022, 5, "法规科", "负责农业农村法治建设、行政复议和普法宣传。", ""]


def test_second_text_indicators(second):
    rows = document.indicator_rows(second)
    assert len(rows) == 15
    assert rows[0] == [2022, "208-0101-XXH-0001", 1, "产出指标", "数量指标", "运维设备数量", "运维的电脑和网络设备数量",
                       ">=", "120", "台", "设备清单"]                             # ≥ read as >=
    # the table split by a page break (header repeated), a basis wrapped over lines, a full-width value
    assert rows[5][5:] == ["亩均粮食产能提高", "建成区亩均粮食产能提高", ">=", "50", "公斤", "县农业农村局测产，依据历年测产数据"]
    assert rows[6][8] == "90.00"
    assert rows[8][7:9] == ["<=", "5.00"]
    assert rows[9][7:11] == ["文字描述", "", "满意", "问卷调查"]
    assert rows[12][:9] == [2022, "208-0401-JJ-0005", 1, "产出指标", "数量指标", "清查村数", "完成清查的行政村数量", ">=", "210"]


def test_second_text_settled_by_the_person():
    doc = document.parse_file(SECOND)
    document.settle_owners(doc, {"208-0501-ZF-0006": "执法大队"})
    owners = {p.code: (p.section, p.rule) for p in doc.projects}
    assert owners["208-0501-ZF-0006"] == ("执法大队", "given")
    assert owners["208-0401-JJ-0005"] == ("农村经营管理科", "amounts")   # the rest of the amounts now settles it
    assert doc.unassigned == []


# --- every messy form in a small text -----------------------------------------------------

BASE = """测试局
2023 年部门预算绩效文本

### 部门职责-工作活动绩效目标

301 测试局

职责活动\t年度预算数\t内容描述\t绩效目标
一、甲科\t20\t负责甲项目工作\t完成甲项目
二、乙科\t\t负责乙类事务\t完成乙类事务

## 一. 甲项目绩效目标

#### 2. 资金安排情况

2023 年此项工作活动中主要包含甲项目资金 20 万元。

项目编码\t301-01-A\t项目名称\t甲项目
项目绩效模板\t\t
资金用途\t用于甲项目。\t
资金支出计划（累计进度%）\t3月底\t6月底\t10月底\t12月底
\t10.00\t30.00\t70.00\t100.00
绩效目标\t目标 1\t完成甲项目
\t目标 2\t提高效率
一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t\t\t指标值确定依据
\t\t\t\t符号\t值\t单位（文字描述）\t
产出指标\t数量指标\t完成数量\t完成的数量\t>=\t10.00\t个\t工作计划
满意度指标\t服务对象满意度指标\t满意度\t服务对象满意程度\t>=\t90.00\t%\t问卷调查
"""
CHECKPOINTS = {3: Decimal(10), 6: Decimal(30), 10: Decimal(70), 12: Decimal(100)}


def parsed(text: str, encoding: str = "utf-8"):
    doc = document.parse_bytes(text.encode(encoding))
    document.settle_owners(doc)
    return doc


def edit(*pairs):
    text = BASE
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_base_text_reads():
    doc = parsed(BASE)
    assert doc.problems == []
    (p,) = doc.projects
    assert (p.code, p.name, p.amount_wan, p.checkpoints, p.section, p.rule) == (
        "301-01-A", "甲项目", Decimal(20), CHECKPOINTS, "甲科", "amounts")
    assert [s.name for s in doc.sections] == ["甲科", "乙科"]      # 乙科: a section without a project or amount


SCHEDULE_HEADER = "资金支出计划（累计进度%）\t3月底\t6月底\t10月底\t12月底"
SCHEDULE_ROW = "\t10.00\t30.00\t70.00\t100.00"

# name, edits of BASE, what the project reads (checkpoints, amount) — all without problems
CLEAN_FORMS = [
    ("3 月底 with a space", [(SCHEDULE_HEADER, "资金支出计划（累计进度%）\t3 月底\t6 月底\t10 月底\t12 月底")], CHECKPOINTS, 20),
    ("full-width months and punctuation", [(SCHEDULE_HEADER, "资金支出计划（累计进度％）\t３月底\t６月底\t１０月底\t１２月底")],
     CHECKPOINTS, 20),
    ("header and row in other columns", [(SCHEDULE_HEADER, "资金支出计划（累计进度%）\t3月底\t\t6月底\t10月底\t12月底\t\t"),
                                         (SCHEDULE_ROW, "\t10.00\t\t30.00\t\t70.00\t100.00\t")], CHECKPOINTS, 20),
    ("whole percentages and % signs", [(SCHEDULE_ROW, "\t10\t30%\t７０\t100.0")], CHECKPOINTS, 20),
    ("schedule laid out with spaces", [(SCHEDULE_HEADER, "资金支出计划（累计进度%）  3月底  6月底  10月底  12月底"),
                                       (SCHEDULE_ROW, "   10.00   30.00    70.00  100.00")], CHECKPOINTS, 20),
    ("tabs padded with spaces", [(SCHEDULE_ROW, "\t 10.00 \t  30.00\t70.00  \t 100.00 ")], CHECKPOINTS, 20),
    ("amount without a space", [("资金 20 万元", "资金20万元")], CHECKPOINTS, 20),
    ("amount with decimals", [("资金 20 万元", "资金 20.00 万元"), ("一、甲科\t20\t", "一、甲科\t20.00\t")], CHECKPOINTS, 20),
    ("amount with a fraction", [("资金 20 万元", "资金 20.5 万元"), ("一、甲科\t20\t", "一、甲科\t20.5\t")], CHECKPOINTS,
     Decimal("20.5")),
    ("full-width amounts", [("资金 20 万元", "资金２０．５万元"), ("一、甲科\t20\t", "一、甲科\t２０．５\t")], CHECKPOINTS,
     Decimal("20.5")),
    ("only two checkpoints", [(SCHEDULE_HEADER, "资金支出计划（累计进度%）\t6月底\t12月底"), (SCHEDULE_ROW, "\t40\t100")],
     {6: Decimal(40), 12: Decimal(100)}, 20),
]


@pytest.mark.parametrize("name, edits, checkpoints, amount", CLEAN_FORMS, ids=[c[0] for c in CLEAN_FORMS])
def test_messy_forms_read_alike(name, edits, checkpoints, amount):
    doc = parsed(edit(*edits))
    assert doc.problems == []
    (p,) = doc.projects
    assert (p.checkpoints, p.amount_wan, p.section) == (checkpoints, Decimal(amount), "甲科")


def test_keyed_rows_laid_out_with_spaces():
    doc = parsed(edit(("项目编码\t301-01-A\t项目名称\t甲项目", "项目编码  301－01－Ａ   项目名称  甲项目"),
                      ("资金用途\t用于甲项目。\t", "资金用途   用于甲项目。"),
                      ("\t目标 2\t提高效率", "    目标２    提高效率"),
                      ("产出指标\t数量指标\t完成数量\t完成的数量\t>=\t10.00\t个\t工作计划",
                       "产出指标  数量指标  完成数量  完成的数量  ＞＝  10.00  个  工作计划")))
    assert doc.problems == []
    (p,) = doc.projects
    assert (p.code, p.purpose, p.goals) == ("301-01-A", "用于甲项目。", ["完成甲项目", "提高效率"])
    assert (p.indicators[0].symbol, p.indicators[0].value, p.indicators[0].basis) == (">=", "10.00", "工作计划")


def test_cells_wrapped_over_lines():
    doc = parsed(edit(("资金用途\t用于甲项目。\t", "资金用途\t用于甲项目的\n\t设备购置。"),
                      ("\t>=\t90.00\t%\t问卷调查", "\t>=\t90.00\t%\t问卷调查，采取单位\n\n\t\t\t\t\t\t\t反馈方式"),
                      ("二、乙科\t\t负责乙类事务\t", "二、乙科\t\t负责乙类\n\t\t事务 管理\t")))
    assert doc.problems == []
    (p,) = doc.projects
    assert p.purpose == "用于甲项目的设备购置。"
    assert p.indicators[1].basis == "问卷调查，采取单位反馈方式"
    assert doc.sections[1].duties == "负责乙类事务管理"


def test_tables_split_across_page_breaks():
    header = "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t\t\t指标值确定依据\n\t\t\t\t符号\t值\t单位（文字描述）\t\n"
    doc = parsed(edit(("满意度指标\t服务对象", "\n\n" + header + "满意度指标\t服务对象"),
                      ("一、甲科\t20\t负责甲项目工作\t完成甲项目",
                       "一、甲科\t20\t负责甲项\t完成甲项目\n\n职责活动\t年度预算数\t内容描述\t绩效目标\n"
                       "\t\t\t\t优\t良\t中\t差\n\t\t目工作\t")))
    assert doc.problems == []
    assert [i.level_3 for i in doc.projects[0].indicators] == ["完成数量", "满意度"]
    assert doc.sections[0].duties == "负责甲项目工作"


def test_gbk_bytes():
    doc = parsed(BASE, "gbk")
    assert doc.encoding == "gbk" and doc.problems == []
    assert doc.projects[0].checkpoints == CHECKPOINTS


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


# name, edits, the line (a text on it) the problem names, the project's checkpoints after
PROBLEMS = [
    ("schedule row missing", [(SCHEDULE_ROW + "\n", "")], "资金支出计划", {}),
    ("schedule missing altogether", [(SCHEDULE_HEADER + "\n" + SCHEDULE_ROW + "\n", "")], "项目编码", {}),
    ("fewer percentages than months", [(SCHEDULE_ROW, "\t10.00\t30.00\t100.00")], "\t10.00\t30.00\t100.00", {}),
    ("a percentage that is not a number", [(SCHEDULE_ROW, "\t10.00\t三成\t70.00\t100.00")], "三成", {}),
    ("a month that is not N月底", [(SCHEDULE_HEADER, SCHEDULE_HEADER.replace("10月底", "年中"))], "年中", {}),
    ("percentages going down", [(SCHEDULE_ROW, "\t10.00\t30.00\t20.00\t100.00")], "\t20.00",
     {3: Decimal(10), 6: Decimal(30), 10: Decimal(20), 12: Decimal(100)}),
    ("no amount sentence", [("2023 年此项工作活动中主要包含甲项目资金 20 万元。", "")], "项目编码", CHECKPOINTS),
    ("two amounts in the sentence", [("资金 20 万元。", "资金 20 万元，其中追加 5 万元。")], "其中追加", CHECKPOINTS),
    ("an indicator row without 三级指标", [("产出指标\t数量指标\t完成数量\t", "产出指标\t数量指标\t\t")], "产出指标\t数量指标",
     CHECKPOINTS),
    ("an unknown row in the project table", [("项目绩效模板\t\t", "备注说明\t见附件\t")], "备注说明", CHECKPOINTS),
    ("an unknown row in the sections table", [("二、乙科\t\t", "乙科另行\t5\t")], "乙科另行", CHECKPOINTS),
    ("a section amount that is not a number", [("一、甲科\t20\t", "一、甲科\t二十\t")], "一、甲科", CHECKPOINTS),
]


@pytest.mark.parametrize("name, edits, on_line, checkpoints", PROBLEMS, ids=[c[0] for c in PROBLEMS])
def test_lines_that_cannot_be_read_are_reported(name, edits, on_line, checkpoints):
    text = edit(*edits)
    doc = parsed(text)
    assert [p.line for p in doc.problems] == [line_of(text, on_line)], [str(p) for p in doc.problems]
    assert " | line " in str(doc.problems[0])
    if doc.projects:
        assert doc.projects[0].checkpoints == checkpoints   # a missing schedule is not a zero


def test_ownership_not_guessed():
    # two sections of 20 万元 and two projects of 20 万元, duties naming neither: both unassigned
    text = edit(("二、乙科\t\t负责乙类事务", "二、乙科\t20\t负责乙类事务"))
    text += text[text.index("## 一. 甲项目"):].replace("301-01-A", "301-01-B").replace("甲项目\n", "丙项目\n")
    doc = parsed(text.replace("负责甲项目工作", "负责甲类事务"))
    assert doc.problems == []
    assert [(p.code, p.section) for p in doc.projects] == [("301-01-A", None), ("301-01-B", None)]
    # the amounts alone settle nothing, but a duty that names the work does, and then the amounts do the rest
    doc = parsed(text)
    assert [(p.code, p.section, p.rule) for p in doc.projects] == [("301-01-A", "甲科", "duties"),
                                                                   ("301-01-B", "乙科", "amounts")]


def test_a_text_without_its_title_takes_the_year_given():
    from spending import SpendingError, document_load

    doc = parsed(BASE.replace("2023 年部门预算绩效文本\n", ""))
    assert doc.problems == [] and doc.year is None
    assert document_load.target_year(doc, 2023) == 2023
    with pytest.raises(SpendingError, match="--year"):
        document_load.target_year(doc, None)
    with pytest.raises(SpendingError, match="2023"):
        document_load.target_year(parsed(BASE), 2022)
