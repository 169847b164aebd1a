"""Issue 35: a department's published budget from another province — the 财政项目支出绩效目标申报表
(spending/document/declaration.py) as pdftotext -layout writes the PDF (tests/fixtures/declaration/, made
by Chromium and poppler from the HTML there), as that HTML, as Markdown and as Word; titles and heads as
published; multi-year projects (the year's budget, the whole life's total and period); a stable code for a
project without 项目编码; rows outside any table one problem."""

from __future__ import annotations

import csv
import io
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest

import document_layouts as layouts
from spending import document, document_layout
from spending.document import declaration

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DECLARATION = FIXTURES / "declaration"
PDF_TEXT = DECLARATION / "putuo-2026-pdftotext.txt"
HTML = DECLARATION / "putuo-2026.html"
SOURCE = Path(__file__).resolve().parents[1] / "data" / "budget-performance-text-2021.txt"

OPERATING = "社区养老服务设施运营补贴"
PLATFORM = "智慧养老信息平台建设（二期）"
PROJECTS = {   # name: (year's 万元, whole life's 万元, start, end, 项目性质, 实施单位)
    OPERATING: ("160.00", "160.00", "2026-01-01", "2026-12-31", "经常性项目", "上海市普陀区示范养老服务指导中心"),
    PLATFORM: ("240.00", "600.00", "2025-07-01", "2027-06-30", "跨年度项目", "上海市普陀区示范民政局"),
}
INDICATORS = {   # name: [(一级, 二级, 三级, 指标解释, 符号, 值, 单位)]
    OPERATING: [
        ("产出指标", "数量指标", "获得运营补贴的社区养老服务设施数", "按年度考核合格的设施数计", ">=", "30", "个"),
        ("产出指标", "质量指标", "设施年度考核合格率", "考核合格设施数/参加考核设施数", ">=", "95", "%"),
        ("产出指标", "时效指标", "补贴资金拨付及时率", "按季度拨付", "", "100", "%"),
        ("效益指标", "社会效益指标", "全年服务老年人人次", "各设施服务台账汇总", ">=", "12", "万人次"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "第三方问卷调查", ">=", "90", "%"),
    ],
    PLATFORM: [
        ("产出指标", "数量指标", "上线子系统数", "能力评估、助餐服务、紧急呼叫", "=", "3", "个"),
        ("产出指标", "时效指标", "二期主体功能上线时间", "以验收报告日期为准", "<=", "2026年12月", ""),
        ("效益指标", "社会效益指标", "接入平台的社区养老服务设施比例", "接入设施数/全区设施数", ">=", "90", "%"),
        ("满意度指标", "服务对象满意度指标", "使用人员满意度", "问卷调查", ">=", "85", "%"),
    ],
}


def tab_text(html: str) -> str:
    """The HTML fixture as the tab-separated text tests/document_layouts.py makes other layouts from."""
    lines = []
    for _, line in document_layout.text_rows(html):
        if "\t" in line:
            lines.append(line.rstrip("\t") if line.count("\t") > 1 else line.rstrip("\t"))
        else:
            text = re.sub(r"<[^>]*>", "", line).strip()
            if text:
                lines.append(text)
    return "\n".join(lines) + "\n"


HTML_TEXT = HTML.read_text(encoding="utf-8")
LAYOUTS = {
    "pdftotext": lambda: document.parse_file(PDF_TEXT),
    "html": lambda: document.parse_text(HTML_TEXT),
    "tabs": lambda: document.parse_text(tab_text(HTML_TEXT)),
    "pipe": lambda: document.parse_text(layouts.pipe_tables(tab_text(HTML_TEXT))),
    "docx": lambda: document.parse_bytes(layouts.docx_bytes(tab_text(HTML_TEXT)), "putuo.docx"),
}


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def declared(request):
    return LAYOUTS[request.param]()


def test_every_layout_reads_the_two_declarations(declared):
    assert declared.problems == [], [str(p) for p in declared.problems]
    assert (declared.year, declared.department) == (2026, "上海市普陀区示范民政局")
    got = {p.name: (str(p.amount_wan), str(p.total_wan), p.start, p.end, p.nature, p.implementer)
           for p in declared.projects}
    assert got == PROJECTS
    for p in declared.projects:
        assert p.layout == "declaration" and p.made_code and p.code == declaration.made_code(p.name)
        assert p.checkpoints == {}                                  # no 资金支出计划: a plan is to come
        assert [(i.level_1, i.level_2, i.level_3, i.description, i.symbol, i.value, i.unit)
                for i in p.indicators] == INDICATORS[p.name]
        assert len(p.goals) == 1 and p.goals[0].endswith("。")
    assert "2026年度预算安排240万元" in declared.projects[1].goals[0]


GOAL_AT_TOP = """年度总体目 对全区已建成的社区综合为老服务中心、长者照护之家和老年人日间照料中心
      按服务量给予运营补贴，保障设施正常运营，全年服务老年人不少于12万人
标     次，服务对象满意度不低于90%。"""


@pytest.mark.parametrize("old, new", [
    # the label centred in its cell: the goal's first line above it
    (GOAL_AT_TOP, "      对全区已建成的社区综合为老服务中心、长者照护之家和老年人日间照料中心\n"
                  "年度总体目标 按服务量给予运营补贴，保障设施正常运营，全年服务老年人不少于12万人\n"
                  "      次，服务对象满意度不低于90%。"),
    ("项目名称 社区养老服务设施运营补贴\n", "项目名称 社区养老服务设施运营\n         补贴\n"),    # the name wrapped
])
def test_pdf_text_wrapped_otherwise_reads_the_same(old, new):
    text = PDF_TEXT.read_text(encoding="utf-8")
    assert old in text
    doc, same = document.parse_text(text.replace(old, new)), document.parse_text(text)
    assert doc.problems == []
    assert [(p.name, p.goals, p.amount_wan) for p in doc.projects] == [(p.name, p.goals, p.amount_wan) for p in same.projects]


