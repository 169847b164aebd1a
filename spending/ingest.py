"""Check plan, payment, adjustment and indicator files (SPEC §2) and load them all or nothing.

    read_file  spending.files.read_file (no database): the encoding, the header (the first row within
               20 that fits a kind, below any title rows) and where the rows are
    detect_kind the kind a header fits (the 数据 page pre-selects it; a wrong kind gets a hint)
    parse      rows -> temp table import_staged: typed values and an error code per cell,
               checked by queries/import/stage_<kind>.sql (set-based: millions of rows a second);
               合计/小计/总计 lines left out (queries/import/total_rows.sql), ragged rows named
    preview    a dry run: the checks against the stored data, the good rows written, the running-budget
               rule, per-project subtotals (元) and negative cumulative spending, then rolled back
    read_notes what the preview says, as lines for the command line

The columns of each kind are one table, COLUMNS (Column: English name, Chinese header, required, rule text,
example, aliases: the headers the exports of 预算管理一体化 systems use). A header maps by our own name first,
then by an alias (or our name with a unit it accepts: 金额（单位:万元）); two headers that could both be a
column are never guessed (a problem naming both) unless an import mapping chooses (parse(chosen=...);
column_candidates lists the choices). A payment amount whose header or title row says 万元 is converted
exactly to 元. A 项目编码 cell of 代码 - 名称 gives its code; a name (there or in 项目名称) is checked against
the plan, and a row with a name only takes the code of the one plan project of that name (Parsed.by_name).
    load       in one transaction: checks against the stored data (plans exist, conflicts,
               identical rows skipped), the writes, then the running-budget rule; any problem
               rolls everything back and names the row, the column, the value and the reason
               in Chinese and English. A file with cell problems is first previewed, so the report
               holds every problem at once.

A UTF-8 CSV (a GBK one once re-encoded) is read by DuckDB itself. An XLSX, or a CSV whose
rows do not map one-to-one onto lines (quoted line breaks, blank lines, ragged rows), is
read in Python so that every row keeps its exact line number.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from spending import SpendingError, audit, db

WAN = Decimal(10000)
KINDS = ("plan", "disbursements", "adjustments", "indicator_values")
KIND_LABELS = {"plan": "预算项目支出计划", "disbursements": "支付明细", "adjustments": "预算调整",
               "indicator_values": "绩效指标实际值"}
MONTHS = [f"m{m:02d}" for m in range(1, 13)]
LIMIT_YUAN = Decimal(10) ** 14    # a project's payments in one month stay below this (queries/import/project_month_too_large.sql)
MAX_PROBLEMS = 10_000          # rows of a report fetched; the count is always complete


# --------------------------------------------------------------------------- columns

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
CODE_COLUMNS = {"plan": ("project_code", "section"), "disbursements": ("voucher_no", "project_code"),
                "adjustments": ("doc_no", "project_code"), "indicator_values": ("project_code",)}
DATE_CELL = {"disbursements": "pay_date", "adjustments": "effective_date"}
REPLACES = ("plan", "indicator_values")   # a stored key with other content is replaced, not a conflict

# Reading files (no database) lives in spending.files; its names are this module's too.
from spending.files import (  # noqa: E402,F401 - re-exported
    REASONS, ImportRejected, Problem, RawTable, cell_text, clean_text, file_problem, normalise_header,
)
from spending import files  # noqa: E402

_file_problem = file_problem


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


# --------------------------------------------------------------------------- parsing

@dataclass
class Parsed:
    """A file staged in temp tables of its own cursor, with its problems so far."""

    kind: str
    table: RawTable
    mapping: dict[str, str]                    # English column -> the file's header
    cursor: Any                                # holds import_raw, import_staged (, import_stored, import_new)
    year: int | None = None                    # --year of a plan import
    rows_in_file: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    new_rows: int = 0                          # set by check()
    skipped: int = 0                           # rows identical to stored ones
    total_yuan: Decimal = Decimal(0)           # of the new rows
    is_sample: bool = False
    changes: list[dict] = field(default_factory=list)   # stored projects a plan changes (set on writing)
    total_lines: list[tuple[int, str]] = field(default_factory=list)   # 合计/小计/总计 rows left out
    negative_spending: list[dict] = field(default_factory=list)        # warnings of preview(), not problems
    subtotals: Any = None                      # per project (a DataFrame), filled by preview()
    dry_run: bool = False                      # inside preview(): write the good rows, roll back
    unit: str = "元"                           # of a payment file's amount: 元, or 万元 (converted exactly to 元)
    by_name: list[dict] = field(default_factory=list)   # rows whose project was found by its name (按名称匹配)
    chosen: dict[str, str] = field(default_factory=dict)  # columns an import mapping chose (our column -> header)

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def rejected(self) -> ImportRejected:
        return ImportRejected(self.table.file_name, sorted(self.problems, key=_problem_order), self.problem_count)

    def preview_rows(self):
        """The first HEAD_ROWS rows as read, under the file kind's Chinese column names (for the import page)."""
        names = {"line": "行号", **{c: col.zh for c, col in COLUMNS[self.kind].items() if c in self.mapping}}
        return db.execute(self.cursor, "import/head_rows").df()[list(names)].rename(columns=names)

    def close(self) -> None:
        try:
            self.cursor.close()
        finally:
            self.table.discard()


