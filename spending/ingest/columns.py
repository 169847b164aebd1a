"""The columns of each file kind (SPEC §2) and which header of a file is which: our own names, the
aliases of real exports, a saved 导入方案's choice, the amount's unit. No database."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from spending import i18n
from spending.characters import normalise_header
from spending.files import reading
from spending.files.header import FITS
from spending.files.problems import ImportRejected, Problem
from spending.files.reading import RawTable
from spending.ingest.kinds import KINDS, RECORDS


WAN = Decimal(10000)
WAN_UNIT, YUAN_UNIT = "万元", "元"   # the units a header or a title names (SPEC §2: 元, or 万元 converted exactly)
MONTHS = [f"m{m:02d}" for m in range(1, 13)]
CARRY_OVER_MONTHS = 6   # a payment of 预算年度 Y may be paid until 30 June of Y + 1 (stage_disbursements.sql, migration 014)
LIMIT_YUAN = Decimal(10) ** 14    # a project's payments in one month stay below this (queries/import/project_month_too_large.sql)
MAX_PROBLEMS = 10_000          # rows of a report fetched; the count is always complete


@dataclass(frozen=True)
class Column:
    """One column of a file kind: the one table of names, rules, examples and the headers real exports use."""

    name: str                  # the English name of SPEC §2, used in code, SQL and reports
    zh: str                    # the Chinese header
    required: bool             # the column must be present
    note: str = ""             # what the column accepts, for people (templates, the import page)
    example: Any = None        # the template's example value
    aliases: tuple[str, ...] = ()   # other headers of real exports (预算管理一体化 systems) for the column


_CODE_NOTE = "项目编码，必填；每个年度内唯一"
_PAY_CODE_NOTE = ("项目编码，必填（或只给项目名称：按年度计划中唯一的项目名称匹配）；"
                  "也可为「代码 - 名称」（如 预算项目 列），名称须与计划一致")
_DATE_NOTE = ("支付日期：YYYY-MM-DD、YYYY/MM/DD、YYYYMMDD、YYYY.MM.DD、YYYY年M月D日，可带时间（取日期），或 Excel 日期")
_CODE_ALIASES = ("项目代码", "预算项目编码", "项目编号", "预算项目")
_EXAMPLE_CODE = "106-0401-YBN-XXXX"
_CHECKPOINT_NOTE = "{m}月底累计计划进度（%），0–100，最多 2 位小数，可带 %；按月不得下降；不设检查点留空"


def _columns(*columns: Column) -> dict[str, Column]:
    return {c.name: c for c in columns}


COLUMNS = {
    "plan": _columns(
        Column("fiscal_year", "年度", False, "年度，四位整数；导入时指定了年度可省略", 2026, ("预算年度", "年份")),
        Column("project_code", "项目编码", True, _CODE_NOTE, _EXAMPLE_CODE, _CODE_ALIASES[:3]),
        Column("project_name", "项目名称", True, "项目名称，必填", "示例项目", ("预算项目名称",)),
        Column("section", "科室", True, "科室，必填", "预算国库科", ("责任科室", "处室", "业务处室")),
        Column("budget_wan", "年初预算数(万元)", True, "年初预算数，万元，≥ 0，最多 6 位小数，可带千分位", 30,
               ("预算数", "年初预算数", "指标金额", "预算金额")),
        *[Column(f"m{m:02d}", f"{m}月底", False, _CHECKPOINT_NOTE.format(m=m), {3: 0, 6: 30, 10: 70, 12: 100}.get(m))
          for m in range(1, 13)],
        Column("purpose", "资金用途", False, "资金用途，可选", "用途说明", ("用途",)),
        Column("goal_1", "绩效目标1", False, "绩效目标 1，可选", "目标一"),
        Column("goal_2", "绩效目标2", False, "绩效目标 2，可选", "目标二"),
        # Task K (issue 34): the project's 预算单位 and the 资金来源 of its 年初预算数 (SPEC §5)
        Column("unit_code", "单位编码", False, "预算单位编码，可选", "106", ("预算单位编码", "单位代码")),
        Column("unit_name", "预算单位", False, "预算单位名称，可选；也可为「代码 - 名称」或「代码 名称」", "某某局",
               ("单位名称", "预算单位名称")),
        Column("source", "资金来源", False, "年初预算数的资金来源，可选（不填为 本级安排资金）", "本级安排资金",
               ("资金名称", "资金性质")),
        Column("direct", "是否直达资金", False, "是否直达资金，可选：是/否（不填为否）", "否", ("直达资金标识",)),
    ),
    "disbursements": _columns(
        Column("voucher_no", "凭证号", True, "凭证号，必填；同一年度内唯一", "2026-000123",
               ("支付凭证号", "凭证编号", "支付凭证编号")),
        Column("project_code", "项目编码", True, _PAY_CODE_NOTE, _EXAMPLE_CODE, _CODE_ALIASES),
        Column("pay_date", "支付日期", True, _DATE_NOTE, date(2026, 3, 15), ("实际支付日期", "付款日期", "支付时间", "记账日期")),
        Column("amount_yuan", "金额(元)", True,
               "金额（元），不为 0，最多 2 位小数；负数表示冲销/退款；表头或标题写明「万元」时按万元（最多 6 位小数）换算为元",
               12345.67, ("支付金额", "实际支付金额", "金额")),
        Column("payee", "收款单位", False, "收款单位，可选", "某某有限公司", ("收款人全称", "收款方账户名称", "收款账户名称", "收款人名称")),
        Column("summary", "摘要", False, "摘要，可选", "设备维护费", ("用途", "资金用途")),
        Column("project_name", "项目名称", False, "项目名称，可选；给出时须与计划中的名称一致", "示例项目", ("预算项目名称",)),
        # Task F (issue 33): the treasury system's payment export — detail lines, 预算年度, what each line says
        Column("line_no", "明细序号", False,
               "支付明细行号，可选：同一凭证号的多行按（年度, 凭证号, 明细序号）区分；没有时取指标文号", "1",
               ("明细编号", "支付明细表主键", "明细行号", "明细号")),
        Column("budget_year", "预算年度", False,
               f"预算年度，四位整数，可选：支付所用指标的年度（不填为支付日期的年度）；可在次年 1–{CARRY_OVER_MONTHS} 月"
               "结转期内支付（跨年支付），更晚的不接受", 2026, ("年度",)),
        Column("quota_doc_no", "指标文号", False, "指标文号，可选", "财预〔2026〕12号", ("指标文件号",)),
        Column("source", "资金来源", False, "资金来源/资金名称，可选（如 本级安排资金、中央直达资金）", "本级安排资金",
               ("资金名称", "资金性质")),
        Column("direct", "是否直达资金", False, "是否直达资金，可选：是/否", "否", ("直达资金标识",)),
        Column("procurement", "是否政府采购", False, "是否政府采购，可选：是/否", "否", ("政府采购标识",)),
        Column("unit_code", "单位编码", False, "预算单位编码，可选", "106001", ("预算单位编码", "单位代码")),
        Column("unit_name", "预算单位", False, "预算单位名称，可选；也可为「代码 - 名称」或「代码 名称」", "某某局",
               ("单位名称", "预算单位名称")),
    ),
    "adjustments": _columns(
        Column("doc_no", "文号", True, "文号，必填；同一年度、同一项目内唯一", "财预〔2026〕12号", ("调整文号", "指标文号", "文件号")),
        Column("project_code", "项目编码", True,
               _CODE_NOTE.replace("每个年度内唯一", "须有该年度的计划") + "；也可为「代码 名称」（如 指标分配导出的 项目 列）",
               _EXAMPLE_CODE, (*_CODE_ALIASES, "项目")),
        Column("effective_date", "调整日期", True, "调整日期，格式同支付日期", date(2026, 6, 30),
               ("调整时间", "发文日期", "录入日期")),
        Column("amount_wan", "调整金额(万元)", True,
               "调整金额（万元），不为 0，最多 6 位小数；正数追加，负数追减；调整后预算任何时候不得小于 0；"
               "表头或标题写明「元」时按元（最多 2 位小数）；未写明单位的「金额」须指定单位（--unit yuan|wan）", 5,
               ("调整金额", "调整数", "调整指标金额", "金额", "指标金额")),
        Column("reason", "调整原因", False, "调整原因，可选", "追加", ("调整事由", "调整说明", "摘要")),
        # Task J (issue 33): an 指标分配 export is an adjustments file; what it says of each 指标 is kept
        # (the same names as the payment side's columns, task F)
        Column("quota_doc_no", "指标文号", False, "指标文号，可选（文件只有指标文号时它也是文号）", "财预〔2026〕12号",
               ("指标文件号",)),
        Column("source", "资金来源", False, "资金来源，可选（如 本级安排资金、中央直达资金）", "本级安排资金",
               ("指标来源", "资金名称")),
        Column("direct", "是否直达资金", False, "是否直达资金，可选：是/否", "否", ("直达资金标识",)),
        # Task C (issue 34): a 指标 row naming a 预算单位 is checked against its project's (SPEC §5), as a payment's
        Column("unit_code", "单位编码", False, "预算单位编码，可选；给出时须为该项目的预算单位", "106001",
               ("预算单位编码", "单位代码")),
        Column("unit_name", "预算单位", False, "预算单位名称，可选；也可为「代码 - 名称」或「代码 名称」；给出时须为该项目的预算单位",
               "某某局", ("单位名称", "预算单位名称")),
    ),
    "indicator_values": _columns(
        Column("fiscal_year", "年度", True, "年度，四位整数", 2026),
        Column("project_code", "项目编码", True, _CODE_NOTE, _EXAMPLE_CODE),
        Column("seq", "序号", True, "绩效指标序号（项目页「绩效指标」表中的顺序，从 1 起）", 1),
        Column("month", "月份", True, "月份，1–12", 6),
        Column("actual_value", "实际值", False, "截至该月的实际值（数字或文字）", "95"),
        Column("judged_status", "人工评价", False,
               "人工评价：达成 / 有风险 / 未达成（文字描述类指标填写；实际值与评价至少填一项）"),
    ),
}
# Task J (issue 33): a 用款计划 in amounts (SPEC §5 Plans in amounts), taken by import-plan: the project (by code,
# or by its unique name in the year's plan, with 科室 when given), amounts per month or per quarter, wide (1月 …
# 12月, 第一季度 … 第四季度) or long (月份 or 季度, 金额). Not a kind of its own (KINDS): a plan file in another layout.
_QUARTERS = ("一", "二", "三", "四")
_PLAN_AMOUNT_NOTE = "计划金额（元或万元，以表头或标题为准，未写明须指定单位），≥ 0"
COLUMNS["spending_plan"] = _columns(
    Column("fiscal_year", "年度", False, "年度，四位整数；导入时指定了年度可省略", 2026, ("预算年度", "年份")),
    Column("project_code", "项目编码", False, "项目编码（或只给项目名称：按年度计划中唯一的项目名称匹配）；也可为「代码 名称」",
           _EXAMPLE_CODE, (*_CODE_ALIASES, "项目")),
    Column("project_name", "项目名称", False, "项目名称，须与计划一致", "示例项目", ("预算项目名称",)),
    Column("section", "科室", False, "科室，可选：按名称匹配项目时用于区分", "预算国库科", ("责任科室", "处室", "业务处室", "归口科室")),
    Column("month", "月份", False, "月份（长表），1–12 或 3月", 3, ("计划月份", "用款月份")),
    Column("quarter", "季度", False, "季度（长表），1–4 或 第一季度", 1, ("计划季度", "用款季度")),
    Column("amount", "金额", False, _PLAN_AMOUNT_NOTE, 50000, ("计划金额", "计划审批金额", "用款计划金额", "计划数")),
    *[Column(f"a{m:02d}", f"{m}月", False, f"{m}月计划金额（宽表）", None, (f"{m}月份", f"{m}月计划"))
      for m in range(1, 13)],
    *[Column(f"q{q}", f"第{_QUARTERS[q - 1]}季度", False, f"第{_QUARTERS[q - 1]}季度计划金额（宽表），于季末月底到期", None,
             (f"{_QUARTERS[q - 1]}季度", f"{q}季度", f"Q{q}", f"第{q}季度")) for q in range(1, 5)],
)
SPENDING_PLAN_AMOUNTS = ("amount", *[f"a{m:02d}" for m in range(1, 13)], *[f"q{q}" for q in range(1, 5)])
HEAD_ROWS = 20   # the rows as read that the import page shows
# A kind's key, amount, date and code columns are its record's (kinds.RECORDS). An amount followed in the file by
# a text column holding three digits was cut by an unquoted thousands separator (split_amount in check_macros.sql).
TEXT_COLUMNS = {"project_name", "section", "purpose", "goal_1", "goal_2", "payee", "summary", "reason"}


def _unit_of(header: Any) -> tuple[str, str | None]:
    """A header normalised (normalise_header), without a unit it ends in: ('金额', '万元') for 金额（单位:万元）."""
    text = normalise_header(header)
    found = _UNIT.search(text)
    return (text[:found.start()], found.group(1)) if found else (text, None)


_UNIT = re.compile(r"\((?:单位[:：]?)?(万元|元)\)$")
# The units a column's header may say: the payment amount is 元 or (converted exactly) 万元; 万元 columns only 万元.
# A budget amount (a plan's, an adjustment's) may be in 元 too (SPEC §5 Units of money, converted exactly).
_UNITS = {"amount_yuan": (None, "元", "万元"), "budget_wan": (None, "元", "万元"), "amount_wan": (None, "元", "万元"),
          **{c: (None, "元", "万元") for c in SPENDING_PLAN_AMOUNTS}}


def ranked_candidates(kind: str, header: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Per column of the kind, the (rank, position) of every header that could be it: rank 0 its own
    Chinese or English name, exactly; rank 1 an alias (or its name with another unit it accepts)."""
    found: dict[str, list[tuple[int, int]]] = {name: [] for name in COLUMNS[kind]}
    for index, text in enumerate(header):
        exact = normalise_header(text)
        base, unit = _unit_of(text)
        for name, (exacts, bases) in _NAMES[kind].items():
            if exact in exacts:
                found[name].append((0, index))
            elif base in bases and unit in _UNITS.get(name, (None,)):
                found[name].append((1, index))
    return {name: sorted(c) for name, c in found.items()}


