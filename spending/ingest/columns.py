"""The columns of each file kind (SPEC §2) and which header of a file is which: our own names, the
aliases of real exports, a saved 导入方案's choice, the amount's unit. No database."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from spending import files, i18n
from spending.files import ImportRejected, Problem, RawTable, normalise_header

WAN = Decimal(10000)
WAN_UNIT, YUAN_UNIT = "万元", "元"   # the units a header or a title names (SPEC §2: 元, or 万元 converted exactly)
KINDS = ("plan", "disbursements", "adjustments", "indicator_values")
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
        Column("unit_name", "预算单位", False, "预算单位名称，可选；也可为「代码 - 名称」", "承德高新技术产业开发区财政局",
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
        Column("unit_name", "预算单位", False, "预算单位名称，可选；也可为「代码 - 名称」", "某某局",
               ("单位名称", "预算单位名称")),
    ),
    "adjustments": _columns(
        Column("doc_no", "文号", True, "文号，必填；同一年度、同一项目内唯一", "财预〔2026〕12号", ("调整文号", "指标文号", "文件号")),
        Column("project_code", "项目编码", True, _CODE_NOTE.replace("每个年度内唯一", "须有该年度的计划"), _EXAMPLE_CODE,
               _CODE_ALIASES[:3]),
        Column("effective_date", "调整日期", True, "调整日期，格式同支付日期", date(2026, 6, 30), ("调整时间", "发文日期")),
        Column("amount_wan", "调整金额(万元)", True,
               "调整金额（万元），不为 0，最多 6 位小数；正数追加，负数追减；调整后预算任何时候不得小于 0", 5,
               ("调整金额", "调整数", "调整指标金额")),
        Column("reason", "调整原因", False, "调整原因，可选", "追加", ("调整事由", "调整说明")),
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
KEY_COLUMN = {"plan": "project_code", "disbursements": "voucher_no", "adjustments": "doc_no", "indicator_values": "seq"}
HEAD_ROWS = 20   # the rows as read that the import page shows
# The amount of a kind, and the columns where text belongs: an amount followed in the file by a text column
# holding three digits was cut by an unquoted thousands separator (split_amount in check_macros.sql).
AMOUNT_CELL = {"plan": "budget_wan", "disbursements": "amount_yuan", "adjustments": "amount_wan"}
TEXT_COLUMNS = {"project_name", "section", "purpose", "goal_1", "goal_2", "payee", "summary", "reason"}
# The keys and codes compared with stored ones: normalised (NFKC and more, see files.normalise_code).
CODE_COLUMNS = {"plan": ("project_code", "section"), "disbursements": ("voucher_no", "project_code", "line_no"),
                "adjustments": ("doc_no", "project_code"), "indicator_values": ("project_code",)}
DATE_CELL = {"disbursements": "pay_date", "adjustments": "effective_date"}
REPLACES = ("plan", "indicator_values")   # a stored key with other content is replaced, not a conflict


def _unit_of(header: Any) -> tuple[str, str | None]:
    """A header normalised (normalise_header), without a unit it ends in: ('金额', '万元') for 金额（单位:万元）."""
    text = normalise_header(header)
    found = _UNIT.search(text)
    return (text[:found.start()], found.group(1)) if found else (text, None)


_UNIT = re.compile(r"\((?:单位[:：]?)?(万元|元)\)$")
# The units a column's header may say: the payment amount is 元 or (converted exactly) 万元; 万元 columns only 万元.
_UNITS = {"amount_yuan": (None, "元", "万元"), "budget_wan": (None, "万元"), "amount_wan": (None, "万元")}


def _candidates(kind: str, header: list[str]) -> dict[str, list[tuple[int, int]]]:
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
    return {name: [header[i] for _, i in found] for name, found in _candidates(kind, header).items()}


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
    for kind in COLUMNS:
        present = {name for name, found in _candidates(kind, header).items() if found}
        named = max(named, len(present))
        if kind == "plan" and not any(m in present for m in MONTHS):
            continue
        if not _missing(kind, present, True) and len(present) > best_score:
            best, best_score = kind, len(present)
    return best, named


def _header_score(cells: list[str]) -> int:
    kind, named = _kind_scores(cells)
    return files.FITS if kind else named


def sniff_kind(name: str, data: bytes) -> str | None:
    """The kind of an uploaded file, told from its header alone (None when no kind fits)."""
    return detect_kind(files.read_header(name, data, _header_score))


def read_file(path: str | Path, name: str | None = None, data: bytes | None = None) -> RawTable:
    """spending.files.read_file; the header is the first row (within 20) that fits a kind."""
    return files.read_file(path, name=name, data=data, is_header=_header_score)


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
    for name, found in _candidates(kind, header).items():
        if name in positions or (chosen and name in chosen):
            continue
        found = [(rank, i) for rank, i in found if i not in taken]
        best = [i for rank, i in found if rank == found[0][0]] if found else []
        if len(best) == 1:
            positions[name] = best[0]
        elif best and found[0][0] == 0:
            problems.append(Problem("该列出现了两次", "the column appears twice", column=name))
        elif best:
            label = COLUMNS[kind][name].zh
            zh, en = "」和「".join(header[i] for i in best), '" and "'.join(header[i] for i in best)
            problems.append(Problem(
                f"表头「{zh}」都可能是「{label}」：请在导入方案中选择其中一列",
                f'the headers "{en}" could each be {label} ({name}): choose one in an import mapping (导入方案)',
                column=name))
            positions[name] = best[0]   # only to tell the missing from the ambiguous
    named = {p.column for p in problems}
    for name in _missing(kind, positions, year is not None):
        if name in named:
            continue
        label = COLUMNS[kind][name].zh
        problems.append(Problem(f"缺少必需的列「{label}」", f"required column missing ({label})", column=name))
    if kind == "plan" and not any(m in positions for m in MONTHS):
        problems.append(Problem("缺少计划进度列（1月底 … 12月底）", "no checkpoint column (m01 … m12)", column="m01…m12"))
    if problems:
        other = detect_kind(table.header)
        if other and other != kind:
            verb = "import-indicators" if other == "indicator_values" else f"import-{other}"
            problems.append(Problem(
                f"这个文件的表头像是「{i18n.kind(other)}」文件，而不是「{i18n.kind(kind)}」：请选择正确的文件类型"
                f"（命令行：{verb}）",
                f"the headers look like a {other} file, not {kind}: choose that kind of file (command line: {verb})"))
        raise ImportRejected(table.file_name, problems)
    return positions


# ---- chosen columns (a saved 导入方案, spending.mappings), the unit, how each column was recognised

def _chosen_positions(kind: str, header: list[str], chosen: dict[str, str] | None) -> tuple[dict[str, int], list[Problem]]:
    """The positions of the columns a 导入方案 names (our English column -> the file's header, matched
    as normalise_header compares them); a header the file does not have is a problem naming it."""
    positions: dict[str, int] = {}
    problems: list[Problem] = []
    where = {}
    for index, text in enumerate(header):
        where.setdefault(normalise_header(text), index)
    for name, text in (chosen or {}).items():
        if name not in COLUMNS[kind]:
            problems.append(Problem(f"导入方案中的列 {name} 不属于「{i18n.kind(kind)}」文件",
                                    f"the mapping names a column {name} that a {kind} file does not have", column=name))
        elif normalise_header(text) in where:
            positions[name] = where[normalise_header(text)]
        else:
            zh = COLUMNS[kind][name].zh
            problems.append(Problem(f"导入方案把「{zh}」对应到表头「{text}」，但文件中没有这一列",
                                    f"the mapping takes {name} from the header \"{text}\", which the file does not have",
                                    column=name, value=text))
    return positions, problems


def header_unit(header: str) -> str | None:
    """The unit a header says it holds (元 or 万元), None when it says none."""
    return _unit_of(header)[1]


def mapped_by(parsed: "Parsed") -> dict[str, str]:
    """How each mapped column was recognised: 'name' (our own Chinese or English name), 'alias', or
    'chosen' (taken from an import mapping)."""
    exact = {name: {i for rank, i in found if rank == 0}
             for name, found in _candidates(parsed.kind, parsed.table.header).items()}
    header = parsed.table.header
    return {name: "chosen" if name in parsed.chosen
            else "name" if any(header[i] == text for i in exact.get(name, ())) else "alias"
            for name, text in parsed.mapping.items()}


_TITLE_WAN = re.compile(r"单位\s*[:：]?\s*万元|[(（]\s*万元\s*[)）]")   # 单位：万元, 金额单位:万元, （万元）


def amount_unit(kind: str, table: RawTable, positions: dict[str, int]) -> str:
    """'万元' when a payment file's amount is in 万元 (its header says so, or a title row above the header
    does while the header names no unit), else '元'. Other kinds' amounts are always 万元."""
    if kind != "disbursements":
        return WAN_UNIT
    unit = _unit_of(table.header[positions["amount_yuan"]])[1] if "amount_yuan" in positions else None
    if unit is None and any(_TITLE_WAN.search(text) for _, text in table.titles):
        unit = WAN_UNIT
    return unit or YUAN_UNIT
