"""A file staged in temp tables of a cursor of its own (import_raw, import_staged) and checked row by row:
typed values and an error code per cell (queries/import/stage_<kind>.sql), total lines left out, ragged
rows, repeated keys and names matched to the plan. No writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from collections.abc import Callable
from typing import Any

from spending import characters, db
from spending.files.limits import MAX_CELL_CHARS
from spending.files.problems import ImportRejected, Problem
from spending.files.reading import RawTable
from spending.ingest.columns import (COLUMNS, HEAD_ROWS, MAX_PROBLEMS, TEXT_COLUMNS, WAN_UNIT, amount_unit,
                                     is_spending_plan, map_columns, map_spending_plan, ranked_candidates)
from spending.ingest.kinds import KINDS, RECORDS, required


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
    subtotals: list[dict] = field(default_factory=list)   # per project, in 元 (Decimal), filled by preview()
    dry_run: bool = False                      # inside preview(): write the good rows, roll back
    unit: str = "元"                           # of the file's amount: 元 or 万元 (converted exactly to 元)
    by_name: list[dict] = field(default_factory=list)   # rows whose project was found by its name (按名称匹配)
    chosen: dict[str, str] = field(default_factory=dict)  # columns an import mapping chose (our column -> header)
    unused: list[str] = field(default_factory=list)       # the file's headers that nothing reads (未使用的列, SPEC §5)
    layout: str = ""                           # "spending_plan": a plan given as a 用款计划 in amounts (task J)
    planned_yuan: Decimal | None = None        # a 用款计划's planned total of the new rows (total_yuan: their budgets)
    adjusted_yuan: Decimal | None = None       # and those projects' adjusted budgets (task B, issue 33)
    odd_rows: int = 0                          # 合计 lines and keys with a line break, kept in import_marks (marks.sql)

    @property
    def file_total_yuan(self) -> Decimal:
        """What the new rows' amounts add up to: a 用款计划's planned amounts, else total_yuan (a plan's budgets,
        payments, adjustments); the import's summary, its batch and its audit entry say this one."""
        return self.total_yuan if self.planned_yuan is None else self.planned_yuan

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def rejected(self) -> ImportRejected:
        return ImportRejected(self.table.file_name, sorted(self.problems, key=_problem_order), self.problem_count)

    def preview_rows(self):
        """The first HEAD_ROWS rows as read, under the file kind's Chinese column names (for the import page)."""
        names = {"line": "行号", **{c: col.zh for c, col in COLUMNS[self.layout or self.kind].items() if c in self.mapping}}
        return db.execute(self.cursor, "import/head_rows").df()[list(names)].rename(columns=names)

    def close(self) -> None:
        try:
            self.cursor.close()
        finally:
            self.table.discard()


def _problem_order(p: Problem):
    return (p.line or 0, p.column or "")


def parse(con, kind: str, table: RawTable, year: int | None = None,
          progress: Callable[[float], object] | None = None, chosen: dict[str, str] | None = None,
          unit: str | None = None) -> Parsed:
    """Stage the file in temp tables on a cursor of its own and check every row (no writes).
    chosen: our column -> the file's header, taken as given (an import mapping); the rest guessed.
    unit: 'yuan' or 'wan', the unit of a budget amount whose header and title rows name none (--unit,
    the page's choice); without it such a file is refused (UnitUnknown, SPEC §5)."""
    if kind not in KINDS:
        raise ValueError(kind)
    if kind == "plan" and not chosen and is_spending_plan(table.header):
        return _parse_spending_plan(con, table, year, progress, unit)
    try:
        positions = map_columns(kind, table, year, chosen)
        amount_in = amount_unit(kind, table, positions, unit)
    except ImportRejected:
        table.discard()
        raise
    parsed = Parsed(kind, table, {name: table.header[i] for name, i in positions.items()}, con.cursor(), year,
                    unit=amount_in,
                    chosen={c: h for c, h in (chosen or {}).items() if c in positions},
                    unused=unused_headers(table.header, positions))
    try:
        cur = parsed.cursor
        parsed.odd_rows = _stage_raw(cur, table, kind, positions)
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
            params["wan"] = parsed.unit == WAN_UNIT
        else:
            params = {"year": year} if kind == "plan" else {}
            if RECORDS[kind].budget_amount:   # a budget amount in 元 (header, title or the unit given) is kept exactly
                params["wan"] = parsed.unit == WAN_UNIT
        db.execute(cur, RECORDS[kind].stage, **params)
        _normalise_keys(cur, kind)
        db.execute(cur, "import/repeated_rows")
        db.execute(cur, required(RECORDS[kind].find_repeated))
        if db.value(cur, "import/repeated_count"):
            db.execute(cur, "import/mark_repeated")
        parsed.rows_in_file = db.value(cur, "import/staged_counts")
        _collect_row_problems(parsed)
        _lossy_codes(parsed, positions)
        _key_line_breaks(parsed, positions)
        if kind == "disbursements" and db.value(cur, "import/has_names"):
            _match_names(parsed)
        _keep_only_head(cur)
        if progress:
            progress(1.0)
    except BaseException:
        parsed.close()
        raise
    return parsed