# Per kind and column: (its exact names, normalised; the names an alias header may have, without a unit).
_NAMES = {kind: {c.name: ({normalise_header(c.name), normalise_header(c.zh)},
                          {_unit_of(c.zh)[0], *(normalise_header(a) for a in c.aliases)})
                 for c in columns.values()}
          for kind, columns in COLUMNS.items()}


def column_candidates(kind: str, header: list[str]) -> dict[str, list[str]]:
    """For every column of the kind, the file's headers that could be it (its exact name first, then
    aliases): a page pre-fills its choice with the first; a column with two is the ambiguous case."""
    return {name: [header[i] for _, i in found] for name, found in ranked_candidates(kind, header).items()}


def _missing(kind: str, present, year_given: bool) -> list[str]:
    """The required columns not in present (a plan's 年度 may be given by --year; a payment file may name
    its projects by 项目名称 instead of 项目编码)."""
    missing = []
    for col in COLUMNS[kind].values():
        needed = col.required or (kind == "plan" and col.name == "fiscal_year" and not year_given)
        if kind == "disbursements" and col.name == "project_code" and "project_name" in present:
            needed = False
        if needed and col.name not in present:
            missing.append(col.name)
    return missing


def detect_kind(header: list[str]) -> str | None:
    """The kind whose required columns the header has (a plan's 年度 may be given by --year); of
    several, the one with most of its columns present. None when no kind fits."""
    return _kind_scores(header)[0]


