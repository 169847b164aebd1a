"""Read plan, payment and adjustment files (SPEC §2), check them, load them all or nothing.

    read_file  bytes -> decoded header and a source of rows (no database)
    parse      rows -> temp table import_staged: typed values and an error code per cell,
               checked by queries/import/stage_<kind>.sql (set-based: millions of rows a second)
    load       in one transaction: checks against the stored data (plans exist, conflicts,
               identical rows skipped), the writes, then the running-budget rule; any problem
               rolls everything back and names the row, the column, the value and the reason
               in Chinese and English.

A UTF-8 CSV (a GBK one once re-encoded) is read by DuckDB itself. An XLSX, or a CSV whose
rows do not map one-to-one onto lines (quoted line breaks, blank lines, ragged rows), is
read in Python so that every row keeps its exact line number.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from spending import SpendingError, audit, db

WAN = Decimal(10000)
KINDS = ("plan", "disbursements", "adjustments", "indicator_values")
KIND_LABELS = {"plan": "预算项目支出计划", "disbursements": "支付明细", "adjustments": "预算调整",
               "indicator_values": "绩效指标实际值"}
MONTHS = [f"m{m:02d}" for m in range(1, 13)]
MAX_PROBLEMS = 10_000          # rows of a report fetched; the count is always complete


# --------------------------------------------------------------------------- columns

@dataclass(frozen=True)
class Column:
    name: str          # the English name of SPEC §2, used in code, SQL and reports
    zh: str            # the Chinese header
    required: bool     # the column must be present


def _columns(*specs) -> dict[str, Column]:
    return {c.name: c for c in (Column(*s) for s in specs)}


COLUMNS = {
    "plan": _columns(
        ("fiscal_year", "年度", False),
        ("project_code", "项目编码", True),
        ("project_name", "项目名称", True),
        ("section", "科室", True),
        ("budget_wan", "年初预算数(万元)", True),
        *[(f"m{m:02d}", f"{m}月底", False) for m in range(1, 13)],
        ("purpose", "资金用途", False),
        ("goal_1", "绩效目标1", False),
        ("goal_2", "绩效目标2", False),
    ),
    "disbursements": _columns(
        ("voucher_no", "凭证号", True),
        ("project_code", "项目编码", True),
        ("pay_date", "支付日期", True),
        ("amount_yuan", "金额(元)", True),
        ("payee", "收款单位", False),
        ("summary", "摘要", False),
    ),
    "adjustments": _columns(
        ("doc_no", "文号", True),
        ("project_code", "项目编码", True),
        ("effective_date", "调整日期", True),
        ("amount_wan", "调整金额(万元)", True),
        ("reason", "调整原因", False),
    ),
    "indicator_values": _columns(
        ("fiscal_year", "年度", True),
        ("project_code", "项目编码", True),
        ("seq", "序号", True),
        ("month", "月份", True),
        ("actual_value", "实际值", False),
        ("judged_status", "人工评价", False),
    ),
}
KEY_COLUMN = {"plan": "project_code", "disbursements": "voucher_no", "adjustments": "doc_no", "indicator_values": "seq"}
KEYS = {"plan": ("fiscal_year", "project_code"), "disbursements": ("fiscal_year", "voucher_no"),   # unique per file
        "adjustments": ("fiscal_year", "project_code", "doc_no"),
        "indicator_values": ("fiscal_year", "project_code", "seq", "month")}
AMOUNT = {"plan": "budget_yuan", "disbursements": "amount_yuan", "adjustments": "amount_yuan", "indicator_values": "0"}
REPLACES = ("plan", "indicator_values")   # a stored key with other content is replaced, not a conflict

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
    "seq": "绩效指标序号（项目页「绩效指标」表中的顺序，从 1 起）",
    "month": "月份，1–12",
    "actual_value": "截至该月的实际值（数字或文字）",
    "judged_status": "人工评价：达成 / 有风险 / 未达成（文字描述类指标填写；实际值与评价至少填一项）",
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
    "indicator_values": {"fiscal_year": 2026, "project_code": "106-0401-YBN-XXXX", "seq": 1, "month": 6,
                         "actual_value": "95", "judged_status": None},
}

# Error codes of queries/import/*.sql and of the checks below, in Chinese and English.
REASONS = {
    "blank": ("不能为空", "must not be blank"),
    "not_number": ("不是有效的数字", "not a valid number"),
    "decimals_2": ("小数位数超过 2 位", "more than 2 decimal places"),
    "decimals_6": ("小数位数超过 6 位", "more than 6 decimal places"),
    "too_large": ("数值过大", "the number is too large"),
    "zero": ("金额不能为 0", "the amount must not be 0"),
    "negative": ("预算数不能为负", "the budget must not be negative"),
    "pct_range": ("百分比必须在 0 到 100 之间", "the percentage must be between 0 and 100"),
    "date_format": ("日期格式应为 YYYY-MM-DD 或 YYYY/MM/DD", "the date must be YYYY-MM-DD or YYYY/MM/DD"),
    "no_such_date": ("不存在的日期", "no such date"),
    "year_format": ("年度应为四位整数", "the fiscal year must be a 4-digit integer"),
    "year_range": ("年度应在 2000 到 2100 之间", "the fiscal year must be between 2000 and 2100"),
    "year_missing": ("缺少年度（或用 --year 指定）", "fiscal year missing (or give --year)"),
    "year_mismatch": ("与指定的年度 {year} 不一致", "disagrees with --year {year}"),
    "no_checkpoint": ("至少需要一个月的计划进度", "at least one checkpoint is required"),
    "decreasing": ("计划进度不能低于前面月份的检查点", "checkpoints must not decrease"),
    "duplicate": ("与第 {first} 行重复（同一文件内键重复）", "repeats the key of {unit} {first} in this file"),
    "unplanned": ("{year} 年度没有该项目的预算计划", "no plan for this project in fiscal year {year}"),
    "unknown_indicator": ("{year} 年度该项目没有序号 {seq} 的绩效指标", "the project has no indicator {seq} in {year}"),
    "not_index": ("序号应为正整数", "must be a positive whole number"),
    "month_range": ("月份应为 1 到 12", "the month must be 1 to 12"),
    "judgement": ("人工评价应为 达成 / 有风险 / 未达成", "the judgement must be met, at_risk or not_met"),
    "conflict": ("已存储的同一键内容不同（{differs}），冲突", "conflicts with the stored row of the same key (differs in {differs})"),
    "negative_budget": ("调整后预算在 {day} 将低于 0", "the adjusted budget would go below 0 on {day}"),
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

    @classmethod
    def of(cls, code: str, line=None, column=None, value=None, excel=False, **values) -> "Problem":
        zh, en = REASONS[code]
        values.setdefault("unit", "row" if excel else "line")
        return cls(zh.format(**values), en.format(**values), line, column, value, excel)

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
    def __init__(self, file_name: str, problems: list[Problem], total: int | None = None):
        self.file_name = file_name
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__(self.report())

    def report(self, limit: int = 200) -> str:
        head = (
            f"导入被拒绝，未写入任何数据：{self.file_name} 有 {self.total} 个问题 | "
            f"import rejected, nothing written: {self.file_name} has {self.total} problem(s)"
        )
        lines = [str(p) for p in self.problems[:limit]]
        if self.total > limit:
            lines.append(f"…… 另有 {self.total - limit} 个问题 | … and {self.total - limit} more")
        return "\n".join([head, *lines])


def _file_problem(name: str, zh: str, en: str, column: str | None = None) -> ImportRejected:
    return ImportRejected(name, [Problem(zh, en, column=column)])


# --------------------------------------------------------------------------- reading

@dataclass
class RawTable:
    file_name: str
    sha256: str
    encoding: str                          # utf-8, utf-8-sig, gb18030 or xlsx
    header: list[str]
    header_line: int                       # physical line (or sheet row) of the header
    csv_path: Path | None = None           # a UTF-8 CSV DuckDB can read; None for XLSX
    line_count: int = 0                    # physical lines of the CSV
    rows: list[tuple[int, list]] | None = None   # XLSX rows: (sheet row, cells)
    _temporary: Path | None = None

    @property
    def excel(self) -> bool:
        return self.encoding == "xlsx"

    def python_rows(self) -> list[tuple[int, list]]:
        """Every non-blank row after the header with its exact line (or sheet row) number."""
        if self.rows is None:   # read again rather than keep a large file's text in memory
            try:
                text = self.csv_path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError:   # UTF-8 at the start only: the whole file decides
                data = self.csv_path.read_bytes()
                self.encoding = _encoding(self.file_name, data)
                try:
                    text = data.decode(self.encoding)
                except UnicodeDecodeError:
                    raise _unreadable(self.file_name) from None
            self.rows = _csv_rows(text, self.header_line)
        return self.rows

    def discard(self) -> None:
        if self._temporary:
            self._temporary.unlink(missing_ok=True)
            self._temporary = None


CHUNK = 1 << 24   # bytes read at a time: a large file is never held in memory whole


def read_file(path: str | Path, name: str | None = None, data: bytes | None = None) -> RawTable:
    """Read a CSV (UTF-8 with or without BOM, or GB18030/GBK) or the first sheet of an XLSX.

    A CSV on disk is streamed: hashed and its lines counted chunk by chunk, its encoding told from
    the first chunk. A UTF-8 one is then read by DuckDB in place (DuckDB rejects invalid UTF-8 further
    on, and the file is then decoded in Python, see RawTable.python_rows); a GBK one is re-encoded to
    a UTF-8 copy, also chunk by chunk."""
    path = Path(path)
    name = name or path.name
    try:
        source = io.BytesIO(data) if data is not None else path.open("rb")
    except OSError as error:
        raise _file_problem(name, f"无法读取文件：{error.strerror}", f"cannot read the file: {error.strerror}") from None
    with source:
        head = source.read(CHUNK)
        if not head.strip() and not _rest_has_content(source):
            raise _file_problem(name, "文件为空", "the file is empty")
        suffix = Path(name).suffix.lower()
        if head[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm"):
            whole = head + source.read()
            header, header_row, rows = _read_xlsx(name, whole)
            return RawTable(name, hashlib.sha256(whole).hexdigest(), "xlsx", header, header_row, rows=rows)
        if suffix == ".xls" or head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise _file_problem(name, "不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV",
                                "old .xls files are not supported: save as .xlsx or CSV")
        encoding = _encoding(name, head)
        header, header_line = _csv_header(name, head.decode(encoding, errors="ignore"))
        sha = hashlib.sha256()
        lines = 0
        last = b""
        copy = None
        if data is not None or not encoding.startswith("utf-8"):   # a UTF-8 copy for DuckDB to read
            copy = tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False)
            decoder = codecs.getincrementaldecoder(encoding)()
        try:
            chunk = head
            while chunk:
                sha.update(chunk)
                lines += chunk.count(b"\n")
                last = chunk
                if copy is not None:
                    try:
                        copy.write(decoder.decode(chunk).encode("utf-8"))
                    except UnicodeDecodeError:
                        raise _unreadable(name) from None
                chunk = source.read(CHUNK)
            if copy is not None:
                try:
                    copy.write(decoder.decode(b"", final=True).encode("utf-8"))
                except UnicodeDecodeError:
                    raise _unreadable(name) from None
        except BaseException:
            if copy is not None:
                copy.close()
                Path(copy.name).unlink(missing_ok=True)
            raise
    lines += 0 if last.endswith(b"\n") else 1
    table = RawTable(name, sha.hexdigest(), encoding, header, header_line, line_count=lines)
    if copy is None:
        table.csv_path = path
    else:
        copy.close()
        table.csv_path = table._temporary = Path(copy.name)
    return table


def _rest_has_content(source) -> bool:
    while chunk := source.read(CHUNK):
        if chunk.strip():
            return True
    return False


def _encoding(name: str, head: bytes) -> str:
    """utf-8-sig, utf-8 or gb18030, told from the first chunk of a CSV."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise _file_problem(name, "文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV",
                            "the file is UTF-16: save it as a UTF-8 or GBK CSV")
    if b"\x00" not in head:
        for encoding in ("utf-8", "gb18030"):
            try:
                codecs.getincrementaldecoder(encoding)().decode(head)   # a character cut at the end is fine
            except UnicodeDecodeError:
                continue
            if encoding == "utf-8":
                return "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
            return encoding
    raise _unreadable(name)


