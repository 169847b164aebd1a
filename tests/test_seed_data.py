"""Checks of the seed data in data/ against the source document.

Reads only the CSV files in data/ (with the csv module) and the reference text
data/budget-performance-text-2021.txt (the source document); the parts that need the
reference text are skipped when it is missing.
"""

import csv
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
DOC_PATH = DATA / "budget-performance-text-2021.txt"   # the source document, kept in data/

PLAN_HEADER = (["年度", "项目编码", "项目名称", "科室", "年初预算数(万元)"]
               + [f"{m}月底" for m in range(1, 13)]
               + ["资金用途", "绩效目标1", "绩效目标2", "单位编码", "预算单位"])
SECTION_HEADER = ["年度", "序号", "科室", "职责", "年度预算数(万元)"]
INDICATOR_HEADER = ["年度", "项目编码", "序号", "一级指标", "二级指标", "三级指标",
                    "绩效指标描述", "符号", "指标值", "单位", "指标值确定依据"]
DISBURSEMENT_HEADER = ["凭证号", "项目编码", "支付日期", "金额(元)", "收款单位", "摘要"]
ADJUSTMENT_HEADER = ["文号", "项目编码", "调整日期", "调整金额(万元)", "调整原因"]

PROJECTS = {  # code: (name, section, 万元), in document order
    "106-0401-YBN-QS1Q": ("国库电子化和一体化建设", "预算国库科", Decimal(30)),
    "106-0401-YBN-A8GD": ("信息中心设备维护及网络租赁", "综合科", Decimal(17)),
    "106-0401-YBN-DAES": ("预决算编审", "预算国库科", Decimal(21)),
    "106-0601-YBN-RQRQ": ("业务委托费", "经济建设科", Decimal(173)),
    "106-0201-YBN-EI6K": ("会计培训", "非税综合科", Decimal(8)),
    "106-0201-YBN-V7G1": ("综合治税信息系统", "农业农村科", Decimal(20)),
    "106-0501-YBN-476T": ("代理记账中心运转费", "集中支付中心", Decimal(20)),
}
SECTIONS = [("综合科", "17"), ("预算国库科", "51"), ("行政事业科", ""), ("农业农村科", "20"),
            ("经济建设科", "173"), ("非税综合科", "8"), ("集中支付中心", "20")]
# Indicator rows in each project's 预算项目绩效表.  The text says "四项" for every
# project, but the tables hold 5 rows for DAES and V7G1, and the document ends
# after the third row of 476T's table (no 满意度指标 row survives).
INDICATOR_COUNTS = {"106-0401-YBN-QS1Q": 4, "106-0401-YBN-A8GD": 4, "106-0401-YBN-DAES": 5,
                    "106-0601-YBN-RQRQ": 4, "106-0201-YBN-EI6K": 4, "106-0201-YBN-V7G1": 5,
                    "106-0501-YBN-476T": 3}
TRUNCATED_IN_DOCUMENT = {"106-0501-YBN-476T"}