def test_an_indicator_table_with_no_row_under_its_head_is_problems_not_a_crash():
    """Found when tried (task I): a 申报表 whose first project's indicator table has its head and no row under it
    (two bare 项目编码 rows where a wrapped cell was, a goal line replaced by digits) raised IndexError in
    _by_position; it reads with the 项目编码 rows named, and the other project whole."""
    lines = PDF_TEXT.read_text(encoding="utf-8").split("\n")
    assert lines[22].strip() == "获得运营补" and lines[47].startswith("年度总体目")
    lines[47] = "9999999999"
    del lines[59]
    lines[22:23] = ["项目编码\t\t", "项目编码\t\t"]
    doc = document.parse_text("\n".join(lines))
    assert [p.line for p in doc.problems] == [24, 25]
    assert "项目编码行缺少编码或名称" in str(doc.problems[0])
    assert [(p.name, len(p.indicators)) for p in doc.projects] == [("社区养老服务设施运营补贴", 0),
                                                                   ("智慧养老信息平台建设（二期）", 3)]   # one indicator line gone


def test_the_made_code_is_stable_and_the_names_own():
    assert re.fullmatch(r"XM-[0-9A-F]{8}", declaration.made_code(OPERATING))
    assert declaration.made_code(OPERATING) == declaration.made_code(f" {OPERATING} ")   # as key() reads it
    assert declaration.made_code(OPERATING) != declaration.made_code(PLATFORM)
    assert [p.code for p in document.parse_file(PDF_TEXT).projects] == \
        [p.code for p in document.parse_text(HTML_TEXT).projects]


def test_the_year_s_budget_is_never_the_whole_life_s():
    """Without 年度资金申请总额, the goal's 「2026年度预算安排 X 万元」; with neither, a problem (the
    项目资金总额 is never taken)."""
    text = PDF_TEXT.read_text(encoding="utf-8")
    no_annual = text.replace("年度资金申请总额 240.00", "")
    doc = document.parse_text(no_annual)
    platform = next(p for p in doc.projects if p.name == PLATFORM)
    assert (platform.amount_wan, platform.total_wan) == (Decimal("240"), Decimal("600.00")) and doc.problems == []
    neither = no_annual.replace("2026年度预算安", "本年度安")
    doc = document.parse_text(neither)
    platform = next(p for p in doc.projects if p.name == PLATFORM)
    assert platform.amount_wan is None and platform.total_wan == Decimal("600.00")
    assert [p.zh for p in doc.problems] == [f"项目「{PLATFORM}」没有年度资金申请总额（或「2026年度预算安排 X 万元」）"]


def test_a_multi_year_project_in_the_source_s_layout_takes_the_year_s_amount():
    text = SOURCE.read_text(encoding="utf-8")
    sentence = "2021 年此项工作活动中主要包含电子化和一体化系统建设资金 30 万元。"
    assert sentence in text
    doc = document.parse_text(text.replace(sentence, "2021 年此项工作活动为跨年度项目，项目总投资 90 万元，"
                                                     "2021 年度预算安排 30 万元。", 1))
    assert doc.problems == []
    assert document.plan_csv(doc) == document.plan_csv(document.parse_file(SOURCE))


@pytest.mark.parametrize("head, year, department", [
    ("上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区示范民政局", 2026, "上海市普陀区示范民政局"),
    ("上海市示范区2026年部门预算\n部门名称：上海市示范区教育局", 2026, "上海市示范区教育局"),
    ("部门预算公开\n预算年度：2026\n单位名称：示范县卫生健康局", 2026, "示范县卫生健康局"),
    ("部门预算公开\n（2026年度）", 2026, "上海市普陀区示范民政局"),           # the 申报表's 主管部门
])
def test_titles_and_heads_as_published(head, year, department):
    lines = PDF_TEXT.read_text(encoding="utf-8").splitlines()
    body = lines[2:]
    if "（2026年度）" in head:                                   # no year anywhere but the tables' heads
        body = [line for line in body if "（2026年度）" not in line]
    doc = document.parse_text(head + "\n" + "\n".join(body) + "\n")
    assert (doc.year, doc.department) == (year, department) and doc.problems == []
    assert len(doc.projects) == 2


# task D (issue 34 landed units): the document's department is its projects' 预算单位, as a plan file's unit is
@pytest.mark.parametrize("head, unit", [
    ("上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区示范民政局", (None, "上海市普陀区示范民政局")),
    ("上海市示范区2026年部门预算\n部门名称：上海市示范区教育局", (None, "上海市示范区教育局")),
    ("部门预算公开\n预算年度：2026\n单位名称：示范县卫生健康局", (None, "示范县卫生健康局")),
    ("部门预算公开\n（2026年度）", (None, "上海市普陀区示范民政局")),           # the 申报表's 主管部门
])
def test_the_department_is_the_projects_unit(tmp_path, head, unit):
    from conftest import cli_in_process, stored

    body = PDF_TEXT.read_text(encoding="utf-8").splitlines()[2:]
    if "（2026年度）" in head:
        body = [line for line in body if "（2026年度）" not in line]
    text = tmp_path / "budget.txt"
    text.write_text(head + "\n" + "\n".join(body) + "\n", encoding="utf-8")
    path = empty_db(tmp_path)
    result = cli_in_process("import-document", str(text), db_path=path)
    assert result.returncode == 0, result.stderr
    assert stored(path, "select distinct unit_code, unit_name from projects") == [unit]
    units = cli_in_process("units", "--as-of", "2026-06", "--format", "csv", db_path=path)
    assert [(r["unit_name"], r["projects"], r["no_plan"]) for r in csv.DictReader(io.StringIO(units.stdout))] == [
        (unit[1], "2", "2")]