def _unreadable(name: str) -> ImportRejected:
    return _file_problem(name, "无法识别文件内容：不是 UTF-8/GBK 编码的 CSV，也不是 XLSX",
                         "unreadable content: not a UTF-8/GBK CSV nor an XLSX file")


def _csv_records(text: str, name: str = ""):
    """(first physical line, cells) of every CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for record in reader:
            yield start, record
            start = reader.line_num + 1
    except csv.Error as error:
        raise _file_problem(name, f"CSV 格式错误（第 {reader.line_num} 行）：{error}",
                            f"malformed CSV at line {reader.line_num}: {error}") from None


def _csv_header(name: str, text: str) -> tuple[list[str], int]:
    for line, record in _csv_records(text, name):
        if any(cell.strip() for cell in record):
            return record, line
    raise _file_problem(name, "没有表头行", "there is no header row")


def _csv_rows(text: str, header_line: int) -> list[tuple[int, list]]:
    return [(line, record) for line, record in _csv_records(text)
            if line > header_line and any(cell.strip() for cell in record)]


def _read_xlsx(name: str, data: bytes) -> tuple[list[str], int, list[tuple[int, list]]]:
    from python_calamine import CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        cells = sheet.to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises several unrelated types for a bad file
        raise _file_problem(name, f"不是有效的 Excel (.xlsx) 文件：{error}",
                            f"not a valid Excel (.xlsx) file: {error}") from None
    header: list[str] = []
    header_row = 0
    rows = []
    for number, record in enumerate(cells, start=1):
        texts = [cell_text(c) for c in record]
        if not header:
            if any(texts):
                header, header_row = texts, number
            continue
        if any(texts):
            rows.append((number, texts))
    if not header:
        raise _file_problem(name, "没有表头行", "there is no header row")
    return header, header_row, rows


def cell_text(cell) -> str:
    """An Excel cell as the text a CSV would hold: dates ISO, whole numbers without .0."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


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

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def rejected(self) -> ImportRejected:
        return ImportRejected(self.table.file_name, sorted(self.problems, key=_problem_order), self.problem_count)

    def preview_rows(self, n: int = 20):
        """The first rows as read, under the SPEC's column names (for the import page)."""
        return self.cursor.execute(f"select * from import_raw order by line limit {int(n)}").df()

    def close(self) -> None:
        try:
            self.cursor.close()
        finally:
            self.table.discard()


