"""The 部门预算绩效文本 parser (spending/document.py): the source document reproduces the reviewed
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
