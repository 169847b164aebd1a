"""Read plan, payment and adjustment files (SPEC §2), validate them, load them all or nothing.

The flow is read_file -> parse (no database) -> check against the stored data -> load,
the last two inside one transaction. Any problem rejects the whole file and names the
row, the column, the value and the reason in Chinese and English.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable

from spending import SpendingError
from spending.rules import first_negative_budget

WAN = Decimal(10000)
KINDS = ("plan", "disbursements", "adjustments")
KIND_LABELS = {"plan": "预算项目支出计划", "disbursements": "支付明细", "adjustments": "预算调整"}
MONTHS = [f"m{m:02d}" for m in range(1, 13)]


# --------------------------------------------------------------------------- columns

@dataclass(frozen=True)
class Column:
    name: str          # the English name of SPEC §2, used in code and reports
    zh: str            # the Chinese header
    parse: str         # text | year | wan | yuan | pct | date
    required: bool     # the column must be present (and, for keys, filled)


def _columns(*specs) -> dict[str, Column]:
    return {c.name: c for c in (Column(*s) for s in specs)}


COLUMNS = {
    "plan": _columns(
        ("fiscal_year", "年度", "year", False),
        ("project_code", "项目编码", "text", True),
        ("project_name", "项目名称", "text", True),
        ("section", "科室", "text", True),
        ("budget_wan", "年初预算数(万元)", "wan", True),
        *[(f"m{m:02d}", f"{m}月底", "pct", False) for m in range(1, 13)],
        ("purpose", "资金用途", "text", False),
        ("goal_1", "绩效目标1", "text", False),
        ("goal_2", "绩效目标2", "text", False),
    ),
    "disbursements": _columns(
        ("voucher_no", "凭证号", "text", True),
        ("project_code", "项目编码", "text", True),
        ("pay_date", "支付日期", "date", True),
        ("amount_yuan", "金额(元)", "yuan", True),
        ("payee", "收款单位", "text", False),
        ("summary", "摘要", "text", False),
    ),
    "adjustments": _columns(
        ("doc_no", "文号", "text", True),
        ("project_code", "项目编码", "text", True),
        ("effective_date", "调整日期", "date", True),
        ("amount_wan", "调整金额(万元)", "wan", True),
        ("reason", "调整原因", "text", False),
    ),
}
OPTIONAL_TEXT = {"payee", "summary", "reason", "purpose", "goal_1", "goal_2"}

# What each column accepts, for people (templates, the import page). SPEC §2 in short.
NOTES = {
    "fiscal_year": "年度，四位整数；导入时指定了年度可省略",
    "project_code": "项目编码，必填；每个年度内唯一",
    "project_name": "项目名称，必填",
    "section": "科室，必填",
    "budget_wan": "年初预算数，万元，≥ 0，最多 6 位小数，可带千分位",
    "purpose": "资金用途，可选",
    "goal_1": "绩效目标 1，可选",
    "goal_2": "绩效目标 2，可选",
    "voucher_no": "凭证号，必填；同一年度内唯一",
    "pay_date": "支付日期，YYYY-MM-DD 或 YYYY/MM/DD，或 Excel 日期",
    "amount_yuan": "金额（元），不为 0，最多 2 位小数；负数表示冲销/退款",
    "payee": "收款单位，可选",
    "summary": "摘要，可选",
    "doc_no": "文号，必填；同一年度、同一项目内唯一",
    "effective_date": "调整日期，格式同支付日期",
    "amount_wan": "调整金额（万元），不为 0，最多 6 位小数；正数追加，负数追减；调整后预算任何时候不得小于 0",
    "reason": "调整原因，可选",
    **{f"m{m:02d}": f"{m}月底累计计划进度（%），0–100，最多 2 位小数，可带 %；按月不得下降；不设检查点留空" for m in range(1, 13)},
}

# One example row per kind, for the templates.
EXAMPLES = {
    "plan": {"fiscal_year": 2026, "project_code": "106-0401-YBN-XXXX", "project_name": "示例项目", "section": "预算国库科",
             "budget_wan": 30, "m03": 0, "m06": 30, "m10": 70, "m12": 100, "purpose": "用途说明",
             "goal_1": "目标一", "goal_2": "目标二"},
    "disbursements": {"voucher_no": "2026-000123", "project_code": "106-0401-YBN-XXXX", "pay_date": date(2026, 3, 15),
                      "amount_yuan": 12345.67, "payee": "某某有限公司", "summary": "设备维护费"},
    "adjustments": {"doc_no": "财预〔2026〕12号", "project_code": "106-0401-YBN-XXXX", "effective_date": date(2026, 6, 30),
                    "amount_wan": 5, "reason": "追加"},
}


def normalise_header(text: Any) -> str:
    """Full-width parentheses to half-width, no spaces, English in lower case."""
    s = "" if text is None else str(text)
    s = s.replace("\ufeff", "").replace("（", "(").replace("）", ")")
    return re.sub(r"\s+", "", s).lower()


# --------------------------------------------------------------------------- problems

@dataclass(frozen=True)
class Problem:
    """One reason to reject a file. line is None for a problem with the file as a whole."""

    zh: str
    en: str
    line: int | None = None
    column: str | None = None
    value: Any = None
    excel: bool = False

    def __str__(self) -> str:
        if self.line is None:
            where_zh = f"列 {self.column}：" if self.column else ""
            where_en = f"column {self.column}: " if self.column else ""
            return f"{where_zh}{self.zh} | {where_en}{self.en}"
        value = "" if self.value is None else str(self.value)
        unit = "row" if self.excel else "line"
        return (
            f"第 {self.line} 行，列 {self.column}，值「{value}」：{self.zh} | "
            f"{unit} {self.line}, column {self.column}, value \"{value}\": {self.en}"
        )


class ImportRejected(SpendingError):
    def __init__(self, file_name: str, problems: list[Problem]):
        self.file_name = file_name
        self.problems = problems
        super().__init__(self.report())

    def report(self, limit: int = 200) -> str:
        head = (
            f"导入被拒绝，未写入任何数据：{self.file_name} 有 {len(self.problems)} 个问题 | "
            f"import rejected, nothing written: {self.file_name} has {len(self.problems)} problem(s)"
        )
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"…… 另有 {len(self.problems) - limit} 个问题 | … and {len(self.problems) - limit} more")
        return "\n".join([head, *lines])


class _Bad(Exception):
    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en


# --------------------------------------------------------------------------- reading

@dataclass
class RawTable:
    file_name: str
    sha256: str
    encoding: str                  # utf-8, utf-8-sig, gb18030 or xlsx
    header: list[str]
    rows: list[tuple[int, list]]   # (line or sheet row number, cells)

    @property
    def excel(self) -> bool:
        return self.encoding == "xlsx"


def read_file(path: str | Path, name: str | None = None, data: bytes | None = None) -> RawTable:
    """Read a CSV (UTF-8 with or without BOM, or GB18030/GBK) or the first sheet of an XLSX."""
    path = Path(path)
    name = name or path.name
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ImportRejected(name, [Problem(f"无法读取文件：{error.strerror}", f"cannot read the file: {error.strerror}")]) from None
    sha = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise ImportRejected(name, [Problem("文件为空", "the file is empty")])
    suffix = Path(name).suffix.lower()
    if data[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm"):
        header, rows = _read_xlsx(name, data)
        encoding = "xlsx"
    elif suffix == ".xls" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportRejected(name, [Problem("不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV",
                                            "old .xls files are not supported: save as .xlsx or CSV")])
    else:
        text, encoding = _decode(name, data)
        header, rows = _read_csv(name, text)
    if not header or not any(normalise_header(h) for h in header):
        raise ImportRejected(name, [Problem("没有表头行", "there is no header row")])
    return RawTable(name, sha, encoding, header, rows)


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ImportRejected(name, [Problem("文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV",
                                            "the file is UTF-16: save it as a UTF-8 or GBK CSV")])
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        label = "utf-8-sig" if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf") else (
            "utf-8" if encoding == "utf-8-sig" else "gb18030")
        return text, label
    raise ImportRejected(name, [Problem("无法识别文件内容：不是 UTF-8/GBK 编码的 CSV，也不是 XLSX",
                                        "unreadable content: not a UTF-8/GBK CSV nor an XLSX file")])


def _read_csv(name: str, text: str) -> tuple[list[str], list[tuple[int, list]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    rows = []
    try:
        start = 1
        for record in reader:
            line, start = start, reader.line_num + 1
            if not header:
                if any(cell.strip() for cell in record):
                    header = record
                continue
            if any(cell.strip() for cell in record):
                rows.append((line, record))
    except csv.Error as error:
        raise ImportRejected(name, [Problem(f"CSV 格式错误（第 {reader.line_num} 行）：{error}",
                                            f"malformed CSV at line {reader.line_num}: {error}")]) from None
    return header, rows


def _read_xlsx(name: str, data: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    from python_calamine import CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        cells = sheet.to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises several unrelated types for a bad file
        raise ImportRejected(name, [Problem(f"不是有效的 Excel (.xlsx) 文件：{error}",
                                            f"not a valid Excel (.xlsx) file: {error}")]) from None
    header: list[str] = []
    rows = []
    for number, record in enumerate(cells, start=1):
        filled = any(cell_text(c) for c in record)
        if not header:
            if filled:
                header = [cell_text(c) for c in record]
            continue
        if filled:
            rows.append((number, list(record)))
    return header, rows


def cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


# --------------------------------------------------------------------------- parsing cells

_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")
_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")


def parse_decimal(cell, places: int) -> Decimal:
    if isinstance(cell, bool):
        raise _Bad("不是数字", "not a number")
    if isinstance(cell, (int, float)):
        text = repr(cell) if isinstance(cell, float) else str(cell)
        if isinstance(cell, float) and not (cell == cell and abs(cell) != float("inf")):
            raise _Bad("不是数字", "not a number")
        value = Decimal(text)
    else:
        text = cell_text(cell).replace("，", ",")
        if not _NUMBER.fullmatch(text):
            raise _Bad("不是有效的数字", "not a valid number")
        value = Decimal(text.replace(",", ""))
    if value != value.quantize(Decimal(1).scaleb(-places), rounding="ROUND_DOWN") if places else value != value.to_integral_value():
        raise _Bad(f"小数位数超过 {places} 位", f"more than {places} decimal places")
    return value + 0  # normalise -0


def parse_pct(cell) -> Decimal:
    text = cell_text(cell) if not isinstance(cell, (int, float)) or isinstance(cell, bool) else cell
    if isinstance(text, str) and text.endswith("%"):
        text = text[:-1].strip()
    value = parse_decimal(text, 2)
    if not 0 <= value <= 100:
        raise _Bad("百分比必须在 0 到 100 之间", "the percentage must be between 0 and 100")
    return value


def parse_date(cell) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = cell_text(cell)
    match = _DATE.fullmatch(text)
    if not match:
        raise _Bad("日期格式应为 YYYY-MM-DD 或 YYYY/MM/DD", "the date must be YYYY-MM-DD or YYYY/MM/DD")
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        raise _Bad("不存在的日期", "no such date") from None


def parse_year(cell) -> int:
    try:
        value = parse_decimal(cell, 0)
    except _Bad:
        raise _Bad("年度应为四位整数", "the fiscal year must be a 4-digit integer") from None
    if not 2000 <= value <= 2100:
        raise _Bad("年度应在 2000 到 2100 之间", "the fiscal year must be between 2000 and 2100")
    return int(value)


def parse_text(cell) -> str | None:
    text = cell_text(cell)
    return text or None


PARSERS: dict[str, Callable] = {
    "text": parse_text,
    "year": parse_year,
    "wan": lambda c: parse_decimal(c, 6),
    "yuan": lambda c: parse_decimal(c, 2),
    "pct": parse_pct,
    "date": parse_date,
}


# --------------------------------------------------------------------------- parsed file

@dataclass
class Parsed:
    kind: str
    table: RawTable
    mapping: dict[str, str]                    # English column -> the file's header
    records: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0                           # rows identical to stored ones (set by check)
    is_sample: bool = False

    @property
    def rows_in_file(self) -> int:
        return len(self.table.rows)

    def total_yuan(self) -> Decimal:
        key = {"plan": "budget_yuan", "disbursements": "amount_yuan", "adjustments": "amount_yuan"}[self.kind]
        return sum((r[key] for r in self.records), Decimal(0))

    def problem(self, line: int, column: str, value, zh: str, en: str) -> None:
        self.problems.append(Problem(zh, en, line, column, value, self.table.excel))


def map_columns(kind: str, table: RawTable, year: int | None = None) -> dict[str, int]:
    """English column name -> position in the file; extra columns are ignored."""
    by_header: dict[str, str] = {}
    for col in COLUMNS[kind].values():
        by_header[normalise_header(col.name)] = col.name
        by_header[normalise_header(col.zh)] = col.name
    positions: dict[str, int] = {}
    problems = []
    for index, header in enumerate(table.header):
        name = by_header.get(normalise_header(header))
        if name is None:
            continue
        if name in positions:
            problems.append(Problem("该列出现了两次", "the column appears twice", column=name))
        positions[name] = index
    for col in COLUMNS[kind].values():
        needed = col.required or (col.name == "fiscal_year" and year is None)
        if needed and col.name not in positions:
            problems.append(Problem(f"缺少必需的列「{col.zh}」", f"required column missing ({col.zh})", column=col.name))
    if kind == "plan" and not any(m in positions for m in MONTHS):
        problems.append(Problem("缺少计划进度列（1月底 … 12月底）", "no checkpoint column (m01 … m12)", column="m01…m12"))
    if problems:
        raise ImportRejected(table.file_name, problems)
    return positions


def parse(kind: str, table: RawTable, year: int | None = None,
          progress: Callable[[float], None] | None = None) -> Parsed:
    """Parse and check every row on its own and against the file's other rows (no database)."""
    if kind not in KINDS:
        raise ValueError(kind)
    positions = map_columns(kind, table, year)
    parsed = Parsed(kind, table, {name: table.header[i] for name, i in positions.items()})
    columns = COLUMNS[kind]
    seen: dict[tuple, int] = {}
    step = max(1, len(table.rows) // 100)
    for n, (line, cells) in enumerate(table.rows):
        if progress and n % step == 0:
            progress(n / max(1, len(table.rows)))
        record: dict[str, Any] = {"line": line}
        ok = True
        for name, index in positions.items():
            raw = cells[index] if index < len(cells) else None
            col = columns[name]
            blank = cell_text(raw) == ""
            if blank:
                record[name] = None
                if col.required:
                    parsed.problem(line, name, "", "不能为空", "must not be blank")
                    ok = False
                continue
            try:
                record[name] = PARSERS[col.parse](raw)
            except _Bad as bad:
                parsed.problem(line, name, cell_text(raw), bad.zh, bad.en)
                ok = False
        if ok:
            ok = _check_row(kind, parsed, record, year)
        if not ok:
            continue
        key = _key(kind, record)
        if key in seen:
            key_col = {"plan": "project_code", "disbursements": "voucher_no", "adjustments": "doc_no"}[kind]
            parsed.problem(line, key_col, record[key_col],
                           f"与第 {seen[key]} 行重复（同一文件内键重复）",
                           f"repeats the key of {'row' if table.excel else 'line'} {seen[key]} in this file")
            continue
        seen[key] = line
        parsed.records.append(record)
    if progress:
        progress(1.0)
    return parsed


def _check_row(kind: str, parsed: Parsed, r: dict, year: int | None) -> bool:
    line = r["line"]
    for name in OPTIONAL_TEXT:
        r.setdefault(name, None)
    if kind == "plan":
        if r.get("fiscal_year") is None:
            if year is None:
                parsed.problem(line, "fiscal_year", "", "缺少年度（或用 --year 指定）", "fiscal year missing (or give --year)")
                return False
            r["fiscal_year"] = year
        elif year is not None and r["fiscal_year"] != year:
            parsed.problem(line, "fiscal_year", r["fiscal_year"], f"与 --year {year} 不一致", f"disagrees with --year {year}")
            return False
        if r["budget_wan"] < 0:
            parsed.problem(line, "budget_wan", r["budget_wan"], "预算数不能为负", "the budget must not be negative")
            return False
        r["budget_yuan"] = r["budget_wan"] * WAN
        checkpoints = {m: r[f"m{m:02d}"] for m in range(1, 13) if r.get(f"m{m:02d}") is not None}
        if not checkpoints:
            parsed.problem(line, "m01…m12", "", "至少需要一个月的计划进度", "at least one checkpoint is required")
            return False
        previous = Decimal(0)
        for m, pct in sorted(checkpoints.items()):
            if pct < previous:
                parsed.problem(line, f"m{m:02d}", pct, f"计划进度不能低于前一个检查点（{previous}）",
                               f"checkpoints must not decrease (previous {previous})")
                return False
            previous = pct
        r["checkpoints"] = checkpoints
    elif kind == "disbursements":
        if r["amount_yuan"] == 0:
            parsed.problem(line, "amount_yuan", r["amount_yuan"], "金额不能为 0", "the amount must not be 0")
            return False
        r["fiscal_year"] = r["pay_date"].year
    else:
        if r["amount_wan"] == 0:
            parsed.problem(line, "amount_wan", r["amount_wan"], "调整金额不能为 0", "the amount must not be 0")
            return False
        r["amount_yuan"] = r["amount_wan"] * WAN
        r["fiscal_year"] = r["effective_date"].year
    return True


def _key(kind: str, r: dict) -> tuple:
    if kind == "plan":
        return (r["fiscal_year"], r["project_code"])
    if kind == "disbursements":
        return (r["fiscal_year"], r["voucher_no"])
    return (r["fiscal_year"], r["project_code"], r["doc_no"])


# --------------------------------------------------------------------------- checks against the database

def _frame(records: list[dict], columns: list[str]):
    import pandas as pd  # only imports need it; `status` starts faster without

    return pd.DataFrame({c: [None if r.get(c) is None else str(r[c]) for r in records] for c in columns},
                        dtype=object)


def check(con, parsed: Parsed) -> None:
    """Rules that need the stored data: plans exist, conflicts, identical rows, running budgets.

    Sets parsed.skipped and drops identical rows from parsed.records; adds problems.
    """
    kind = parsed.kind
    records = parsed.records
    if not records:
        return
    years = sorted({r["fiscal_year"] for r in records})
    planned = {(y, c) for y, c in con.execute(
        "select fiscal_year, project_code from projects where list_contains($years, fiscal_year)",
        {"years": years}).fetchall()}
    if kind != "plan":
        for r in records:
            if (r["fiscal_year"], r["project_code"]) not in planned:
                parsed.problem(r["line"], "project_code", r["project_code"],
                               f"{r['fiscal_year']} 年度没有该项目的预算计划",
                               f"no plan for this project in fiscal year {r['fiscal_year']}")
    stored = _stored(con, kind, records)
    fresh = []
    for r in records:
        old = stored.get(_key(kind, r))
        if old is None:
            fresh.append(r)
        elif _same(kind, r, old):
            parsed.skipped += 1
        elif kind == "plan":
            fresh.append(r)  # a plan row replaces the stored one
        else:
            col = "voucher_no" if kind == "disbursements" else "doc_no"
            differs = ", ".join(k for k in _compared(kind) if _norm(r.get(k)) != _norm(old.get(k)))
            parsed.problem(r["line"], col, r[col], f"已存储的同一键内容不同（{differs}），冲突",
                           f"conflicts with the stored row of the same key (differs in {differs})")
    parsed.records = fresh
    if kind in ("plan", "adjustments"):
        _check_running_budget(con, parsed)


def _compared(kind: str) -> list[str]:
    return {
        "plan": ["project_name", "section", "budget_wan", "checkpoints"],
        "disbursements": ["project_code", "pay_date", "amount_yuan", "payee", "summary"],
        "adjustments": ["effective_date", "amount_wan", "reason"],
    }[kind]


def _norm(value):
    if isinstance(value, Decimal):
        return value.normalize()
    if isinstance(value, dict):
        return {k: v.normalize() for k, v in value.items()}
    return value


def _same(kind: str, new: dict, old: dict) -> bool:
    compared = _compared(kind) + [c for c in ("purpose", "goal_1", "goal_2") if kind == "plan" and new.get(c) is not None]
    return all(_norm(new.get(k)) == _norm(old.get(k)) for k in compared)


def _stored(con, kind: str, records: list[dict]) -> dict[tuple, dict]:
    keys = _frame(records, ["fiscal_year", "project_code"] + (["voucher_no"] if kind == "disbursements" else [])
                  + (["doc_no"] if kind == "adjustments" else []))
    cur = con  # the caller's cursor: inside load() it holds the import's transaction
    cur.register("file_keys", keys)
    try:
        if kind == "plan":
            found = cur.execute("""
                select p.fiscal_year, p.project_code, p.project_name, p.section, p.budget_yuan,
                       p.purpose, p.goal_1, p.goal_2,
                       map(list(c.month order by c.month) filter (where c.month is not null),
                           list(c.plan_pct order by c.month) filter (where c.month is not null)) as checkpoints
                from projects p
                join file_keys k on k.fiscal_year::integer = p.fiscal_year and k.project_code = p.project_code
                left join plan_checkpoints c on c.fiscal_year = p.fiscal_year and c.project_code = p.project_code
                group by all""").fetchall()
            names = ["fiscal_year", "project_code", "project_name", "section", "budget_yuan",
                     "purpose", "goal_1", "goal_2", "checkpoints"]
        elif kind == "disbursements":
            found = cur.execute("""
                select d.fiscal_year, d.voucher_no, d.project_code, d.pay_date, d.amount_yuan, d.payee, d.summary
                from disbursements d
                join file_keys k on k.fiscal_year::integer = d.fiscal_year and k.voucher_no = d.voucher_no""").fetchall()
            names = ["fiscal_year", "voucher_no", "project_code", "pay_date", "amount_yuan", "payee", "summary"]
        else:
            found = cur.execute("""
                select a.fiscal_year, a.project_code, a.doc_no, a.effective_date, a.amount_yuan, a.reason
                from adjustments a
                join file_keys k on k.fiscal_year::integer = a.fiscal_year and k.project_code = a.project_code
                                and k.doc_no = a.doc_no""").fetchall()
            names = ["fiscal_year", "project_code", "doc_no", "effective_date", "amount_yuan", "reason"]
    finally:
        cur.unregister("file_keys")
    result = {}
    for row in found:
        old = dict(zip(names, row))
        if kind == "plan":
            old["checkpoints"] = dict(old["checkpoints"] or {})
            old["budget_wan"] = old["budget_yuan"] / WAN
        if kind == "adjustments":
            old["amount_wan"] = old["amount_yuan"] / WAN
        result[_key(kind, old)] = old
    return result


def _check_running_budget(con, parsed: Parsed) -> None:
    """The adjusted budget may never go below 0 at any date (SPEC §2, adjustments)."""
    projects = {(r["fiscal_year"], r["project_code"]) for r in parsed.records}
    if not projects:
        return
    frame = _frame([{"fiscal_year": y, "project_code": c} for y, c in sorted(projects)],
                   ["fiscal_year", "project_code"])
    cur = con
    cur.register("touched", frame)
    try:
        budgets = dict(((y, c), b) for y, c, b in cur.execute(
            "select p.fiscal_year, p.project_code, p.budget_yuan from projects p "
            "join touched t on t.fiscal_year::integer = p.fiscal_year and t.project_code = p.project_code").fetchall())
        stored_adj: dict[tuple, list] = {}
        for y, c, d, a in cur.execute(
                "select a.fiscal_year, a.project_code, a.effective_date, a.amount_yuan from adjustments a "
                "join touched t on t.fiscal_year::integer = a.fiscal_year and t.project_code = a.project_code").fetchall():
            stored_adj.setdefault((y, c), []).append((d, a))
    finally:
        cur.unregister("touched")
    if parsed.kind == "plan":
        for r in parsed.records:
            key = (r["fiscal_year"], r["project_code"])
            bad = first_negative_budget(r["budget_yuan"], stored_adj.get(key, []))
            if bad:
                parsed.problem(r["line"], "budget_wan", r["budget_wan"],
                               f"已有追减使调整后预算在 {bad} 低于 0",
                               f"stored reductions would take the adjusted budget below 0 on {bad}")
        return
    new_by_project: dict[tuple, list[dict]] = {}
    for r in parsed.records:
        new_by_project.setdefault((r["fiscal_year"], r["project_code"]), []).append(r)
    for key, new in new_by_project.items():
        if key not in budgets:
            continue  # already reported: no plan
        moves = stored_adj.get(key, []) + [(r["effective_date"], r["amount_yuan"]) for r in new]
        bad = first_negative_budget(budgets[key], moves)
        if bad:
            culprit = max((r for r in new if r["effective_date"] <= bad), key=lambda r: r["effective_date"])
            parsed.problem(culprit["line"], "amount_wan", culprit["amount_wan"],
                           f"调整后预算在 {bad} 将低于 0", f"the adjusted budget would go below 0 on {bad}")


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
        if self.batch_id is None:
            return (f"{self.file_name}：{self.rows_in_file} 行均已存在，未作改动 | "
                    f"all {self.rows_in_file} rows already stored, nothing changed")
        return (f"{self.file_name}：导入 {self.loaded} 行，跳过已存在的 {self.skipped} 行，合计 {wan} 万元（批次 {self.batch_id}） | "
                f"imported {self.loaded} rows, skipped {self.skipped} already stored, total {wan} 万元 (batch {self.batch_id})")


def import_file(con, kind: str, path: str | Path, *, year: int | None = None, name: str | None = None,
                data: bytes | None = None, is_sample: bool = False, user: str | None = None,
                progress: Callable[[float], None] | None = None) -> ImportResult:
    """Read, check and load one file, all or nothing. Raises ImportRejected."""
    table = read_file(path, name=name, data=data)
    parsed = parse(kind, table, year, progress)
    parsed.is_sample = is_sample
    return load(con, parsed, user=user)


def preview(con, parsed: Parsed) -> Parsed:
    """Run the stored-data checks without writing (for the import page)."""
    cur = con.cursor()
    try:
        check(cur, parsed)
    finally:
        cur.close()
    return parsed


def load(con, parsed: Parsed, user: str | None = None) -> ImportResult:
    if parsed.problems:
        raise ImportRejected(parsed.table.file_name, parsed.problems)
    cur = con.cursor()
    cur.execute("begin transaction")
    try:
        check(cur, parsed)
        if parsed.problems:
            raise ImportRejected(parsed.table.file_name, parsed.problems)
        batch_id = None
        if parsed.records:
            batch_id = cur.execute(
                "insert into import_batches (kind, file_name, sha256, rows_in_file, rows_loaded, rows_skipped,"
                " amount_yuan, is_sample, imported_by) values ($kind, $file, $sha, $n, $loaded, $skipped,"
                " $amount::decimal(18,2), $sample, $user) returning batch_id",
                {"kind": parsed.kind, "file": parsed.table.file_name, "sha": parsed.table.sha256,
                 "n": parsed.rows_in_file, "loaded": len(parsed.records), "skipped": parsed.skipped,
                 "amount": str(parsed.total_yuan()), "sample": parsed.is_sample, "user": user},
            ).fetchone()[0]
            LOADERS[parsed.kind](cur, parsed, batch_id)
        cur.execute("commit")
    except BaseException:
        cur.execute("rollback")
        raise
    finally:
        cur.close()
    return ImportResult(parsed.kind, parsed.table.file_name, batch_id, parsed.rows_in_file,
                        len(parsed.records), parsed.skipped, parsed.total_yuan())


def _load_plan(cur, parsed: Parsed, batch_id: int) -> None:
    has = {c: c in parsed.mapping for c in ("purpose", "goal_1", "goal_2")}
    frame = _frame(parsed.records, ["fiscal_year", "project_code", "project_name", "section", "budget_yuan",
                                    "purpose", "goal_1", "goal_2"])
    checkpoints = _frame([{"fiscal_year": r["fiscal_year"], "project_code": r["project_code"], "month": m,
                           "plan_pct": p} for r in parsed.records for m, p in r["checkpoints"].items()],
                         ["fiscal_year", "project_code", "month", "plan_pct"])
    cur.register("new_projects", frame)
    cur.register("new_checkpoints", checkpoints)
    try:
        cur.execute("insert into fiscal_years select distinct fiscal_year::integer from new_projects "
                    "on conflict do nothing")
        cur.execute("insert into sections (fiscal_year, section, batch_id) "
                    "select distinct fiscal_year::integer, section, $batch from new_projects on conflict do nothing",
                    {"batch": batch_id})
        keep = {c: f"coalesce(excluded.{c}, projects.{c})" if not has[c] else f"excluded.{c}" for c in has}
        cur.execute(f"""
            insert into projects (fiscal_year, project_code, project_name, section, budget_yuan,
                                  purpose, goal_1, goal_2, batch_id)
            select fiscal_year::integer, project_code, project_name, section, budget_yuan::decimal(18,2),
                   purpose, goal_1, goal_2, $batch
            from new_projects
            on conflict (fiscal_year, project_code) do update set
                project_name = excluded.project_name, section = excluded.section,
                budget_yuan = excluded.budget_yuan, purpose = {keep['purpose']},
                goal_1 = {keep['goal_1']}, goal_2 = {keep['goal_2']}, batch_id = excluded.batch_id""",
                    {"batch": batch_id})
        cur.execute("delete from plan_checkpoints c using new_projects n "
                    "where c.fiscal_year = n.fiscal_year::integer and c.project_code = n.project_code")
        cur.execute("insert into plan_checkpoints select fiscal_year::integer, project_code, month::integer, "
                    "plan_pct::decimal(5,2), $batch from new_checkpoints", {"batch": batch_id})
    finally:
        cur.unregister("new_projects")
        cur.unregister("new_checkpoints")


def _load_disbursements(cur, parsed: Parsed, batch_id: int) -> None:
    frame = _frame(parsed.records, ["fiscal_year", "voucher_no", "project_code", "pay_date", "amount_yuan",
                                    "payee", "summary"])
    cur.register("new_payments", frame)
    try:
        cur.execute("""
            insert into disbursements
            select fiscal_year::integer, voucher_no, project_code, pay_date::date, amount_yuan::decimal(18,2),
                   payee, summary, $batch
            from new_payments""", {"batch": batch_id})
    finally:
        cur.unregister("new_payments")
    add_to_monthly_actuals(cur, batch_id, sign=1)


def add_to_monthly_actuals(cur, batch_id: int, sign: int) -> None:
    """Keep the project × month rollup in step with a batch of payments (sign −1 to undo it)."""
    cur.execute("""
        insert into monthly_actuals
        select fiscal_year, project_code, month(pay_date), $sign * sum(amount_yuan)
        from disbursements where batch_id = $batch
        group by all
        on conflict (fiscal_year, project_code, month)
        do update set amount_yuan = monthly_actuals.amount_yuan + excluded.amount_yuan""",
                {"batch": batch_id, "sign": sign})


def _load_adjustments(cur, parsed: Parsed, batch_id: int) -> None:
    frame = _frame(parsed.records, ["fiscal_year", "project_code", "doc_no", "effective_date", "amount_yuan", "reason"])
    cur.register("new_adjustments", frame)
    try:
        cur.execute("""
            insert into adjustments
            select fiscal_year::integer, project_code, doc_no, effective_date::date, amount_yuan::decimal(18,2),
                   reason, $batch
            from new_adjustments""", {"batch": batch_id})
    finally:
        cur.unregister("new_adjustments")


LOADERS = {"plan": _load_plan, "disbursements": _load_disbursements, "adjustments": _load_adjustments}


def undo_batch(con, batch_id: int) -> int:
    """Remove exactly the rows of a payment or adjustment batch, in one transaction."""
    cur = con.cursor()
    cur.execute("begin transaction")
    try:
        found = cur.execute("select kind, undone_at from import_batches where batch_id = $b",
                            {"b": batch_id}).fetchone()
        if found is None or found[1] is not None:
            raise SpendingError(f"批次 {batch_id} 不存在或已撤销 | batch {batch_id} does not exist or was already undone")
        kind = found[0]
        if kind == "disbursements":
            add_to_monthly_actuals(cur, batch_id, sign=-1)
            removed = cur.execute("delete from disbursements where batch_id = $b", {"b": batch_id}).fetchone()[0]
        elif kind == "adjustments":
            removed = cur.execute("delete from adjustments where batch_id = $b", {"b": batch_id}).fetchone()[0]
            bad = cur.execute("""
                select a.project_code, min(a.effective_date) from (
                    select p.project_code, a.effective_date,
                           p.budget_yuan + sum(a.amount_yuan) over (partition by a.fiscal_year, a.project_code
                               order by a.effective_date range between unbounded preceding and current row) as budget
                    from adjustments a join projects p using (fiscal_year, project_code)
                    where a.fiscal_year in (select fiscal_year from projects)) a
                where a.budget < 0 group by 1""").fetchall()
            if bad:
                raise SpendingError(f"撤销后 {bad[0][0]} 的调整后预算在 {bad[0][1]} 将低于 0 | "
                                    f"undoing would take {bad[0][0]}'s adjusted budget below 0 on {bad[0][1]}")
        else:
            raise SpendingError(f"只能撤销支付或调整批次 | only payment and adjustment batches can be undone")
        cur.execute("update import_batches set undone_at = current_timestamp where batch_id = $b", {"b": batch_id})
        cur.execute("commit")
    except BaseException:
        cur.execute("rollback")
        raise
    finally:
        cur.close()
    return removed