def _problem_order(p: Problem):
    return (p.line or 0, p.column or "")


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
                f"这个文件的表头像是「{KIND_LABELS[other]}」文件，而不是「{KIND_LABELS[kind]}」：请选择正确的文件类型"
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
            problems.append(Problem(f"导入方案中的列 {name} 不属于「{KIND_LABELS[kind]}」文件",
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
        return "万元"
    unit = _unit_of(table.header[positions["amount_yuan"]])[1] if "amount_yuan" in positions else None
    if unit is None and any(_TITLE_WAN.search(text) for _, text in table.titles):
        unit = "万元"
    return unit or "元"


def parse(con, kind: str, table: RawTable, year: int | None = None,
          progress: Callable[[float], None] | None = None, chosen: dict[str, str] | None = None) -> Parsed:
    """Stage the file in temp tables on a cursor of its own and check every row (no writes).
    chosen: our column -> the file's header, taken as given (an import mapping); the rest guessed."""
    if kind not in KINDS:
        raise ValueError(kind)
    try:
        positions = map_columns(kind, table, year, chosen)
    except ImportRejected:
        table.discard()
        raise
    parsed = Parsed(kind, table, {name: table.header[i] for name, i in positions.items()}, con.cursor(), year,
                    unit=amount_unit(kind, table, positions),
                    chosen={c: h for c, h in (chosen or {}).items() if c in positions})
    try:
        cur = parsed.cursor
        db.execute(cur, "import/check_macros")
        _stage_raw(cur, table, kind, positions)
        table.rows = None    # staged: the cells are held once, by DuckDB
        for line, cells, text in table.ragged:
            code = "ragged_more" if cells > len(table.header) else "ragged_less"
            parsed.add(Problem.of(code, line, None, text, table.excel, cells=cells, header=len(table.header)))
        _leave_out_totals(parsed)
        if progress:
            progress(0.5)
        if kind == "disbursements":   # only the lines the reader flagged are searched for control characters
            suspect = table.suspects()
            params = {"suspect": [-1] if suspect is None else suspect, "check_all": suspect is None}
            params["wan"] = parsed.unit == "万元"
        else:
            params = {"year": year} if kind == "plan" else {}
        db.execute(cur, f"import/stage_{kind}", **params)
        _normalise_keys(cur, kind)
        db.execute(cur, "import/repeated_rows")
        db.execute(cur, f"import/find_repeated_{kind}")
        if db.execute(cur, "import/repeated_count").fetchone()[0]:
            db.execute(cur, "import/mark_repeated")
        parsed.rows_in_file = db.execute(cur, "import/staged_counts").fetchone()[0]
        _collect_row_problems(parsed)
        _lossy_codes(parsed, positions)
        if kind == "disbursements" and db.execute(cur, "import/has_names").fetchone()[0]:
            _match_names(parsed)
        _keep_only_head(cur)
        if progress:
            progress(1.0)
    except BaseException:
        parsed.close()
        raise
    return parsed


def _lossy_codes(parsed: Parsed, positions: dict[str, int]) -> None:
    """A key or code an XLSX holds as a number of more than 15 digits has lost digits (not a project
    without a plan): named as such, the row left out of the checks against the stored data."""
    columns = {positions[c]: c for c in CODE_COLUMNS[parsed.kind] if c in positions}
    found = [(line, columns[i], text) for line, i, text in parsed.table.lossy_numbers if i in columns]
    for line, column, text in found:
        parsed.add(Problem.of("excel_digits", line, column, text, parsed.table.excel))
    if found:
        db.execute(parsed.cursor, "import/mark_not_ok", lines=[line for line, _, _ in found])


def _match_names(parsed: Parsed) -> None:
    """Rows that name their project (项目名称, or the name of a 代码 - 名称 cell): a name given beside a code
    must be the plan's; a row with a name and no code takes the code of the one project of that exact
    name in the year's plan (listed as 按名称匹配), else a problem (no such name, or several)."""
    cur, excel = parsed.cursor, parsed.table.excel
    db.execute(cur, "import/names_matched")
    db.execute(cur, "import/take_matched_codes")
    found = db.execute(cur, "import/by_name").fetchall()
    bad = []
    for line, name, year, code, projects in found:
        if projects == 1:
            parsed.by_name.append({"line": line, "project_name": name, "project_code": code})
        else:
            bad.append(line)
            parsed.add(Problem.of("name_unknown" if projects == 0 else "name_ambiguous", line, "project_name", name,
                                  excel, year=year, n=projects))
    for line, name, year, stored in db.execute(cur, "import/names_differ").fetchall():
        bad.append(line)
        parsed.add(Problem.of("name_mismatch", line, "project_name", name, excel, year=year, stored=stored))
    if bad:
        db.execute(cur, "import/mark_not_ok", lines=bad)
    db.execute(cur, "import/drop_by_name")


def _stage_raw(cur, table: RawTable, kind: str, positions: dict[str, int]) -> None:
    """import_lines(line, <every column of the kind> as text, first_cell, key_cell), one row per file row:
    a view over the temp table import_file, which holds the file's cells once (first_cell is the file's
    first cell, by which a 合计/小计/总计 line is also recognised). import_raw is import_lines without
    such total lines (see _leave_out_totals)."""
    names = {c: f"c{positions[c]}" if c in positions else None for c in COLUMNS[kind]}
    first = next((c for c, i in positions.items() if i == 0), None)
    if first is None:
        names["first_cell"] = "c0"
    extra = {"key_cell": KEY_COLUMN[kind], **({"first_cell": first} if first else {})}
    if kind in AMOUNT_CELL:   # the file's next cell after the amount, where it is a text column (not a copy)
        after = positions.get(AMOUNT_CELL[kind], -2) + 1
        extra["amount_next"] = next((c for c, i in positions.items() if i == after and c in TEXT_COLUMNS), None)
    width = len(table.header)
    columns, extra = db.select_list(names), db.select_list(extra)
    if table.csv_path is not None and _read_by_duckdb(cur, table, width, columns):
        # rows are stored in file order, so a row's line is its rowid after the header's line
        cur.execute(db.filled("import/lines_from_csv", first_line=str(table.header_line + 1), extra=extra))
    else:
        import pyarrow as pa

        rows = table.python_rows()
        arrays = {"line_no": pa.array([line for line, _ in rows], pa.int64())}
        for i in range(width):
            arrays[f"c{i}"] = pa.array([cells[i] if i < len(cells) else None for _, cells in rows], pa.string())
        import_rows = pa.table(arrays)   # noqa: F841 - scanned by name (DuckDB's replacement scan of this frame)
        cur.execute(db.filled("import/file_from_rows", columns=columns))
        cur.execute(db.filled("import/lines", extra=extra))


def _normalise_keys(cur, kind: str) -> None:
    """The keys and codes of import_staged that code() gave back with a character NFKC may change (full-width
    letters, compatibility forms: needs_nfkc, a few rows at most) normalised as files.normalise_code does;
    one nothing is left of is blank. Set-based: the distinct odd values are mapped in one UPDATE."""
    for column in CODE_COLUMNS[kind]:
        found = db.execute(cur, "import/nfkc_candidates", column=column).fetchall()
        mapping = [(old, new) for old, new in ((k, files.normalise_code(k)) for (k,) in found) if new != old]
        if not mapping:
            continue
        db.execute(cur, "import/nfkc_table")
        db.execute(cur, "import/nfkc_add", old=[old for old, _ in mapping], new=[new for _, new in mapping])
        db.execute(cur, f"import/nfkc_{column}")
        db.execute(cur, "import/nfkc_drop")


def _keep_only_head(cur) -> None:
    """Once the rows are staged and their problems named, only the first HEAD_ROWS rows as read are
    needed (the import page shows them): the file's cells are dropped, and with them a gigabyte
    at 10 million rows that the write would otherwise spill to disk."""
    db.execute(cur, "import/keep_head", rows=HEAD_ROWS)
    db.execute(cur, "import/drop_cells")


def _leave_out_totals(parsed: Parsed) -> None:
    """Find the 合计/小计/总计 lines; import_raw is import_lines without them (and without the helper
    columns), filtered only when the file has such lines."""
    cur = parsed.cursor
    parsed.total_lines = [(line, label) for line, label in db.execute(cur, "import/total_rows").fetchall()]
    if parsed.total_lines and parsed.kind in DATE_CELL:
        # a 合计 in the key column of a row whose code, date and amount are valid is not left out silently
        places, limit = (2, 1e13) if parsed.kind == "disbursements" else (6, 1e9)
        key = KEY_COLUMN[parsed.kind]
        for line, label in db.execute(cur, "import/total_with_data", date=DATE_CELL[parsed.kind],
                                      amount=AMOUNT_CELL[parsed.kind], places=places, limit=limit).fetchall():
            parsed.add(Problem.of("total_with_data", line, key, label, parsed.table.excel))
    if parsed.total_lines:
        db.execute(cur, "import/raw_without_totals")
    else:
        db.execute(cur, "import/raw_lines")


def _read_by_duckdb(cur, table: RawTable, width: int, columns: str) -> bool:
    """Let DuckDB read the CSV into import_file when its rows are exactly its lines after the
    header (no quoted line breaks, no blank lines, every row as wide as the header) and no line is longer
    than MAX_CELL_CHARS bytes (so that no cell is longer than the limit: a longer line is read in Python,
    which names a cell of more characters with its line, as for every reader)."""
    types = {f"c{i}": "VARCHAR" for i in range(width)}
    try:
        cur.execute(db.filled("import/file_from_csv", columns=columns),
                    {"path": str(table.csv_path), "skip": table.header_line, "max_line": files.MAX_CELL_CHARS,
                     "types": types})
    except Exception:  # ragged rows, bytes that are not UTF-8 and other irregular CSV: read in Python instead
        return False
    rows = db.execute(cur, "import/file_rows").fetchone()[0]
    return table.line_count == table.header_line + rows


def _collect_row_problems(parsed: Parsed) -> None:
    cur = parsed.cursor
    kind, excel = parsed.kind, parsed.table.excel
    bad = db.execute(cur, "import/staged_counts").fetchone()[1]
    if not bad:
        return
    staged_rows = db.dicts(db.execute(cur, "import/bad_rows", limit=MAX_PROBLEMS))
    found = db.execute(cur, "import/bad_raw_rows", limit=MAX_PROBLEMS)
    raw_names = [d[0] for d in found.description]
    raw = {r[0]: r for r in found.fetchall()}
    for row in staged_rows:
        line = row["line"]
        cells = dict(zip(raw_names, raw[line]))
        before = parsed.problem_count
        for column in COLUMNS[kind]:
            code = row.get(f"{column}_error")
            if code:
                parsed.add(Problem.of(code, line, column, cells.get(column), excel, year=parsed.year))
        if parsed.problem_count > before:
            continue
        if kind == "plan" and row["no_checkpoint"]:
            parsed.add(Problem.of("no_checkpoint", line, "m01…m12", "", excel))
        elif kind == "plan" and row["decreasing_month"]:
            month = row["decreasing_month"]
            parsed.add(Problem.of("decreasing", line, month, cells.get(month), excel))
        else:
            key = KEY_COLUMN[kind]
            parsed.add(Problem.of("duplicate", line, key, cells.get(key), excel, first=row["first_line"]))
    parsed.problem_count += bad - len(staged_rows)   # rows beyond the fetched report


# --------------------------------------------------------------------------- checks against the database

_SCIENTIFIC = re.compile(r"[+-]?\d(?:\.\d+)?[eE]\+?\d+")


def check(parsed: Parsed) -> list[Problem]:
    """Rules that need the stored data; fills import_new, new_rows, skipped and total_yuan. Rows with
    a problem here are marked not ok, so that a preview can go on with the others."""
    cur, kind, excel = parsed.cursor, parsed.kind, parsed.table.excel
    problems = []
    if kind in ("disbursements", "adjustments"):
        for line, code, year in db.execute(cur, "import/unplanned").fetchall():
            # 3.301E+20: a CSV saved by Excel from a code column held as numbers has lost the code's digits
            reason = "excel_digits" if _SCIENTIFIC.fullmatch(code) else "unplanned"
            problems.append(Problem.of(reason, line, "project_code", code, excel, year=year))
    if kind == "indicator_values":
        for line, seq, code, year in db.execute(cur, "import/unknown_indicators").fetchall():
            problems.append(Problem.of("unknown_indicator", line, "seq", seq, excel, year=year, seq=seq))
    flags = {f"has_{c}": c in parsed.mapping for c in ("purpose", "goal_1", "goal_2")}
    db.execute(cur, f"import/stored_{kind}", **(flags if kind == "plan" else {}))
    if kind not in REPLACES:   # a stored key with other content is a conflict
        for line, key, differs, stored, new in db.execute(cur, f"import/conflicts_{kind}").fetchall():
            problems.append(Problem.of("conflict", line, KEY_COLUMN[kind], key, excel, differs=differs,
                                       stored=stored, file=new))
    if problems:
        db.execute(cur, "import/mark_not_ok", lines=[p.line for p in problems])
    db.execute(cur, "import/new_rows")
    parsed.new_rows, total, absolute = db.execute(cur, f"import/new_totals_{kind}").fetchone()
    if kind == "disbursements" and absolute + db.execute(cur, "import/largest_stored_month").fetchone()[0] >= LIMIT_YUAN:
        beyond = db.execute(cur, "import/project_month_too_large").fetchall()
        for line, code, value, _ in beyond:
            problems.append(Problem.of("project_total", line, "amount_yuan", value, excel, project=code))
        if beyond:
            db.execute(cur, "import/mark_not_ok", lines=[n for *_, lines in beyond for n in lines])
            parsed.new_rows, total, absolute = db.execute(cur, f"import/new_totals_{kind}").fetchone()
    parsed.total_yuan = Decimal(total)
    parsed.skipped = db.execute(cur, "import/skipped_count").fetchone()[0]
    return problems


def preview(parsed: Parsed) -> Parsed:
    """A dry run for the import page (and for the report of a file with problems): the checks against
    the stored data, the good rows written and the budgets checked, then rolled back — so the problems
    hold everything wrong with the file at once. Also fills subtotals and negative_spending."""
    cur = parsed.cursor
    cur.begin()
    parsed.dry_run = True
    try:
        _write_checked(parsed, user=None)
    except ImportRejected:
        pass   # the problems are in parsed
    finally:
        parsed.dry_run = False
        cur.rollback()
    return parsed


# --------------------------------------------------------------------------- loading

@dataclass(frozen=True)
class ImportResult:
    kind: str
    file_name: str
    batch_id: int | None      # None when every row was already stored
    rows_in_file: int
    loaded: int
    skipped: int
    amount_yuan: Decimal

    def summary(self) -> str:
        wan = (self.amount_yuan / WAN).quantize(Decimal("0.01"))
        yuan = f"{self.amount_yuan:,.2f}"
        if self.batch_id is None:
            return (f"{self.file_name}：{self.rows_in_file} 行均已存在，未作改动 | "
                    f"{self.file_name}: all {self.rows_in_file} rows already stored, nothing changed")
        return (f"{self.file_name}：导入 {self.loaded} 行，跳过已存在的 {self.skipped} 行，合计 {wan} 万元（{yuan} 元）（批次 {self.batch_id}） | "
                f"{self.file_name}: imported {self.loaded} rows, skipped {self.skipped} already stored, total {wan} 万元 ({yuan} 元) (batch {self.batch_id})")


def import_file(con, kind: str, path: str | Path, *, year: int | None = None, name: str | None = None,
                data: bytes | None = None, is_sample: bool = False, user: str | None = None,
                progress: Callable[[float], None] | None = None) -> ImportResult:
    """Read, check and load one file, all or nothing. Raises ImportRejected."""
    parsed = parse(con, kind, read_file(path, name=name, data=data), year, progress)
    parsed.is_sample = is_sample
    return load(parsed, user=user)


def load(parsed: Parsed, user: str | None = None) -> ImportResult:
    """Check against the stored data and write, in one transaction; then the staging is gone.
    user: who imports (the audit log's actor, e.g. cli:<os user>); the entry lands in the same
    transaction. Without a user (init's own plan) nothing is logged."""
    try:
        if parsed.problem_count:
            preview(parsed)   # every problem in the first report: the stored-data checks and the budget rule too
            raise parsed.rejected()
        with db.transaction(parsed.cursor):
            _trace("transaction began")
            batch_id = _write_checked(parsed, user)
            _trace("transaction committing")
        _trace("transaction committed")
    finally:
        parsed.close()
    return ImportResult(parsed.kind, parsed.table.file_name, batch_id, parsed.rows_in_file,
                        parsed.new_rows, parsed.skipped, parsed.total_yuan)


def _trace(event: str) -> None:
    """With SPENDING_TRACE=1, say on stderr where an import is (the SIGKILL test reads it)."""
    if os.environ.get("SPENDING_TRACE"):
        print(f"trace: {event}", file=sys.stderr, flush=True)


def _write_checked(parsed: Parsed, user: str | None) -> int | None:
    """Inside the caller's transaction: the stored-data checks, the writes, the budget rule.
    Raises ImportRejected (the caller rolls back); returns the new batch, or None if nothing is new."""
    cur = parsed.cursor
    for problem in check(parsed):
        parsed.add(problem)
    if parsed.problem_count and not parsed.dry_run:   # a dry run goes on with the good rows
        raise parsed.rejected()
    _subtotals(parsed)
    if parsed.kind == "plan":
        parsed.changes = db.dicts(db.execute(cur, "import/plan_changes"))
    if not parsed.new_rows:
        return None
    batch_id = db.execute(cur, "import/add_batch", kind=parsed.kind, file=parsed.table.file_name,
                          sha=parsed.table.sha256, rows_in_file=parsed.rows_in_file, rows_loaded=parsed.new_rows,
                          rows_skipped=parsed.skipped, amount=str(parsed.total_yuan), sample=parsed.is_sample,
                          user=user).fetchone()[0]
    _write(cur, parsed, batch_id, user)
    if parsed.kind in UNDOABLE:
        db.execute(cur, f"import/claim_{parsed.kind}", batch=batch_id)
    _check_budgets(parsed)
    if parsed.kind != "indicator_values":
        db.refresh_pace(cur, changed="import_new")
    if parsed.kind == "disbursements":
        _negative_spending(parsed)
    if user:
        audit.record(cur, user, "import", f"批次 {batch_id}", {
            "batch_id": batch_id, "kind": parsed.kind, "file_name": parsed.table.file_name,
            "sha256": parsed.table.sha256, "rows_loaded": parsed.new_rows, "rows_skipped": parsed.skipped,
            "amount_yuan": parsed.total_yuan})
        for change in parsed.changes:
            audit.record(cur, user, "plan_replaced", f"{change['fiscal_year']} {change['project_code']}",
                         _change_detail(change, batch_id))
    return batch_id


def _subtotals(parsed: Parsed) -> None:
    """The rows to write per project, in 元 to the fen (to check against the treasury system's report)."""
    cur = parsed.cursor
    db.execute(cur, f"import/amounts_{parsed.kind}")
    import pandas as pd

    found = db.execute(cur, "import/project_subtotals")   # fetched, not .df(): the amounts stay Decimal
    parsed.subtotals = pd.DataFrame(found.fetchall(), columns=[d[0] for d in found.description])


def _negative_spending(parsed: Parsed) -> None:
    """After writing: the file's projects whose cumulative spending turns negative at a month end (the
    pages' query, a warning: a reversal without the payment it reverses)."""
    cur = parsed.cursor
    parsed.negative_spending = []
    touched = set(db.execute(cur, "import/new_projects").fetchall())
    for year in sorted({y for y, _ in touched}):
        found = db.dicts(db.execute(cur, "negative_spending", year=year, month=12, scope=None))
        parsed.negative_spending += [row for row in found if (year, row["project_code"]) in touched]


def _checkpoints_text(points) -> str:
    return "、".join(f"{p['month']}月 {p['pct']}%" for p in points or [])


def _change_detail(change: dict, batch_id: int) -> dict:
    keys = [("project_name", "name"), ("section", "section"), ("budget_wan", "budget_wan")]
    return {"batch_id": batch_id,
            "before": {**{k: change[f"{c}_before"] for k, c in keys}, "checkpoints": _checkpoints_text(change["checkpoints_before"])},
            "after": {**{k: change[f"{c}_after"] for k, c in keys}, "checkpoints": _checkpoints_text(change["checkpoints_after"])}}


def change_rows(changes: list[dict], lang: str = "zh") -> list[dict]:
    """The projects a plan changes, before and after, as table rows for people."""
    zh = lang != "en"
    rows = []
    for c in changes:
        rows.append({
            ("项目编码" if zh else "project code"): c["project_code"],
            ("项目名称（原）" if zh else "name before"): c["name_before"],
            ("项目名称（新）" if zh else "name after"): c["name_after"],
            ("科室（原 → 新）" if zh else "section before → after"): (
                c["section_before"] if c["section_before"] == c["section_after"]
                else f"{c['section_before']} → {c['section_after']}"),
            ("年初预算（原，万元）" if zh else "budget before (万元)"): f"{c['budget_wan_before']:,.2f}",
            ("年初预算（新，万元）" if zh else "budget after (万元)"): f"{c['budget_wan_after']:,.2f}",
            ("计划进度（原）" if zh else "checkpoints before"): _checkpoints_text(c["checkpoints_before"]),
            ("计划进度（新）" if zh else "checkpoints after"): _checkpoints_text(c["checkpoints_after"]),
        })
    return rows


def _write(cur, parsed: Parsed, batch_id: int, user: str | None) -> None:
    batch = {"batch": batch_id}
    if parsed.kind == "plan":
        flags = {f"has_{c}": c in parsed.mapping for c in ("purpose", "goal_1", "goal_2")}
        db.execute(cur, "import/keep_plan_versions", **batch)            # the plan as it was, for undo
        db.execute(cur, "import/keep_plan_checkpoint_versions", **batch)
        db.execute(cur, "import/load_plan_years")
        db.execute(cur, "import/load_plan_sections", **batch)
        db.execute(cur, "import/load_plan_projects", **batch, **flags)
        db.execute(cur, "import/load_plan_clear_checkpoints")
        db.execute(cur, "import/load_plan_checkpoints", **batch)
    elif parsed.kind == "disbursements":
        db.execute(cur, "import/load_disbursements", **batch)
        db.execute(cur, "import/add_to_monthly_actuals", sign=1, **batch)
    elif parsed.kind == "adjustments":
        db.execute(cur, "import/load_adjustments", **batch)
    else:
        db.execute(cur, "import/load_indicator_values", user=user)


def _check_budgets(parsed: Parsed) -> None:
    """After writing: no adjusted budget below 0 at any date, else roll back naming the rows."""
    if parsed.kind not in ("plan", "adjustments"):
        return
    cur, excel = parsed.cursor, parsed.table.excel
    for year, code, day in db.execute(cur, "import/negative_budgets").fetchall():
        if parsed.kind == "plan":
            found = db.execute(cur, "import/negative_budget_plan_row", year=year, code=code).fetchone()
            column = "budget_wan"
        else:
            found = db.execute(cur, "import/negative_budget_adjustment_row", year=year, code=code, day=day).fetchone()
            column = "amount_wan"
        if found:
            parsed.add(Problem.of("negative_budget", found[0], column, found[1], excel, day=day))
    if parsed.problem_count:
        raise parsed.rejected()


UNDOABLE = ("plan", "disbursements", "adjustments")
HANDOVER = {"plan": ["undo_hand_over_plan", "undo_hand_over_checkpoints", "undo_hand_over_versions",
                     "undo_hand_over_checkpoint_versions"],
            "disbursements": ["undo_hand_over_disbursements"], "adjustments": ["undo_hand_over_adjustments"]}


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    kind: str
    removed: int        # rows taken out
    kept: int           # rows a later live batch also brought: handed over to it, not removed
    restored: int       # projects whose previous plan came back (plan batches)

    def summary(self) -> str:
        zh = f"已撤销批次 {self.batch_id}：删除 {self.removed} 行"
        en = f"undid batch {self.batch_id}: removed {self.removed} rows"
        if self.restored:
            zh += f"，恢复 {self.restored} 个项目的上一版计划"
            en += f", restored the previous plan of {self.restored} projects"
        if self.kept:
            zh += f"，保留 {self.kept} 行（之后的批次也导入了这些行，现归该批次）"
            en += f", kept {self.kept} rows that a later batch also brought (they now belong to it)"
        return f"{zh} | {en}"


def undo(con, batch_id: int, user: str | None = None) -> UndoResult:
    """Take a plan, payment or adjustment batch back, in one transaction (with its audit entry).

    Rows the batch stored that a later live batch also brought (skipped there as already stored)
    stay and now belong to that batch; the rest are removed. A plan batch's projects get their
    previous version back (projects it brought new are removed); refused, with the reason, when a
    later plan changed the same projects again or a new project already holds data.
    """
    cur = con.cursor()
    try:
        with db.transaction(cur):
            result = undo_in(cur, batch_id)
            if user:
                audit.record(cur, user, "undo", f"批次 {batch_id}", {
                    "batch_id": batch_id, "kind": result.kind, "removed": result.removed, "kept": result.kept,
                    "restored": result.restored})
    finally:
        cur.close()
    return result


def undo_in(cur, batch_id: int) -> UndoResult:
    """undo() inside the caller's transaction on cursor cur (no audit entry)."""
    found = db.execute(cur, "import/batch_state", batch=batch_id).fetchone()
    if found is None or found[1] is not None:
        raise SpendingError(f"批次 {batch_id} 不存在或已撤销 | batch {batch_id} does not exist or was already undone")
    kind = found[0]
    if kind not in UNDOABLE:
        raise SpendingError(f"批次 {batch_id} 是{KIND_LABELS.get(kind, kind)}，只能撤销计划、支付或调整批次 | "
                            f"batch {batch_id} is {kind}: only plan, payment and adjustment batches can be undone")
    if kind == "plan":
        years = [y for (y,) in db.execute(cur, "import/undo_plan_years", batch=batch_id).fetchall()]
    else:
        years = [y for (y,) in db.execute(cur, "import/undo_years", table=kind, batch=batch_id).fetchall()]
    db.execute(cur, "import/undo_claimants", batch=batch_id, kind=kind)
    kept = 0
    if db.execute(cur, "import/undo_handover_count").fetchone()[0]:
        for i, name in enumerate(HANDOVER[kind]):
            changed = db.execute(cur, f"import/{name}", batch=batch_id).fetchone()[0]
            kept += changed if i == 0 else 0
    db.execute(cur, "import/undo_handover_drop")
    restored = 0
    if kind == "disbursements":
        db.execute(cur, "import/add_to_monthly_actuals", batch=batch_id, sign=-1)
        removed = db.execute(cur, "import/undo_remove_disbursements", batch=batch_id).fetchone()[0]
    elif kind == "adjustments":
        removed = db.execute(cur, "import/undo_remove_adjustments", batch=batch_id).fetchone()[0]
    else:
        removed, restored = _undo_plan(cur, batch_id)
    negative = db.execute(cur, "import/negative_budgets").fetchall()
    if negative:
        _, code, day = negative[0]
        raise SpendingError(f"撤销后 {code} 的调整后预算在 {day} 将低于 0，未撤销 | "
                            f"undoing would take {code}'s adjusted budget below 0 on {day}: nothing undone")
    db.execute(cur, "import/mark_undone", batch=batch_id)
    db.refresh_pace(cur, years)
    return UndoResult(batch_id, kind, removed, kept, restored)


def _undo_plan(cur, batch_id: int) -> tuple[int, int]:
    """Inside undo's transaction: the plan batch's projects back to their previous version."""
    later = db.execute(cur, "import/undo_plan_replaced_later", batch=batch_id).fetchall()
    if later:
        codes = "、".join(f"{code}（批次 {by}）" for _, code, by in later[:5])
        codes_en = ", ".join(f"{code} (batch {by})" for _, code, by in later[:5])
        raise SpendingError(f"无法撤销批次 {batch_id}：之后的计划批次又修改了这些项目：{codes}；请先撤销那些批次 | "
                            f"cannot undo batch {batch_id}: a later plan batch changed these projects again: "
                            f"{codes_en}; undo those batches first")
    in_use = db.execute(cur, "import/undo_plan_in_use", batch=batch_id).fetchall()
    if in_use:
        codes = "、".join(f"{code}（{n} 行）" for _, code, n in in_use[:5])
        codes_en = ", ".join(f"{code} ({n} rows)" for _, code, n in in_use[:5])
        raise SpendingError(f"无法撤销批次 {batch_id}：它新增的项目已有支付、调整、绩效指标或监控表：{codes} | "
                            f"cannot undo batch {batch_id}: projects it added already hold payments, adjustments, "
                            f"indicators or returns: {codes_en}")
    db.execute(cur, "import/undo_plan_remove_checkpoints", batch=batch_id)
    removed = db.execute(cur, "import/undo_plan_remove_projects", batch=batch_id).fetchone()[0]
    restored = db.execute(cur, "import/undo_plan_restore_projects", batch=batch_id).fetchone()[0]
    db.execute(cur, "import/undo_plan_restore_checkpoints", batch=batch_id)
    db.execute(cur, "import/undo_plan_sections", batch=batch_id)
    return removed - restored, restored


def undo_batch(con, batch_id: int, user: str | None = None) -> int:
    """undo(); returns how many rows were removed."""
    return undo(con, batch_id, user).removed


# --------------------------------------------------------------------------- what was read, for people

def _yuan(value) -> str:
    return f"{Decimal(value):,.2f}"


def read_notes(parsed: Parsed) -> list[str]:
    """What the 数据 page's preview says, as lines for the command line (Chinese | English): how each header
    was mapped, the amount's unit, the title and total rows left out (with their lines), the rows matched
    by project name, the per-project subtotals in 元 to the fen and the negative cumulative spending."""
    kind, table = parsed.kind, parsed.table
    pairs = [(header, COLUMNS[kind][name]) for name, header in parsed.mapping.items()]
    ways = mapped_by(parsed)
    marks = {"name": "", "alias": "，别名 | alias", "chosen": "，导入方案 | mapping"}
    lines = ["表头对应 | columns: " + "；".join(f"{h} → {c.zh}（{c.name}{marks[ways[c.name]]}）" for h, c in pairs)]
    if kind == "disbursements" and parsed.unit == "万元":
        lines.append("金额单位为万元（表头或标题行所示），已精确换算为元 | the amounts are in 万元 (as the header or a title "
                     "row says), converted exactly to 元")
    if table.titles:
        zh = "、".join(f"第 {n} 行「{t}」" for n, t in table.titles)
        en = ", ".join(f'line {n} "{t}"' for n, t in table.titles)
        lines.append(f"已略去表头（第 {table.header_line} 行）上方的标题行：{zh} | left out the title rows above the header "
                     f"(line {table.header_line}): {en}")
    if parsed.total_lines:
        zh = "、".join(f"第 {n} 行（{label}）" for n, label in parsed.total_lines)
        en = ", ".join(f"line {n} ({label})" for n, label in parsed.total_lines)
        lines.append(f"已略去 {len(parsed.total_lines)} 个合计/小计/总计行：{zh} | left out {len(parsed.total_lines)} "
                     f"total line(s): {en}")
    if parsed.by_name:
        lines.append(f"按名称匹配 {len(parsed.by_name)} 行（文件没有项目编码，按年度计划中唯一的项目名称） | "
                     f"{len(parsed.by_name)} row(s) matched by the project's name (unique in the year's plan):")
        lines += [f"  第 {r['line']} 行 | line {r['line']}：{r['project_name']} → {r['project_code']}" for r in parsed.by_name]
    if parsed.subtotals is not None and not parsed.subtotals.empty:
        total = sum((Decimal(v) for v in parsed.subtotals["amount_yuan"]), Decimal(0))
        lines.append(f"按项目小计（元，与国库系统报表核对），文件合计 {_yuan(total)} 元 | per project (元, to check against the "
                     f"treasury system's report), file total {_yuan(total)} 元:")
        lines += [f"  {r.project_code} {r.project_name}：{r.rows} 行，{_yuan(r.amount_yuan)} 元 | {r.rows} row(s)"
                  for r in parsed.subtotals.itertuples()]
    if parsed.negative_spending:
        lines.append("注意：以下项目导入后累计支出为负（有冲销/退款而无对应的原支付？） | warning: these projects' cumulative "
                     "spending turns negative (a reversal without its payment?):")
        lines += [f"  {r['project_code']} {r['project_name']}：{r['month']} 月底累计 {_yuan(r['cumulative_yuan'])} 元 | "
                  f"cumulative at the end of month {r['month']}" for r in parsed.negative_spending]
    return lines