def _parse_spending_plan(con, table: RawTable, year: int | None, progress, unit: str | None) -> Parsed:
    """A 用款计划 in amounts given as a plan (SPEC §5): staged as plan rows of the projects it names (their stored
    name, 科室 and budget, its checkpoints holding the cumulative amounts: queries/import/stage_spending_plan.sql),
    so that the plan's checks, writes, versions and undo take it; it touches no other project."""
    try:
        positions, amount_in = map_spending_plan(table, year, unit)
    except ImportRejected:
        table.discard()
        raise
    parsed = Parsed("plan", table, {name: table.header[i] for name, i in positions.items()}, con.cursor(), year,
                    unit=amount_in, unused=unused_headers(table.header, positions), layout="spending_plan")
    try:
        cur = parsed.cursor
        parsed.odd_rows = _stage_raw(cur, table, "spending_plan", positions)
        table.rows = None
        for line, cells, text in table.ragged:
            code = "ragged_more" if cells > len(table.header) else "ragged_less"
            parsed.add(Problem.of(code, line, None, text, table.excel, cells=cells, header=len(table.header)))
        _leave_out_totals(parsed)
        if progress:
            progress(0.5)
        db.execute(cur, "import/spending_plan_cells", year=year, wan=amount_in == WAN_UNIT)
        db.execute(cur, "import/spending_plan_matched")
        db.execute(cur, "import/spending_plan_problems")
        db.execute(cur, RECORDS["spending_plan"].stage)
        excel = table.excel
        for line, column, value, code, first, fiscal_year in db.execute(cur, "import/spending_plan_problem_rows",
                                                                        limit=MAX_PROBLEMS).fetchall():
            parsed.add(Problem.of(code, line, column, value, excel, year=fiscal_year or year, first=first, n=first))
        over = db.execute(cur, "import/spending_plan_over_budget").fetchall()
        for line, code, planned, budget in over:
            parsed.add(Problem.of("plan_over_budget", line, "amount", code, excel, planned=f"{planned:,.2f}",
                                  budget=f"{budget:,.2f}"))
        if over:
            db.execute(cur, "import/mark_not_ok", lines=[line for line, *_ in over])
        parsed.rows_in_file = db.value(cur, "import/spending_plan_rows")
        _keep_only_head(cur)
        if progress:
            progress(1.0)
    except BaseException:
        parsed.close()
        raise
    return parsed


def unused_headers(header: list[str], positions: dict[str, int]) -> list[str]:
    """The file's non-blank headers that no column of the kind was mapped to, in file order."""
    taken = set(positions.values())
    return [str(text) for i, text in enumerate(header) if i not in taken and str(text or "").strip()]