def _kind_scores(header: list[str]) -> tuple[str | None, int]:
    """(the kind that fits, None if none; how many column names (or aliases) of any kind the header holds)."""
    best, best_score, named = None, 0, 0
    for kind in KINDS:   # (a 用款计划 is a plan in another layout: other_kind)
        present = {name for name, found in ranked_candidates(kind, header).items() if found}
        named = max(named, len(present))
        if kind == "plan" and not any(m in present for m in MONTHS):
            continue
        if not _missing(kind, present, True) and len(present) > best_score:
            best, best_score = kind, len(present)
    return best, named


def _header_score(cells: list[str]) -> int:
    kind, named = _kind_scores(cells)
    if not kind and other_kind(cells):   # a header of another kind of file is still its header (to say so)
        return max(named, OTHER_KIND_SCORE)
    return FITS if kind else named


# ---- files of another kind (task J, issue 33; SPEC §5 "Nothing dropped, nothing mistaken"): a file refused for
# missing columns whose headers are those of a kind nothing here takes, or a 用款计划, says what it looks like.
OTHER_KIND_SCORE = 50   # a header row of such a kind scores this (below FITS)
_MONTH = re.compile(r"^(?:1[0-2]|[1-9])月(?:份)?$")
_QUARTER = re.compile(r"^(?:第?[一二三四1-4]季度?|Q[1-4])$", re.IGNORECASE)
_EXECUTED = re.compile(r"^1[-—–~～至到](?:1[0-2]|[1-9])月(?:累计)?执行数")
# kind: the verb that takes it, or None (its name: i18n other_kind_<kind>)
OTHER_KINDS = {"spending_plan": "import-plan", "monitoring": None, "quota_payments": None}
_FORECAST = re.compile(r"^全年预计执行数$")   # the 监控表's forecast column, as such returns head it