def read_csv(name):
    raw = (DATA / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name} has a BOM"
    with open(DATA / name, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows:
        assert len(row) == len(rows[0]), (name, row)
        for cell in row:
            assert cell == cell.strip(), (name, cell)
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


@pytest.fixture(scope="module")
def doc():
    if not DOC_PATH.is_file():
        pytest.skip(f"reference document missing: {DOC_PATH}")
    return DOC_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plan():
    header, rows = read_csv("plan-2021.csv")
    assert header == PLAN_HEADER
    return rows


@pytest.fixture(scope="module")
def sections():
    header, rows = read_csv("sections-2021.csv")
    assert header == SECTION_HEADER
    return rows


@pytest.fixture(scope="module")
def indicators():
    header, rows = read_csv("indicators-2021.csv")
    assert header == INDICATOR_HEADER
    return rows


# --- plan -------------------------------------------------------------------

def test_seven_projects_289_wan(plan):
    assert [r["项目编码"] for r in plan] == list(PROJECTS)
    assert all(r["年度"] == "2021" for r in plan)
    for r in plan:
        name, section, amount = PROJECTS[r["项目编码"]]
        assert (r["项目名称"], r["科室"], Decimal(r["年初预算数(万元)"])) == (name, section, amount)
        assert r["资金用途"] and r["绩效目标1"] and r["绩效目标2"]
    assert sum(Decimal(r["年初预算数(万元)"]) for r in plan) == Decimal(289)


def test_checkpoints(plan):
    for r in plan:
        months = {m: r[f"{m}月底"] for m in range(1, 13)}
        filled = {m: Decimal(v) for m, v in months.items() if v != ""}
        assert set(filled) == {3, 6, 10, 12}, r["项目编码"]
        expected = [0, 0, 70, 100] if r["项目名称"] == "代理记账中心运转费" else [0, 0, 0, 100]
        assert [filled[m] for m in (3, 6, 10, 12)] == [Decimal(x) for x in expected], r["项目编码"]


def test_projects_in_document(plan, doc):
    # the 资金安排情况 sentences, in document order: "...资金 30 万元。"
    amounts = [Decimal(a) for a in re.findall(r"此项工作活动中主要包含\S*?资金\s*(\d+(?:\.\d+)?)\s*万元", doc)]
    codes = re.findall(r"项目编码\t(\S+)", doc)
    assert codes == [r["项目编码"] for r in plan]
    assert amounts == [Decimal(r["年初预算数(万元)"]) for r in plan]
    for r in plan:
        line = next(l for l in doc.splitlines() if r["项目编码"] in l)
        assert r["项目名称"] in line
        for field in ("绩效目标1", "绩效目标2"):
            assert r[field] in doc, r[field]
        assert r["资金用途"] in doc
        checkpoints = [f"{Decimal(r[f'{m}月底']):.2f}" for m in (3, 6, 10, 12)]
        block = doc[doc.index(r["项目编码"]):]
        plan_line = block.split("资金支出计划（累计进度%）", 1)[1].split("绩效目标", 1)[0]
        assert re.findall(r"\d+\.\d\d", plan_line) == checkpoints, r["项目编码"]


# --- sections ---------------------------------------------------------------

def test_sections(sections, plan):
    assert [(r["科室"], r["年度预算数(万元)"]) for r in sections] == SECTIONS
    assert [r["序号"] for r in sections] == [str(i) for i in range(1, 8)]
    assert all(r["年度"] == "2021" and r["职责"] and " " not in r["职责"] for r in sections)
    section_total = sum(Decimal(r["年度预算数(万元)"]) for r in sections if r["年度预算数(万元)"])
    assert section_total == sum(Decimal(r["年初预算数(万元)"]) for r in plan) == Decimal(289)
    for s in sections:
        own = sum((Decimal(p["年初预算数(万元)"]) for p in plan if p["科室"] == s["科室"]), Decimal(0))
        assert own == Decimal(s["年度预算数(万元)"] or 0), s["科室"]


def test_sections_in_document(sections, doc):
    flat = re.sub(r"\s+", "", re.sub(r"</?b>", "", doc))
    for s in sections:
        # the 科室's own row: "一、综合科<tab>17<tab><内容描述>..."
        row = re.search(r"[一二三四五六七]、" + s["科室"] + r"(?:</b>)?\t([^\t]*)\t([^\t]*)\t", doc)
        assert row, s["科室"]
        amount = row.group(1).strip()
        assert (Decimal(amount) if amount else "") == (Decimal(s["年度预算数(万元)"]) if s["年度预算数(万元)"] else "")
        first_part = re.sub(r"\s+", "", row.group(2))
        assert s["职责"].startswith(first_part), s["科室"]
        assert s["职责"][len(first_part):] in flat, s["科室"]


# --- indicators -------------------------------------------------------------

def test_indicators(indicators, plan):
    by_code = {}
    for r in indicators:
        assert r["年度"] == "2021"
        by_code.setdefault(r["项目编码"], []).append(r)
    assert list(by_code) == [r["项目编码"] for r in plan]
    for code, rows in by_code.items():
        assert len(rows) == INDICATOR_COUNTS[code], code
        if code not in TRUNCATED_IN_DOCUMENT:
            assert len(rows) >= 4, code
        assert [r["序号"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
        for r in rows:
            assert r["一级指标"] in {"产出指标", "效果指标", "满意度指标"}, r
            assert r["二级指标"].endswith("指标"), r
            assert r["三级指标"] and r["绩效指标描述"], r
            assert r["符号"] in {"", "=", ">=", "文字描述"}, r
            assert r["指标值"] == "" or re.fullmatch(r"\d+\.\d\d", r["指标值"]), r
        assert rows[-1]["一级指标"] == ("效果指标" if code in TRUNCATED_IN_DOCUMENT else "满意度指标")


def test_indicators_in_document(indicators, doc):
    lines = doc.splitlines()
    for r in indicators:
        assert r["三级指标"] in doc, r["三级指标"]
        # the row of the document that holds this 三级指标 in that project's table
        start = next(i for i, l in enumerate(lines) if r["项目编码"] in l)
        row = next(l for l in lines[start:] if f"\t{r['三级指标']}\t" in l)
        cells = [re.sub(r"</?b>", "", c).strip() for c in row.split("\t")]
        assert cells[1] == r["二级指标"]
        assert cells[0] in ("", r["一级指标"])
        assert cells[4:6] == [r["符号"], r["指标值"]]


# --- sample data ------------------------------------------------------------

def test_sample_disbursements(plan):
    header, rows = read_csv("sample-disbursements-2021.csv")
    assert header == DISBURSEMENT_HEADER
    codes = {r["项目编码"] for r in plan}
    assert len({r["凭证号"] for r in rows}) == len(rows)
    for r in rows:
        assert r["凭证号"].startswith("SAMPLE"), r
        assert r["项目编码"] in codes, r
        assert re.fullmatch(r"2021-\d\d-\d\d", r["支付日期"]), r
        assert "2021-01-01" <= r["支付日期"] <= "2021-11-30", r
        assert re.fullmatch(r"-?\d+\.\d\d", r["金额(元)"]) and Decimal(r["金额(元)"]) != 0, r
    reversals = [r for r in rows if Decimal(r["金额(元)"]) < 0]
    assert len(reversals) == 2
    by_voucher = {r["凭证号"]: r for r in rows}
    for rev in reversals:
        assert rev["摘要"].startswith("冲销")
        original = by_voucher[re.search(r"SAMPLE-\d{4}-\d{4}", rev["摘要"]).group(0)]
        assert original["项目编码"] == rev["项目编码"]
        assert original["支付日期"] < rev["支付日期"]
        assert 0 < -Decimal(rev["金额(元)"]) < Decimal(original["金额(元)"])


def test_sample_adjustment():
    header, rows = read_csv("sample-adjustments-2021.csv")
    assert header == ADJUSTMENT_HEADER
    assert [(r["文号"], r["项目编码"], r["调整日期"], Decimal(r["调整金额(万元)"]), r["调整原因"]) for r in rows] == [
        ("SAMPLE-调-2021-01", "106-0601-YBN-RQRQ", "2021-09-15", Decimal(-10), "压减一般性支出（示例数据）")]


def test_make_sample_reproduces_files(tmp_path):
    result = subprocess.run([sys.executable, str(DATA / "make_sample.py"), str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for name in ("sample-disbursements-2021.csv", "sample-adjustments-2021.csv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