def _lossy_codes(parsed: Parsed, positions: dict[str, int]) -> None:
    """A key or code an XLSX holds as a number of more than 15 digits has lost digits (not a project
    without a plan): named as such, the row left out of the checks against the stored data."""
    columns = {positions[c]: c for c in RECORDS[parsed.kind].code_columns if c in positions}
    found = [(line, columns[i], text) for line, i, text in parsed.table.lossy_numbers if i in columns]
    for line, column, text in found:
        parsed.add(Problem.of("excel_digits", line, column, text, parsed.table.excel))
    if found:
        db.execute(parsed.cursor, "import/mark_not_ok", lines=[line for line, _, _ in found])


def _key_line_breaks(parsed: Parsed, positions: dict[str, int]) -> None:
    """A key or code holding a line break between its characters (two values in one cell, Alt+Enter in a
    spreadsheet: line_break_inside in check_macros.sql) is a problem naming its column, the row left out of the
    checks against the stored data: never one key made of both values (issue 32)."""
    lines = []
    for column in RECORDS[parsed.kind].code_columns if parsed.odd_rows else ():   # none without odd rows
        if column in positions:
            for line, text in db.execute(parsed.cursor, "import/key_line_breaks", column=column).fetchall():
                parsed.add(Problem.of("line_break", line, column, text, parsed.table.excel))
                lines.append(line)
    if lines:
        db.execute(parsed.cursor, "import/mark_not_ok", lines=lines)


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


def _stage_raw(cur, table: RawTable, kind: str, positions: dict[str, int]) -> int:
    """import_lines(line, <every column of the kind> as text, first_cell, key_cell), one row per file row:
    a view over the CSV itself where DuckDB can read it (no copy of the file's cells: the staging reads it),
    else over the temp table import_file of the rows read in Python (first_cell is the file's first cell,
    by which a 合计/小计/总计 line is also recognised). import_raw is import_lines without such total lines
    (see _leave_out_totals). Gives the number of odd rows, looked at by themselves (_mark)."""
    names = {c: f"c{positions[c]}" if c in positions else None for c in COLUMNS[kind]}
    first = next((c for c, i in positions.items() if i == 0), None)
    if first is None:
        names["first_cell"] = "c0"
    extra: dict[str, str | None] = {"key_cell": RECORDS[kind].key_column, **({"first_cell": first} if first else {})}
    if RECORDS[kind].amount_column:   # the file's next cell after the amount, where it is a text column (not a copy)
        after = positions.get(required(RECORDS[kind].amount_column), -2) + 1
        extra["amount_next"] = next((c for c, i in positions.items() if i == after and c in TEXT_COLUMNS), None)
    width = len(table.header)
    columns, extra_cells = db.select_list(names), db.select_list(extra)
    # the keys and codes key_line_breaks looks at (COLUMNS takes no empty list: a kind without codes marks by its key)
    codes = [c for c in RECORDS[kind].code_columns if c in names] or ["key_cell"]
    if table.csv_path is not None:
        odd = _read_by_duckdb(cur, table, width, columns, extra_cells, codes)
        if odd is not None:
            return odd
    import pyarrow as pa

    rows = table.python_rows()
    arrays = {"line_no": pa.array([line for line, _ in rows], pa.int64())}
    for i in range(width):
        arrays[f"c{i}"] = pa.array([cells[i] if i < len(cells) else None for _, cells in rows], pa.string())
    cur.register("import_rows", pa.table(arrays))
    cur.execute(db.filled("import/file_from_rows", columns=columns)).fetchall()   # done before it goes
    cur.unregister("import_rows")
    cur.execute(db.filled("import/lines", extra=extra_cells))
    return _mark(cur, codes)[1]


def _mark(cur, codes: list[str]) -> tuple[int, int]:
    """Count the rows read and the odd ones (a 合计 line, a line break in a key: odd_rows.sql), in one pass over the
    file; the odd ones kept in import_marks (marks.sql) when there is one. Gives both counts."""
    [(rows, odd)] = db.execute(cur, "import/odd_rows", codes=codes).fetchall()   # read to the end: the cursor may register next
    if odd:
        db.execute(cur, "import/marks", codes=codes)
    return rows, odd