def _problem_order(p: Problem):
    return (p.line or 0, p.column or "")


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


def parse(con, kind: str, table: RawTable, year: int | None = None,
          progress: Callable[[float], None] | None = None) -> Parsed:
    """Stage the file in temp tables on a cursor of its own and check every row (no writes)."""
    if kind not in KINDS:
        raise ValueError(kind)
    try:
        positions = map_columns(kind, table, year)
    except ImportRejected:
        table.discard()
        raise
    parsed = Parsed(kind, table, {name: table.header[i] for name, i in positions.items()}, con.cursor(), year)
    try:
        cur = parsed.cursor
        cur.execute(db.sql("import/check_macros"))
        _stage_raw(cur, table, kind, positions)
        if progress:
            progress(0.5)
        cur.execute("create or replace temp table import_staged as " + db.sql(f"import/stage_{kind}"),
                    {"year": year} if kind == "plan" else {})
        cur.execute(db.sql("import/repeated_rows"))
        key = "{" + ", ".join(f"{c}: {c}" for c in KEYS[kind]) + "}"   # a struct of the key columns
        cur.execute(f"create or replace temp table import_repeated as select * from repeated_rows({key})")
        if cur.execute("select count(*) from import_repeated").fetchone()[0]:
            db.execute(cur, "import/mark_repeated")
        parsed.rows_in_file = cur.execute("select count(*) from import_staged").fetchone()[0]
        _collect_row_problems(parsed)
        if progress:
            progress(1.0)
    except BaseException:
        parsed.close()
        raise
    return parsed