def test_the_central_template_s_department_code_is_the_unit_code(tmp_path):
    from conftest import cli_in_process, stored

    path = empty_db(tmp_path)
    result = cli_in_process("import-document", str(PROVINCE), db_path=path)
    assert result.returncode == 0, result.stderr
    assert stored(path, "select distinct unit_code, unit_name from projects") == [("104", "示范省教育厅")]


def test_the_title_s_region_gives_way_to_the_labelled_department():
    doc = document.parse_text("上海市普陀区2026年区级部门预算\n\n预算主管部门：上海市普陀区示范民政局\n")
    assert (doc.year, doc.department) == (2026, "上海市普陀区示范民政局")


def test_rows_outside_any_table_are_one_problem_naming_them():
    rows = "\n".join(f"第{i}项\t{i}\t说明" for i in range(1, 26))
    doc = document.parse_text(f"2026年部门预算\n说明文字\n{rows}\n")
    assert len(doc.problems) == 1
    problem = doc.problems[0]
    assert problem.line == 3 and problem.zh.startswith("25 个表格行不属于任何可识别的表格")
    assert "第 3 行、第 4 行" in problem.zh and "等（共 25 行）" in problem.zh and "第 23 行" not in problem.zh


def test_rows_outside_any_table_in_word_are_named_by_their_place():
    text = "2026年部门预算\n说明文字\n" + "\n".join(f"第{i}项\t{i}\t说明" for i in range(1, 4)) + "\n"
    doc = document.parse_bytes(layouts.docx_bytes(text), "x.docx")
    assert [p.zh for p in doc.problems] == ["3 个表格行不属于任何可识别的表格，未读取：表 1 第 1 行、表 1 第 2 行、表 1 第 3 行"]


def test_a_long_declaration_laid_out_by_position_reads_in_linear_time():
    """Thousands of indicator lines (each with an 指标值) in one 申报表: the grouping is linear, and the
    text beyond MAX_INDICATORS is refused in one line."""
    text = PDF_TEXT.read_text(encoding="utf-8").split("满意度指标 服务对象满意度指标 服务对象满")[0]
    row = "      数量指标      贴的社区养 ≥30个      按年度考核合格的设\n"

    def timed(n: int) -> float:
        start = time.process_time()
        with pytest.raises(document.Refused) as refused:
            document.parse_text(text + row * n)
        assert "超过 200 个绩效指标" in str(refused.value)
        return time.process_time() - start

    small, large = timed(2_000), timed(16_000)
    assert large < 20 * max(small, 0.01)


# --- real published 申报表s (task D): tests/fixtures/declaration/real-*.txt, each naming its source ---------------

