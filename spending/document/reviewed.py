"""The reviewed CSV formats the document is written as: the plan, the sections and the indicators,
with the headers the plan, sections and indicators importers read."""

from __future__ import annotations

import csv
import io

from spending.document.results import Document
from spending.document.text import plain

PLAN_HEADER = (["年度", "项目编码", "项目名称", "科室", "年初预算数(万元)"] + [f"{m}月底" for m in range(1, 13)]
               + ["资金用途", "绩效目标1", "绩效目标2", "单位编码", "预算单位"])   # 预算单位: the document's department
SECTION_HEADER = ["年度", "序号", "科室", "职责", "年度预算数(万元)"]
INDICATOR_HEADER = ["年度", "项目编码", "序号", "一级指标", "二级指标", "三级指标", "绩效指标描述", "符号", "指标值",
                    "单位", "指标值确定依据"]


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def plan_rows(doc: Document, year: int | None = None) -> list[list]:
    y = year or doc.year
    rows = []
    for p in doc.projects:
        months = [f"{p.checkpoints[m]:.2f}" if m in p.checkpoints else "" for m in range(1, 13)]
        goals = (p.goals + ["", ""])[:2]
        rows.append([y, p.code, p.name, p.owner, plain(p.amount_wan), *months, p.purpose, *goals,
                     doc.department_code or "", doc.department or ""])
    return rows


def section_rows(doc: Document, year: int | None = None) -> list[list]:
    y = year or doc.year
    return [[y, s.seq, s.name, s.duties, plain(s.amount_wan)] for s in doc.sections]


def indicator_rows(doc: Document, year: int | None = None) -> list[list]:
    y = year or doc.year
    return [[y, p.code, i, ind.level_1, ind.level_2, ind.level_3, ind.description, ind.symbol, ind.value, ind.unit,
             ind.basis] for p in doc.projects for i, ind in enumerate(p.indicators, start=1)]


def plan_csv(doc: Document, year: int | None = None) -> str:
    return _csv(PLAN_HEADER, plan_rows(doc, year))


def sections_csv(doc: Document, year: int | None = None) -> str:
    return _csv(SECTION_HEADER, section_rows(doc, year))


def indicators_csv(doc: Document, year: int | None = None) -> str:
    return _csv(INDICATOR_HEADER, indicator_rows(doc, year))