def other_kind(header: list) -> str | None:
    """The kind of file nothing here imports as it is (OTHER_KINDS) whose headers these are, else None."""
    texts = {normalise_header(h) for h in header if str(h or "").strip()}
    if {"预算金额", "支付金额"} <= texts:
        return "quota_payments"
    if {"年初预算数", "调整后预算数"} <= {_unit_of(t)[0] for t in texts} and (
            any(_FORECAST.match(_unit_of(t)[0]) or _EXECUTED.match(t) for t in texts)):
        return "monitoring"
    bases = {_unit_of(t)[0] for t in texts}   # 1月（元）, 第一季度（万元）: the unit apart
    months = sum(bool(_MONTH.match(t)) for t in bases)
    quarters = sum(bool(_QUARTER.match(t)) for t in bases)
    has_amount = any(_unit_of(t)[0] in ("金额", "计划金额", "计划审批金额", "用款计划金额") for t in texts)
    if months >= 2 or quarters >= 2 or ({"月份", "季度"} & texts and has_amount):
        return "spending_plan"
    return None


def _second_header(table: RawTable) -> list[str]:
    """The title rows' words above the header (a two-row merged header's first row is read as a title)."""
    return [word for _, text in table.titles for word in text.split()]


def _problem(key: str, column: str | None = None, value: Any = None, **values) -> Problem:
    """A problem with a column, its words from i18n.MESSAGES (issue 38)."""
    message = i18n.Message(key, **values)
    return Problem(message.text("zh"), message.text("en"), column=column, value=value)