def _stage_raw(cur, table: RawTable, kind: str, positions: dict[str, int]) -> None:
    """import_raw(line, <every column of the kind> as text), one row per file row: a view over
    the temp table import_file, which holds the file's cells once."""
    cells = [f"c{positions[c]}" if c in positions else "null::varchar" for c in COLUMNS[kind]]
    names = ", ".join(f"{cell} as {c}" for cell, c in zip(cells, COLUMNS[kind]))
    width = len(table.header)
    if table.csv_path is not None and _read_by_duckdb(cur, table, width, names):
        # rows are stored in file order, so a row's line is its rowid after the header's line
        cur.execute(f"create or replace temp view import_raw as"
                    f" select (rowid + {table.header_line + 1})::bigint as line, * from import_file")
        return
    import pyarrow as pa

    rows = table.python_rows()
    columns = {"line_no": pa.array([line for line, _ in rows], pa.int64())}
    for i in range(width):
        columns[f"c{i}"] = pa.array([cells[i] if i < len(cells) else None for _, cells in rows], pa.string())
    arrow = pa.table(columns)   # noqa: F841 - scanned by name below
    cur.execute(f"create or replace temp table import_file as select line_no as line, {names} from arrow")
    cur.execute("create or replace temp view import_raw as select * from import_file")


