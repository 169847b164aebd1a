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