def _normalise_keys(cur, kind: str) -> None:
    """The keys and codes of import_staged that code() gave back with a character NFKC may change (full-width
    letters, compatibility forms: needs_nfkc, a few rows at most) normalised as characters.normalise_code does;
    one nothing is left of is blank. Set-based: the distinct odd values are mapped in one UPDATE."""
    for column in RECORDS[kind].code_columns:
        found = db.execute(cur, "import/nfkc_candidates", column=column).fetchall()
        mapping = [(old, new) for old, new in ((k, characters.normalise_code(k)) for (k,) in found) if new != old]
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
    if parsed.odd_rows:   # else the file has none (import_marks is not even made)
        parsed.total_lines = [(line, label) for line, label in db.execute(cur, "import/total_rows").fetchall()]
    record = RECORDS[parsed.kind]
    if parsed.total_lines and record.date_column:
        # a 合计 in the key column of a row whose code, date and amount are valid is not left out silently
        places, limit = (2, 1e13) if parsed.kind == "disbursements" else (6, 1e9)
        key = record.key_column
        for line, label in db.execute(cur, "import/total_with_data", date=record.date_column,
                                      amount=record.amount_column, places=places, limit=limit).fetchall():
            parsed.add(Problem.of("total_with_data", line, key, label, parsed.table.excel))
    if parsed.total_lines:
        db.execute(cur, "import/raw_without_totals")
    else:
        db.execute(cur, "import/raw_lines")


def _read_by_duckdb(cur, table: RawTable, width: int, columns: str, extra: str, codes: list[str]) -> int | None:
    """Let DuckDB read the CSV where it lies (the view import_csv, under import_lines) when its rows are exactly its
    lines after the header (no quoted line breaks, no blank lines, every row as wide as the header) and no line is
    longer than MAX_CELL_CHARS bytes (so that no cell is longer than the limit: a longer line is read in Python,
    which names a cell of more characters with its line, as for every reader). The one pass that counts the odd
    rows (_mark) reads every line and so tells: it fails on an irregular line, and it reads as many rows as the file
    has lines after the header only if no line was skipped or joined to another. Gives the number of odd rows, None
    when Python must read."""
    db.execute(cur, "import/csv_source", path=str(table.csv_path), skip=table.header_line, max_line=MAX_CELL_CHARS,
               types={f"c{i}": "VARCHAR" for i in range(width)})
    cur.execute(db.filled("import/file_from_csv", columns=columns, header_line=str(table.header_line)))
    cur.execute(db.filled("import/lines_from_csv", extra=extra))
    try:
        rows, odd = _mark(cur, codes)
    except Exception:  # noqa: BLE001 - ragged rows, bytes that are not UTF-8 and other irregular CSV: read in Python instead
        return None
    return odd if table.line_count == table.header_line + rows else None


def _collect_row_problems(parsed: Parsed) -> None:
    cur = parsed.cursor
    kind, excel = parsed.kind, parsed.table.excel
    bad = db.one(cur, "import/staged_counts")[1]
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
        if kind == "plan" and row["decreasing_month"]:
            month = row["decreasing_month"]
            parsed.add(Problem.of("decreasing", line, month, cells.get(month), excel))
        else:
            key = RECORDS[kind].key_column
            parsed.add(Problem.of("duplicate", line, key, cells.get(key), excel, first=row["first_line"]))
    parsed.problem_count += bad - len(staged_rows)   # rows beyond the fetched report


def mapped_by(parsed: Parsed) -> dict[str, str]:
    """How each mapped column was recognised: 'name' (our own Chinese or English name), 'alias', or
    'chosen' (taken from an import mapping)."""
    exact = {name: {i for rank, i in found if rank == 0}
             for name, found in ranked_candidates(parsed.layout or parsed.kind, parsed.table.header).items()}
    header = parsed.table.header
    return {name: "chosen" if name in parsed.chosen
            else "name" if any(header[i] == text for i in exact.get(name, ())) else "alias"
            for name, text in parsed.mapping.items()}