def _read_by_duckdb(cur, table: RawTable, width: int, names: str) -> bool:
    """Let DuckDB read the CSV into import_file when its rows are exactly its lines after the
    header (no quoted line breaks, no blank lines)."""
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    try:
        cur.execute(
            f"create or replace temp table import_file as select {names} from read_csv($path, header = false,"
            " skip = $skip, delim = ',', quote = '\"', escape = '\"', null_padding = true, auto_detect = false,"
            f" columns = {columns})", {"path": str(table.csv_path), "skip": table.header_line})
    except Exception:  # ragged rows, bytes that are not UTF-8 and other irregular CSV: read in Python instead
        return False
    rows = cur.execute("select count(*) from import_file").fetchone()[0]
    return table.line_count == table.header_line + rows


def _collect_row_problems(parsed: Parsed) -> None:
    cur = parsed.cursor
    kind, excel = parsed.kind, parsed.table.excel
    bad = cur.execute("select count(*) from import_staged where not row_ok").fetchone()[0]
    if not bad:
        return
    staged = cur.execute(f"select * from import_staged where not row_ok order by line limit {MAX_PROBLEMS}")
    names = [d[0] for d in staged.description]
    staged_rows = [dict(zip(names, r)) for r in staged.fetchall()]
    raw = {r[0]: r for r in cur.execute(
        "select * from import_raw where line in (select line from import_staged where not row_ok"
        f" order by line limit {MAX_PROBLEMS})").fetchall()}
    raw_names = [d[0] for d in cur.execute("select * from import_raw limit 0").description]
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

def check(parsed: Parsed) -> list[Problem]:
    """Rules that need the stored data; fills import_new, new_rows, skipped and total_yuan."""
    cur, kind, excel = parsed.cursor, parsed.kind, parsed.table.excel
    problems = []
    if kind in ("disbursements", "adjustments"):
        for line, code, year in cur.execute(db.sql("import/unplanned")).fetchall():
            problems.append(Problem.of("unplanned", line, "project_code", code, excel, year=year))
    if kind == "indicator_values":
        for line, seq, code, year in cur.execute(db.sql("import/unknown_indicators")).fetchall():
            problems.append(Problem.of("unknown_indicator", line, "seq", seq, excel, year=year, seq=seq))
    flags = {f"has_{c}": c in parsed.mapping for c in ("purpose", "goal_1", "goal_2")}
    cur.execute("create or replace temp table import_stored as " + db.sql(f"import/stored_{kind}"),
                flags if kind == "plan" else {})
    if kind not in REPLACES:   # a stored key with other content is a conflict
        for line, key, differs in cur.execute(
                "select * from import_stored where differs <> '' order by line").fetchall():
            problems.append(Problem.of("conflict", line, KEY_COLUMN[kind], key, excel, differs=differs))
    cur.execute("create or replace temp view import_new as " + db.sql("import/new_rows"))
    parsed.new_rows, total = cur.execute(
        f"select count(*), coalesce(sum({AMOUNT[kind]}), 0) from import_new").fetchone()
    parsed.total_yuan = Decimal(total)
    parsed.skipped = cur.execute("select count(*) from import_stored where differs = ''").fetchone()[0]
    return problems