def _other_kind_problem(kind: str) -> Problem:

    verb = OTHER_KINDS[kind]
    key = "other_kind_verb" if verb else "other_kind_none"
    zh, en = (i18n.t(key, lang, kind=i18n.t(f"other_kind_{kind}", lang), verb=verb) for lang in ("zh", "en"))
    return Problem(zh, en)


def sniff_kind(name: str, data: bytes) -> str | None:
    """The kind of an uploaded file, told from its header alone (None when no kind fits)."""
    return detect_kind(reading.read_header(name, data, _header_score))


def read_file(path: str | Path, name: str | None = None, data: bytes | None = None) -> RawTable:
    """spending.files.reading.read_file; the header is the first row (within 20) that fits a kind."""
    return reading.read_file(path, name=name, data=data, is_header=_header_score)


def column_label(kind: str, column: str | None) -> str:
    """The Chinese header of a column of this kind (the English name when it has none)."""
    col = COLUMNS.get(kind, {}).get(column or "")
    return col.zh if col else (column or "")


def map_columns(kind: str, table: RawTable, year: int | None = None,
                chosen: dict[str, str] | None = None) -> dict[str, int]:
    """English column name -> position in the file; extra columns are ignored. A column's own name
    wins over aliases; two headers that could both be a column (支付金额 and 金额) are never guessed: a
    problem names both, unless chosen (our column -> the file's header, a saved 导入方案's choice, see
    _chosen_positions) settles it. A file that lacks a required column but fits another kind is told which
    kind it looks like."""
    header = table.header
    positions, problems = _chosen_positions(kind, header, chosen)
    for index in {i for i in positions.values() if list(positions.values()).count(i) > 1}:
        twice = [n for n, i in positions.items() if i == index]
        problems.append(Problem(f"导入方案把表头「{header[index]}」选作了 {len(twice)} 列："
                                + "、".join(column_label(kind, n) for n in twice),
                                f"the mapping chose the header \"{header[index]}\" for {len(twice)} columns: " + ", ".join(twice),
                                column=twice[-1]))
    taken = set(positions.values())
    for name, found in ranked_candidates(kind, header).items():
        if name in positions or (chosen and name in chosen):
            continue
        found = [(rank, i) for rank, i in found if i not in taken]
        best = [i for rank, i in found if rank == found[0][0]] if found else []
        if len(best) == 1:
            positions[name] = best[0]
        elif best and found[0][0] == 0:
            problems.append(_problem("column_twice", column=name))
        elif best:
            label = COLUMNS[kind][name].zh
            headers = ("」和「".join(header[i] for i in best), '" and "'.join(header[i] for i in best))
            problems.append(_problem("column_ambiguous", column=name, headers=headers,
                                     label=(label, f"{label} ({name})")))
            positions[name] = best[0]   # only to tell the missing from the ambiguous
    named = {p.column for p in problems}
    for name in _missing(kind, positions, year is not None):
        if name in named:
            continue
        label = COLUMNS[kind][name].zh
        problems.append(_problem("column_missing", column=name, label=label))
    if kind == "plan" and not any(m in positions for m in MONTHS):
        problems.append(_problem("plan_no_checkpoint", column="m01…m12"))
    if problems:
        other = detect_kind(table.header)
        if other and other != kind:
            verb = "import-indicators" if other == "indicator_values" else f"import-{other}"
            problems.append(_problem("headers_of_other_kind", other=(i18n.kind(other), other),
                                     kind=(i18n.kind(kind), kind), verb=verb))
        elif not other and (foreign := other_kind([*table.header, *_second_header(table)])):
            problems.append(_other_kind_problem(foreign))
        raise ImportRejected(table.file_name, problems)
    return positions