REAL = {   # fixture: (year, department, {project: (year's 万元, whole life's 万元, start, end, 项目性质, 实施单位, indicators)})
    # 上海市 普陀区: the PDF's text one cell per line, amounts in 元 (项目资金（元）), labels and names wrapped
    "real-shanghai-putuo-cgjf-2026.txt": (2026, "上海市普陀区城市管理行政执法局", {
        "拆违经费": ("349.80", "1030.80", "2024-01-01", "2026-12-31", "阶段性项目",
                   "上海市普陀区城市管理行政执法局执法大队", 8)}),
    # a multi-year project: the year's 22,614.51 万元 (the text's 「2026年度预算安排22,614.51万元」), never the 77,132.58
    "real-shanghai-putuo-jgw-2026.txt": (2026, "上海市普陀区建设和管理委员会", {
        "兰溪路-真南路下立交工程": ("22614.51", "77132.58", "2026-01-01", "2027-12-31", "阶段性项目",
                           "上海市普陀区市政工程建设中心", 9)}),
    # 四川省 井研县: one row per indicator, the project's cells merged over its rows (a Markdown table), in 元
    "real-sichuan-jingyan-matazhen-2023.md": (2023, "井研县马踏镇人民政府", {
        "村组干部报酬": ("330.98", None, "", "", "", "", 8)}),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_published_declarations(name):
    year, department, projects = REAL[name]
    doc = document.parse_file(DECLARATION / name)
    assert doc.problems == [], [str(p) for p in doc.problems]
    assert (doc.year, doc.department) == (year, department)
    got = {p.name: (f"{p.amount_wan:.2f}", None if p.total_wan is None else f"{p.total_wan:.2f}", p.start, p.end,
                    p.nature, p.implementer, len(p.indicators)) for p in doc.projects}
    assert got == projects
    for p in doc.projects:
        assert p.made_code and p.checkpoints == {} and len(p.goals) == 1
        assert all(i.level_1 in ("产出指标", "效益指标", "满意度指标", "成本指标") and i.level_2 and i.level_3 and i.value
                   for i in p.indicators)


def test_a_real_declaration_one_cell_per_line_reads_each_indicator():
    """The 拆违经费 申报表 as published: the merged 绩效指标 column's label left out, a 二级指标 wrapped over two
    lines (服务对象满意度 / 指标) joined, 「=100.00(%)」 as =, 100.00, %; the year's goal, not the whole life's."""
    doc = document.parse_file(DECLARATION / "real-shanghai-putuo-cgjf-2026.txt")
    p = doc.projects[0]
    assert [(i.level_1, i.level_2, i.level_3, i.symbol, i.value, i.unit) for i in p.indicators] == [
        ("成本指标", "经济成本指标", "成本控制合理性", "", "合理", ""),
        ("产出指标", "数量指标", "完成年度拆违计划", "=", "100.00", "%"),
        ("产出指标", "质量指标", "违法建筑销项正确率", "=", "100.00", "%"),
        ("产出指标", "时效指标", "新增违建处置率", "=", "100.00", "%"),
        ("效益指标", "社会效益指标", "群众政策知晓度", ">=", "90.00", "%"),
        ("效益指标", "生态效益指标", "提升城市环境美化指数", "", "提高", ""),
        ("效益指标", "可持续影响指标", "新增违建发生数", "", "降低", ""),
        ("满意度指标", "服务对象满意度指标", "群众满意度", ">=", "90.00", "%")]
    assert p.goals == ["1.完成市、区相关部门下达的年度拆违任务。2.新增违建“零增长”，坚决做到“无增减存”。"
                       "3.开展存量违建专项治理，快速降低违建点位数。4.开展普查数据平台“拆一件、销一项、存一档”目标管理。"]
    jgw = document.parse_file(DECLARATION / "real-shanghai-putuo-jgw-2026.txt").projects[0]
    assert [(i.level_1, i.level_2) for i in jgw.indicators][0] == ("成本指标", "生态环境成本指标")   # 生态环境 / 成本指标
    assert [(i.level_1, i.level_2, i.level_3) for i in jgw.indicators][-1] == (
        "满意度指标", "服务对象满意度指标", "居民群众满意度")                                   # 服务对象 / 满意度指 / 标
    assert (jgw.indicators[1].value, jgw.indicators[1].unit) == ("985", "米")


def test_a_table_of_one_row_per_indicator_places_merged_rows_by_their_first_indicator_cell(tmp_path):
    """四川's layout: a row without the merged 单位名称 (the page's second project: 项目名称, 预算数, 年度目标 and its first
    indicator), then rows of indicator cells alone; each row's cells placed from its 一级指标 cell on; the unit's
    代码-名称 its code and name, imported as the projects' 预算单位."""
    from conftest import cli_in_process, stored

    real = (DECLARATION / "real-sichuan-jingyan-matazhen-2023.md").read_text(encoding="utf-8")
    second = ("| 基层组织活动经费 | 660,000.00 | 包括必要的办公用品费。 | 满意度指标 | 服务对象满意度指标 | 辖区内群众满意度 "
              "| ≥ | 95 | % | 10 | 正向指标 | ||\n"
              "| 产出指标 | 数量指标 | 行政村数量 | = | 11 | 个 | 10 | 正向指标 | |||||\n")
    doc = document.parse_text(real + second)
    assert doc.problems == [], [str(p) for p in doc.problems]
    assert [(p.name, p.amount_wan, p.goals, len(p.indicators)) for p in doc.projects][1] == (
        "基层组织活动经费", Decimal("66"), ["包括必要的办公用品费。"], 2)
    assert [(i.level_1, i.level_2, i.level_3, i.symbol, i.value, i.unit) for i in doc.projects[1].indicators] == [
        ("满意度指标", "服务对象满意度指标", "辖区内群众满意度", ">=", "95", "%"),
        ("产出指标", "数量指标", "行政村数量", "=", "11", "个")]
    text = tmp_path / "matazhen.md"
    text.write_text(real + second, encoding="utf-8")
    path = empty_db(tmp_path)
    result = cli_in_process("import-document", str(text), db_path=path)
    assert result.returncode == 0, result.stderr
    assert sorted(stored(path, "select project_name, budget_yuan, unit_code, unit_name from projects")) == [
        ("基层组织活动经费", Decimal("660000.00"), "820001", "井研县马踏镇人民政府"),
        ("村组干部报酬", Decimal("3309840.00"), "820001", "井研县马踏镇人民政府")]


def test_a_real_declaration_in_yuan_through_the_command_line(tmp_path):
    """Imported: the year's budget in 元 as the 申报表 gives it, the whole life's total kept, the department the unit."""
    from conftest import cli_in_process, stored

    path = empty_db(tmp_path)
    result = cli_in_process("import-document", str(DECLARATION / "real-shanghai-putuo-jgw-2026.txt"), db_path=path)
    assert result.returncode == 0, result.stderr
    assert "兰溪路-真南路下立交工程：22614.51 万元（项目资金总额 77132.58 万元，2026-01-01 至 2027-12-31）" in result.stdout
    assert stored(path, "select budget_yuan, unit_name from projects") == [
        (Decimal("226145100.00"), "上海市普陀区建设和管理委员会")]
    assert stored(path, "select total_yuan from project_terms") == [(Decimal("771325800.00"),)]
    assert stored(path, "select count(*) from indicators") == [(9,)]


# --- hostile 申报表 texts: every loop linear, every wrapped cell bounded -------------------------------

def test_a_table_of_one_row_per_indicator_with_endless_rows_is_refused_in_linear_time():
    """四川's layout: indicator rows beyond MAX_INDICATORS (of one project) refused in one line, in linear time."""
    head = ("部门预算项目绩效目标申报表(2023年度)\n单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t"
            "指标性质\t指标值\t度量单位\n820001-某单位\t某项目\t100\t目标\t产出指标\t数量指标\t件数\t≥\t1\t件\n")

    def timed(n: int) -> float:
        start = time.process_time()
        with pytest.raises(document.Refused) as refused:
            document.parse_text(head + "产出指标\t数量指标\t件数\t≥\t1\t件\n" * n)
        assert f"超过 {document.MAX_INDICATORS:,} 个绩效指标" in str(refused.value)
        return time.process_time() - start

    small, large = timed(2_000), timed(16_000)
    assert large < 20 * max(small, 0.01)


def test_a_declaration_one_cell_per_line_with_endless_indicators_is_refused_in_linear_time():
    """One cell per line: indicator cells beyond what MAX_INDICATORS rows hold are refused in one line, in linear time."""
    head = "财政项目支出绩效目标申报表\n（2026年度）\n项目名称\n测试项目\n年度资金申请总额\n10\n一级指标\n产出指标\n数量指标\n"

    def timed(n: int) -> float:
        start = time.process_time()
        with pytest.raises(document.Refused) as refused:
            document.parse_text(head + "指标\n≥1\n" * n)
        assert f"超过 {document.MAX_INDICATORS:,} 个绩效指标" in str(refused.value)
        return time.process_time() - start

    small, large = timed(2_000), timed(16_000)
    assert large < 20 * max(small, 0.01)


HEAD = "财政项目支出绩效目标申报表\n（2026年度）\n项目名称 测试项目\n"


def test_lines_of_wrapped_label_starts_read_in_linear_time():
    """Lines of 1,600 label starts each (every one awaits its rest): 8 times the lines, not 64 times the time."""
    line = " ".join(["计划开始日"] * 1_600) + "\n"

    def timed(n: int) -> float:
        start = time.process_time()
        doc = document.parse_text(HEAD + line * n + "年度资金申请总额 10\n")
        assert [p.amount_wan for p in doc.projects] == [Decimal("10")]
        return time.process_time() - start

    small, large = timed(12), timed(96)
    assert large < 20 * max(small, 0.01)


@pytest.mark.parametrize("body", [
    "其他资金 0\n" + "很长的目标文字\n" * 100_000,                               # the goal's text above its label
    "年度总体目标 开始\n" + "继续写目标\n" * 100_000,                            # the goal wrapped over lines
    "一级指标 二级指标 三级指标 指标值\n" + "          长长的三级指标\n" * 100_000,   # a cell wrapped
    "主管部门 某某局       实施单位     某某中心\n" + "                      续写单位名称\n" * 100_000,
    "主管部门\n" + "续写部门名称\n" * 100_000,                                 # one cell per line: a name wrapped
])
def test_a_wrapped_cell_beyond_the_limit_is_refused_at_once(body):
    from test_document_hostile import BOUND

    start = time.process_time()          # CPU time: the work done, not the machine's load
    with pytest.raises(document.Refused) as refused:
        document.parse_text(HEAD + body + "\n")
    assert time.process_time() - start < BOUND
    assert f"超过 {document.MAX_CELL_CHARS:,} 个字符" in str(refused.value)


def test_a_hostile_declaration_through_the_command_line_is_one_line_and_writes_nothing(tmp_path):
    from conftest import cli, fresh_db
    from test_take_back import fingerprint

    path = fresh_db(tmp_path / "hostile.duckdb")
    before = fingerprint(path)
    text = tmp_path / "hostile.txt"
    text.write_text(HEAD + "年度总体目标 开始\n" + "继续写目标\n" * 100_000, encoding="utf-8")
    result = cli("import-document", str(text), db_path=path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "续行拼接后的单元格超过" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert fingerprint(path) == before


# --- the central template's 项目支出绩效目标表, as a PDF-to-Markdown converter writes it ---------------

PROVINCE = DECLARATION / "province-2026.md"


def test_the_central_template_as_markdown():
    doc = document.parse_file(PROVINCE)
    assert doc.problems == [], [str(p) for p in doc.problems]
    assert (doc.year, doc.department) == (2026, "示范省教育厅")
    got = {p.name: (p.amount_wan, p.total_wan, p.implementer, len(p.goals), len(p.indicators)) for p in doc.projects}
    assert got == {"普通高中学业水平考试组织经费": (Decimal("350.00"), None, "示范省教育考试院", 1, 5),
                   "教育信息化三年行动（2025-2027年）": (Decimal("800.00"), Decimal("2400"), "示范省电化教育馆", 1, 3)}
    exam = doc.projects[0]
    assert [(i.level_1, i.level_2, i.level_3, i.symbol, i.value, i.unit) for i in exam.indicators] == [
        ("产出指标", "数量指标", "组织考试次数", "=", "2", "次"),
        ("产出指标", "质量指标", "考试安全事故发生数", "=", "0", "起"),
        ("产出指标", "时效指标", "成绩发布时间", "<=", "考后30日", ""),
        ("效益指标", "社会效益指标", "考生及家长对考试组织的投诉率", "<=", "1", "%"),
        ("满意度指标", "服务对象满意度指标", "考点学校满意度", ">=", "90", "%")]
    assert exam.goals == ["完成2026年春季、秋季两次普通高中学业水平考试的命题、印制、考务组织和阅卷工作，确保考试安全平稳。"]


def test_the_central_template_as_pdftotext_writes_it():
    """A long CJK cell pushes the next one left of its header; a label column (绩效指标) merged down the
    indicator rows; labels wrapped (主管部门 / 及代码, 年度资金总 / 额：, 其中：财政 / 拨款)."""
    doc = document.parse_file(DECLARATION / "province-2026-pdftotext.txt")
    assert doc.problems == [], [str(p) for p in doc.problems]
    assert (doc.year, doc.department) == (2026, "示范省教育厅")
    [p] = doc.projects
    assert (p.name, p.amount_wan, p.total_wan, p.implementer) == (
        "教育信息化三年行动（2025-2027年）", Decimal("800.00"), Decimal("2400"), "示范省电化教育馆")
    assert p.goals == ["项目总投资2400万元，分三年实施，2026年度预算安排800万元，完成全省中小学智慧教室改造600间，"
                       "培训骨干教师3000人次。"]
    assert [(i.level_1, i.level_2, i.level_3, i.symbol, i.value, i.unit) for i in p.indicators] == [
        ("产出指标", "数量指标", "改造智慧教室数", ">=", "600", "间"),
        ("产出指标", "数量指标", "培训骨干教师人次", ">=", "3000", "人次"),
        ("产出指标", "成本指标", "每间教室改造成本", "<=", "1.3", "万元"),
        ("效益指标", "可持续影响指标", "改造后智慧教室的日常教学使用率", ">=", "85", "%"),
        ("满意度指标", "服务对象满意度指标", "参训教师满意度", ">=", "90", "%")]


def test_labels_and_values_in_one_cell_and_the_year_in_the_title():
    """The older county form: 项目名称：…, 资金总额：… 万元 in one cell, the year in the title's brackets, 年度目标."""
    doc = document.parse_text("财政支出项目绩效目标申报表（2021年度）\n"
                              "项目名称：镇域道路改造\t项目属性：延续项目\n"
                              "主管部门：示范镇\t项目实施单位：示范镇人民政府\n"
                              "资金总额：1060.75万元\t年度资金总额：692.36万元\n"
                              "年度目标\t完成镇域道路改造\n"
                              "一级指标\t二级指标\t三级指标\t指标值\n"
                              "产出指标\t数量指标\t改造道路长度\t≥12公里\n")
    assert doc.problems == [] and (doc.year, doc.department) == (2021, "示范镇")
    [p] = doc.projects
    assert (p.name, p.nature, p.implementer, p.amount_wan, p.total_wan, p.goals) == (
        "镇域道路改造", "延续项目", "示范镇人民政府", Decimal("692.36"), Decimal("1060.75"), ["完成镇域道路改造"])
    assert [(i.level_3, i.symbol, i.value, i.unit) for i in p.indicators] == [("改造道路长度", ">=", "12", "公里")]


def test_a_goal_continued_on_rows_of_its_own_is_kept():
    """A converter that splits the goal's cell over rows: nothing of it dropped."""
    text = PROVINCE.read_text(encoding="utf-8").replace(
        "|年度绩效目标|完成2026年春季、秋季两次普通高中学业水平考试的命题、印制、<br>考务组织和阅卷工作，确保考试安全平稳。||||",
        "|年度绩效目标|完成2026年春季、秋季两次普通高中学业水平考试的命题、印制、||||\n||考务组织和阅卷工作，确保考试安全平稳。||||")
    doc = document.parse_text(text)
    assert doc.problems == []
    assert doc.projects[0].goals == ["完成2026年春季、秋季两次普通高中学业水平考试的命题、印制、考务组织和阅卷工作，确保考试安全平稳。"]


def test_a_heading_naming_the_table_is_no_table():
    doc = document.parse_text("## 第四部分 项目支出绩效目标表\n\n" + PDF_TEXT.read_text(encoding="utf-8"))
    assert doc.problems == [] and len(doc.projects) == 2


# --- loaded: no_plan projects with their budget, indicators and terms (needs issue 33's no_plan) -------------

OPERATING_CODE = declaration.made_code(OPERATING)
REAL_CODE = "310107-26-0012"


def empty_db(tmp_path: Path, name: str = "empty.duckdb") -> Path:
    from spending.db import opening

    path = tmp_path / name
    opening.connect(path, create=True).close()
    return path


def test_the_declaration_through_the_command_line_loads_projects_without_a_plan(tmp_path):
    from conftest import cli, stored
    from test_take_back import fingerprint

    path = empty_db(tmp_path)
    result = cli("import-document", str(PDF_TEXT), "--code", f"{PLATFORM}={REAL_CODE}", db_path=path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"{OPERATING_CODE} {OPERATING}：160 万元（项目资金总额 160 万元，2026-01-01 至 2026-12-31）" in out
    assert f"{REAL_CODE} {PLATFORM}：240 万元（项目资金总额 600 万元，2025-07-01 至 2027-06-30）" in out
    assert "1 个项目使用由项目名称生成的编码（文本中没有项目编码" in out and "--code 名称=编码" in out
    assert "2 个项目没有资金支出计划" in out and "用款计划或计划文件" in out
    assert sorted(stored(path, "select project_code, project_name, budget_yuan from projects")) == sorted([
        (OPERATING_CODE, OPERATING, Decimal("1600000.00")), (REAL_CODE, PLATFORM, Decimal("2400000.00"))])
    assert stored(path, "select count(*) from plan_checkpoints") == [(0,)]
    assert sorted(stored(path, "select project_code, count(*) from indicators group by all")) == sorted([
        (OPERATING_CODE, 5), (REAL_CODE, 4)])
    assert sorted(stored(path, "select project_code, total_yuan, period_start::varchar, period_end::varchar, nature, "
                               "code_made from project_terms")) == sorted([
        (OPERATING_CODE, Decimal("1600000.00"), "2026-01-01", "2026-12-31", "经常性项目", True),
        (REAL_CODE, Decimal("6000000.00"), "2025-07-01", "2027-06-30", "跨年度项目", False)])
    status = cli("status", "--as-of", "2026-06", "--format", "csv", db_path=path)
    assert status.returncode == 0, status.stderr
    rows = list(csv.DictReader(io.StringIO(status.stdout)))
    assert sorted((r["project_code"], r["budget_wan"], r["plan_pct"], r["status"]) for r in rows) == sorted([
        (OPERATING_CODE, "160.00", "", "no_plan"), (REAL_CODE, "240.00", "", "no_plan")])
    # the same text again changes nothing
    before = fingerprint(path)
    again = cli("import-document", str(PDF_TEXT), "--code", f"{PLATFORM}={REAL_CODE}", db_path=path)
    assert again.returncode == 0 and "均已存在，未作改动" in again.stdout
    assert fingerprint(path) == before


def test_a_later_payment_file_finds_the_made_code_by_the_name(tmp_path):
    from conftest import cli_in_process, stored

    path = empty_db(tmp_path)
    assert cli_in_process("import-document", str(PDF_TEXT), db_path=path).returncode == 0
    payments = tmp_path / "payments.csv"
    payments.write_text(f"凭证号,项目名称,支付日期,金额(元)\nP-1,{OPERATING},2026-03-10,40000.00\n", encoding="utf-8")
    result = cli_in_process("import-disbursements", str(payments), db_path=path)
    assert result.returncode == 0, result.stderr + result.stdout
    assert f"{OPERATING} → {OPERATING_CODE}" in result.stdout
    assert stored(path, "select project_code, amount_yuan from disbursements") == [(OPERATING_CODE, Decimal("40000.00"))]


@pytest.mark.parametrize("given, said", [
    ("没有这个项目=X-1", "文本中没有名为「没有这个项目」的项目"),
    (f"{OPERATING}=编码 有空格", "编码只能由字母、数字和 - _ . 组成"),
])
def test_a_code_given_for_no_project_or_unfit_is_refused(tmp_path, given, said):
    from conftest import cli_in_process, stored

    path = empty_db(tmp_path)
    result = cli_in_process("import-document", str(PDF_TEXT), "--code", given, db_path=path)
    assert result.returncode == 1 and said in result.stderr
    assert stored(path, "select count(*) from projects") == [(0,)]


def test_the_page_shows_what_the_command_line_shows_and_the_project_page_the_terms(tmp_path, monkeypatch):
    from conftest import open_page
    from spending import ui

    path = empty_db(tmp_path, "page.duckdb")
    monkeypatch.setattr(ui.access, "_client_context", lambda: None)
    at = open_page(path, monkeypatch, year="2026", month="6")
    at.file_uploader[1].upload("putuo-2026.txt", PDF_TEXT.read_bytes())
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    infos = " ".join(i.value for i in at.info)
    assert "2 个项目使用由项目名称生成的编码" in infos and "2 个项目没有资金支出计划" in infos and "用款计划或计划文件" in infos
    preview = at.dataframe[-1].value
    assert list(preview["项目资金总额(万元)"]) == [160.0, 600.0]
    assert list(preview["实施期"]) == ["2026-01-01 – 2026-12-31", "2025-07-01 – 2027-06-30"]
    assert list(preview["项目编码"]) == [OPERATING_CODE, declaration.made_code(PLATFORM)]
    field = next(t for t in at.text_input if PLATFORM in t.label)
    assert declaration.made_code(PLATFORM) in field.label
    field.input(REAL_CODE)
    at.run()
    assert list(at.dataframe[-1].value["项目编码"]) == [OPERATING_CODE, REAL_CODE]
    next(b for b in at.button if b.label == "确认导入该文本").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    with ui._connection(str(path)) as con:         # the page's own connection (another would be refused)
        assert sorted(con.execute("select project_code from projects").fetchall()) == sorted([(OPERATING_CODE,),
                                                                                              (REAL_CODE,)])
    ui.clear_caches()
    project = open_page(path, monkeypatch, page="pages/project.py", year="2026", month="6", code=REAL_CODE)
    captions = " ".join(c.value for c in project.caption)
    assert "项目资金总额（全周期）600.00 万元" in captions and "实施期 2025-07-01 至 2027-06-30" in captions
    assert "跨年度项目" in captions and "项目编码由项目名称生成" not in captions
    made = open_page(path, monkeypatch, page="pages/project.py", year="2026", month="6", code=OPERATING_CODE)
    assert "项目编码由项目名称生成" in " ".join(c.value for c in made.caption)


def test_a_later_declaration_finds_the_stored_code_by_name(tmp_path):
    """The 申报表 again without --code: its project takes the code stored for its name (no second project)."""
    from conftest import cli_in_process, stored
    from test_take_back import fingerprint

    path = empty_db(tmp_path)
    first = cli_in_process("import-document", str(PDF_TEXT), "--code", f"{PLATFORM}={REAL_CODE}", db_path=path)
    assert first.returncode == 0, first.stderr
    before = fingerprint(path)
    again = cli_in_process("import-document", str(PDF_TEXT), db_path=path)
    assert again.returncode == 0, again.stderr
    assert f"「{PLATFORM}」已导入，按名称沿用其编码 {REAL_CODE}" in again.stdout and "均已存在，未作改动" in again.stdout
    assert fingerprint(path) == before
    assert len(stored(path, "select * from projects")) == 2


# task D (issue 35): the real code set on a project already imported under its made code
LATER_CODE = "310107-26-0099"


def _stored_elsewhere(path: Path, code: str) -> list:
    """Every table of document_load.RECODED_TABLES that still holds a row of the code."""
    from conftest import stored
    from spending import document_load

    return [t for t in document_load.RECODED_TABLES
            if stored(path, f"select count(*) from {t} where project_code = '{code}'") != [(0,)]]


def test_a_real_code_set_later_moves_the_stored_project_with_everything_it_holds(tmp_path):
    """Imported under its made code, given payments and an adjustment; the same 申报表 again with
    --code 名称=编码: the project takes the real code, its payments, adjustment, indicators, terms and plan
    history with it (nothing left under the made code), audited; a later file naming it by the real code or by
    its name finds it; undoing the first import still takes the project away."""
    from conftest import cli_in_process, stored

    path = empty_db(tmp_path)
    assert cli_in_process("import-document", str(PDF_TEXT), db_path=path).returncode == 0
    payments = tmp_path / "payments.csv"
    payments.write_text(f"凭证号,项目名称,支付日期,金额(元)\nP-1,{OPERATING},2026-03-10,40000.00\n", encoding="utf-8")
    assert cli_in_process("import-disbursements", str(payments), db_path=path).returncode == 0
    adjustments = tmp_path / "adjustments.csv"
    adjustments.write_text(f"文号,项目编码,调整日期,调整金额(万元)\n普财追〔2026〕1号,{OPERATING_CODE},2026-04-01,20\n",
                           encoding="utf-8")
    added = cli_in_process("import-adjustments", str(adjustments), db_path=path)
    assert added.returncode == 0, added.stderr + added.stdout
    first_batch = min(r[0] for r in stored(path, "select batch_id from import_batches where kind = 'plan'"))

    result = cli_in_process("import-document", str(PDF_TEXT), "--code", f"{OPERATING}={LATER_CODE}", db_path=path)
    assert result.returncode == 0, result.stderr + result.stdout
    assert f"「{OPERATING}」已以由名称生成的编码 {OPERATING_CODE} 导入，将改用编码 {LATER_CODE}" in result.stdout
    assert sorted(stored(path, "select project_code, project_name from projects")) == sorted([
        (LATER_CODE, OPERATING), (declaration.made_code(PLATFORM), PLATFORM)])
    assert _stored_elsewhere(path, OPERATING_CODE) == []
    assert stored(path, "select project_code, amount_yuan from disbursements") == [(LATER_CODE, Decimal("40000.00"))]
    assert stored(path, "select project_code, amount_yuan from adjustments") == [(LATER_CODE, Decimal("200000.00"))]
    assert stored(path, f"select count(*) from indicators where project_code = '{LATER_CODE}'") == [(5,)]
    assert stored(path, f"select code_made from project_terms where project_code = '{LATER_CODE}'") == [(False,)]
    audit = stored(path, "select action, object, detail from audit_log where action = 'recode'")
    assert len(audit) == 1 and audit[0][1] == f"项目 {LATER_CODE}"
    assert OPERATING_CODE in audit[0][2] and OPERATING in audit[0][2]
    status = cli_in_process("status", "--as-of", "2026-06", "--format", "csv", db_path=path)
    rows = {r["project_code"]: r for r in csv.DictReader(io.StringIO(status.stdout))}
    assert (rows[LATER_CODE]["budget_wan"], rows[LATER_CODE]["actual_wan"]) == ("180.00", "4.00")

    # later files: by the real code, and by the unique name
    more = tmp_path / "more.csv"
    more.write_text(f"凭证号,项目编码,支付日期,金额(元)\nP-2,{LATER_CODE},2026-05-10,10000.00\n", encoding="utf-8")
    assert cli_in_process("import-disbursements", str(more), db_path=path).returncode == 0
    by_name = tmp_path / "by-name.csv"
    by_name.write_text(f"凭证号,项目名称,支付日期,金额(元)\nP-3,{OPERATING},2026-05-20,5000.00\n", encoding="utf-8")
    named = cli_in_process("import-disbursements", str(by_name), db_path=path)
    assert named.returncode == 0 and f"{OPERATING} → {LATER_CODE}" in named.stdout
    assert stored(path, f"select count(*) from disbursements where project_code = '{LATER_CODE}'") == [(3,)]
    # the same 申报表 once more, without --code: found by its name, nothing changed
    again = cli_in_process("import-document", str(PDF_TEXT), db_path=path)
    assert again.returncode == 0 and f"按名称沿用其编码 {LATER_CODE}" in again.stdout

    # the import that first brought the project in is its history still: undoing it names the real code
    undone = cli_in_process("undo", str(first_batch), db_path=path)
    assert undone.returncode == 1 and f"{LATER_CODE}（" in undone.stderr and OPERATING_CODE not in undone.stderr


def test_a_real_code_another_stored_project_holds_is_refused(tmp_path):
    from conftest import cli_in_process, stored
    from test_take_back import fingerprint

    path = empty_db(tmp_path)
    assert cli_in_process("import-document", str(PDF_TEXT), "--code", f"{PLATFORM}={REAL_CODE}",
                          db_path=path).returncode == 0
    before = fingerprint(path)
    taken = cli_in_process("import-document", str(PDF_TEXT), "--code", f"{OPERATING}={REAL_CODE}", db_path=path)
    assert taken.returncode == 1
    assert f"编码 {REAL_CODE} 已属于已导入的项目「{PLATFORM}」" in taken.stderr
    assert fingerprint(path) == before
    assert len(stored(path, "select * from projects")) == 2


def test_the_page_finds_a_stored_project_by_name_and_sets_a_real_code_later(tmp_path, monkeypatch):
    from conftest import cli_in_process, open_page
    from spending import ui

    path = empty_db(tmp_path, "page.duckdb")
    assert cli_in_process("import-document", str(PDF_TEXT), "--code", f"{PLATFORM}={REAL_CODE}",
                          db_path=path).returncode == 0
    monkeypatch.setattr(ui.access, "_client_context", lambda: None)
    at = open_page(path, monkeypatch, year="2026", month="6")
    at.file_uploader[1].upload("putuo-2026.txt", PDF_TEXT.read_bytes())
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"「{PLATFORM}」已导入，按名称沿用其编码 {REAL_CODE}" in " ".join(i.value for i in at.info)
    preview = next(d.value for d in at.dataframe if "实施期" in d.value.columns)
    assert list(preview["项目编码"]) == [OPERATING_CODE, REAL_CODE]
    assert [t.label for t in at.text_input if OPERATING in t.label or PLATFORM in t.label] == [
        f"{OPERATING} 的项目编码（文本未写明，暂用 {OPERATING_CODE}）"]
    next(t for t in at.text_input if OPERATING in t.label).input("310107-26-0099")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    infos = " ".join(i.value for i in at.info)
    assert f"「{OPERATING}」已以由名称生成的编码 {OPERATING_CODE} 导入，将改用编码 310107-26-0099" in infos
    next(b for b in at.button if b.label == "确认导入该文本").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    with ui._connection(str(path)) as con:         # the page's own connection (another would be refused)
        assert sorted(con.execute("select project_code from projects").fetchall()) == [("310107-26-0012",),
                                                                                       ("310107-26-0099",)]
        assert con.execute("select count(*) from indicators where project_code = ?", [OPERATING_CODE]).fetchone() \
            == (0,)
        assert con.execute("select count(*) from audit_log where action = 'recode'").fetchone() == (1,)