def preview(parsed: Parsed) -> Parsed:
    """A dry run for the import page: check, write and check the budgets, then roll back."""
    cur = parsed.cursor
    cur.execute("begin transaction")
    try:
        _write_checked(parsed, user=None)
    except ImportRejected:
        pass   # the problems are in parsed
    finally:
        cur.execute("rollback")
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
        if self.batch_id is None:
            return (f"{self.file_name}：{self.rows_in_file} 行均已存在，未作改动 | "
                    f"all {self.rows_in_file} rows already stored, nothing changed")
        return (f"{self.file_name}：导入 {self.loaded} 行，跳过已存在的 {self.skipped} 行，合计 {wan} 万元（批次 {self.batch_id}） | "
                f"imported {self.loaded} rows, skipped {self.skipped} already stored, total {wan} 万元 (batch {self.batch_id})")


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
            raise parsed.rejected()
        cur = parsed.cursor
        cur.execute("begin transaction")
        _trace("transaction began")
        try:
            batch_id = _write_checked(parsed, user)
        except BaseException:
            cur.execute("rollback")
            raise
        _trace("transaction committing")
        cur.execute("commit")
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
    if parsed.problem_count:
        raise parsed.rejected()
    if parsed.kind == "plan":
        found = db.execute(cur, "import/plan_changes")
        names = [d[0] for d in found.description]
        parsed.changes = [dict(zip(names, row)) for row in found.fetchall()]
    if not parsed.new_rows:
        return None
    batch_id = cur.execute(
        "insert into import_batches (kind, file_name, sha256, rows_in_file, rows_loaded, rows_skipped,"
        " amount_yuan, is_sample, imported_by) values ($kind, $file, $sha, $n, $loaded, $skipped,"
        " $amount::decimal(18,2), $sample, $user) returning batch_id",
        {"kind": parsed.kind, "file": parsed.table.file_name, "sha": parsed.table.sha256,
         "n": parsed.rows_in_file, "loaded": parsed.new_rows, "skipped": parsed.skipped,
         "amount": str(parsed.total_yuan), "sample": parsed.is_sample, "user": user},
    ).fetchone()[0]
    _write(cur, parsed, batch_id, user)
    if parsed.kind in UNDOABLE:
        db.execute(cur, f"import/claim_{parsed.kind}", batch=batch_id)
    _check_budgets(parsed)
    if parsed.kind != "indicator_values":
        db.refresh_pace(cur, changed="import_new")
    if user:
        audit.record(cur, user, "import", f"批次 {batch_id}", {
            "batch_id": batch_id, "kind": parsed.kind, "file_name": parsed.table.file_name,
            "sha256": parsed.table.sha256, "rows_loaded": parsed.new_rows, "rows_skipped": parsed.skipped,
            "amount_yuan": parsed.total_yuan})
        for change in parsed.changes:
            audit.record(cur, user, "plan_replaced", f"{change['fiscal_year']} {change['project_code']}",
                         _change_detail(change, batch_id))
    return batch_id


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
            found = cur.execute("select line, budget_wan from import_new where fiscal_year = $y and project_code = $c",
                                {"y": year, "c": code}).fetchone()
            column = "budget_wan"
        else:
            found = cur.execute(
                "select line, amount_wan from import_new where fiscal_year = $y and project_code = $c"
                " and effective_date <= $d order by effective_date desc, line desc limit 1",
                {"y": year, "c": code, "d": day}).fetchone()
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
    found = cur.execute("select kind, undone_at from import_batches where batch_id = $b",
                        {"b": batch_id}).fetchone()
    if found is None or found[1] is not None:
        raise SpendingError(f"批次 {batch_id} 不存在或已撤销 | batch {batch_id} does not exist or was already undone")
    kind = found[0]
    if kind not in UNDOABLE:
        raise SpendingError(f"批次 {batch_id} 是{KIND_LABELS.get(kind, kind)}，只能撤销计划、支付或调整批次 | "
                            f"batch {batch_id} is {kind}: only plan, payment and adjustment batches can be undone")
    if kind == "plan":
        years = [y for (y,) in db.execute(cur, "import/undo_plan_years", batch=batch_id).fetchall()]
    else:
        years = [y for (y,) in cur.execute(f"select distinct fiscal_year from {kind} where batch_id = $b",
                                           {"b": batch_id}).fetchall()]
    cur.execute("create or replace temp table undo_handover as " + db.sql("import/undo_claimants"),
                {"batch": batch_id, "kind": kind})
    kept = 0
    if cur.execute("select count(*) from undo_handover").fetchone()[0]:
        for i, name in enumerate(HANDOVER[kind]):
            changed = db.execute(cur, f"import/{name}", batch=batch_id).fetchone()[0]
            kept += changed if i == 0 else 0
    cur.execute("drop table undo_handover")
    restored = 0
    if kind == "disbursements":
        db.execute(cur, "import/add_to_monthly_actuals", batch=batch_id, sign=-1)
        removed = cur.execute("delete from disbursements where batch_id = $b", {"b": batch_id}).fetchone()[0]
    elif kind == "adjustments":
        removed = cur.execute("delete from adjustments where batch_id = $b", {"b": batch_id}).fetchone()[0]
    else:
        removed, restored = _undo_plan(cur, batch_id)
    negative = db.execute(cur, "import/negative_budgets").fetchall()
    if negative:
        _, code, day = negative[0]
        raise SpendingError(f"撤销后 {code} 的调整后预算在 {day} 将低于 0，未撤销 | "
                            f"undoing would take {code}'s adjusted budget below 0 on {day}: nothing undone")
    cur.execute("update import_batches set undone_at = current_timestamp where batch_id = $b", {"b": batch_id})
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