# ---- chosen columns (a saved 导入方案, spending.mappings), the unit, how each column was recognised

def _chosen_positions(kind: str, header: list[str], chosen: dict[str, str] | None) -> tuple[dict[str, int], list[Problem]]:
    """The positions of the columns a 导入方案 names (our English column -> the file's header, matched
    as normalise_header compares them); a header the file does not have is a problem naming it."""
    positions: dict[str, int] = {}
    problems: list[Problem] = []
    where: dict[str, int] = {}
    for index, text in enumerate(header):
        where.setdefault(normalise_header(text), index)
    for name, text in (chosen or {}).items():
        if name not in COLUMNS[kind]:
            problems.append(_problem("mapped_column_not_of_kind", column=name, name=name, kind=(i18n.kind(kind), kind)))
        elif normalise_header(text) in where:
            positions[name] = where[normalise_header(text)]
        else:
            zh = COLUMNS[kind][name].zh
            problems.append(_problem("mapped_header_absent", column=name, value=text, name=(zh, name), header=text))
    return positions, problems


def header_unit(header: str) -> str | None:
    """The unit a header says it holds (元 or 万元), None when it says none."""
    return _unit_of(header)[1]


_TITLE_WAN = re.compile(r"单位\s*[:：]?\s*万元|[(（]\s*万元\s*[)）]")   # 单位：万元, 金额单位:万元, （万元）
_TITLE_YUAN = re.compile(r"单位\s*[:：]?\s*元|[(（]\s*元\s*[)）]")       # 单位：元, （元） (not 万元: 万 comes first)
UNIT_CHOICES = {"yuan": YUAN_UNIT, "wan": WAN_UNIT}   # --unit yuan|wan, the 数据 page's choice


class UnitUnknown(ImportRejected):
    """A budget amount whose header and title rows name no unit, and no unit was given: never guessed
    (SPEC §5 Units of money). column: our column; header: the file's header (the page asks which unit)."""

    def __init__(self, file_name: str, column: str, header: str):
        super().__init__(file_name, [Problem(
            f"金额列「{header}」的表头和标题都没有写明单位（元或万元），不作猜测：请指定单位（命令行：--unit yuan|wan）",
            f'the amount column "{header}" names no unit (元 or 万元) in its header or a title row and is never '
            "guessed: say which (command line: --unit yuan|wan)", column=column, value=header)])
        self.column, self.header = column, header


def _titles_unit(table: RawTable) -> str | None:
    if any(_TITLE_WAN.search(text) for _, text in table.titles):
        return WAN_UNIT
    if any(_TITLE_YUAN.search(text) for _, text in table.titles):
        return YUAN_UNIT
    return None


def amount_unit(kind: str, table: RawTable, positions: dict[str, int], given: str | None = None) -> str:
    """The unit of the file's amount: 元 or 万元 as its header says, else as a title row above the header
    says. A payment amount naming none is in 元. A budget amount (a plan's 年初预算数, an adjustment or 指标)
    naming none is never guessed (SPEC §5): given ('yuan' or 'wan': --unit, the page's choice) says which, else
    UnitUnknown. Our own names (年初预算数(万元), budget_wan …) say 万元. A given unit that the header or a title
    contradicts is refused too."""
    column = RECORDS[kind].amount_column
    if column is None or column not in positions:
        return WAN_UNIT if kind != "disbursements" else YUAN_UNIT
    header = table.header[positions[column]]
    unit = _unit_of(header)[1]
    if unit is None and normalise_header(header) in _NAMES[kind][column][0]:
        unit = WAN_UNIT if RECORDS[kind].budget_amount else None   # 年初预算数(万元) / budget_wan / amount_wan
    unit = unit or _titles_unit(table)
    if kind == "disbursements":
        return unit or YUAN_UNIT
    chosen = UNIT_CHOICES.get(given) if given else None
    if given and chosen is None:
        raise ValueError(given)
    if unit and chosen and unit != chosen:
        raise ImportRejected(table.file_name, [_problem("amount_unit_conflict", column=column, value=header,
                                                        header=header, unit=unit, chosen=chosen)])
    if unit is None and chosen is None:
        raise UnitUnknown(table.file_name, column, str(header))
    found = unit or chosen
    assert found is not None        # (one of them is given: the lines above)
    return found


# ---- a 用款计划 in amounts (SPEC §5 Plans in amounts), taken by import-plan

def is_spending_plan(header: list) -> bool:
    """Whether a file given as a plan is a 用款计划 in amounts (its headers are one, not a plan's)."""
    return detect_kind(header) != "plan" and other_kind(header) == "spending_plan"


def map_spending_plan(table: RawTable, year: int | None, given: str | None) -> tuple[dict[str, int], str]:
    """The positions of a 用款计划's columns and the unit of its amounts (as amount_unit: the headers, a title row,
    else the unit given, else UnitUnknown). Refused: no project column, no amount, a long file without 月份/季度,
    or amounts in two units."""
    positions = map_columns("spending_plan", table, year)
    problems = []
    if "project_code" not in positions and "project_name" not in positions:
        problems.append(_problem("spending_plan_no_project", column="project_code"))
    amounts = [c for c in SPENDING_PLAN_AMOUNTS if c in positions]
    if not amounts:
        problems.append(_problem("spending_plan_no_amount", column="amount"))
    elif "amount" in positions and "month" not in positions and "quarter" not in positions:
        problems.append(_problem("spending_plan_long_no_month", column="month"))
    if "fiscal_year" not in positions and year is None:
        problems.append(_problem("spending_plan_no_year", column="fiscal_year"))
    units = {u for u in (_unit_of(table.header[positions[c]])[1] for c in amounts) if u}
    if len(units) > 1:
        problems.append(_problem("spending_plan_two_units", column=amounts[0]))
    if problems:
        raise ImportRejected(table.file_name, problems)
    unit = next(iter(units), None) or _titles_unit(table)
    chosen = UNIT_CHOICES.get(given) if given else None
    header = str(table.header[positions[amounts[0]]])
    if unit and chosen and unit != chosen:
        raise ImportRejected(table.file_name, [_problem("amount_unit_conflict", column=amounts[0], value=header,
                                                        header=header, unit=unit, chosen=chosen)])
    if unit is None and chosen is None:
        raise UnitUnknown(table.file_name, amounts[0], header)
    found = unit or chosen
    assert found is not None        # (one of them is given: the lines above)
    return positions, found
