"""The rules that need the stored data: plans exist, indicators exist, conflicts with stored rows, identical
rows skipped, a project's month below the limit. Fills import_new (the rows to write)."""

from __future__ import annotations

import re
from decimal import Decimal

from spending import db
from spending.files.problems import Problem
from spending.ingest.columns import LIMIT_YUAN
from spending.ingest.kinds import RECORDS, required
from spending.ingest.parsing import Parsed

_SCIENTIFIC = re.compile(r"[+-]?\d(?:\.\d+)?[eE]\+?\d+")


def plan_flags(mapping) -> dict[str, bool]:
    """Which optional columns a plan file gives: a stored project keeps what the file does not say."""
    flags = {f"has_{c}": c in mapping for c in ("purpose", "goal_1", "goal_2", "source", "direct")}
    return {**flags, "has_unit": "unit_code" in mapping or "unit_name" in mapping}


def check(parsed: Parsed) -> list[Problem]:
    """Rules that need the stored data; fills import_new, new_rows, skipped and total_yuan. Rows with
    a problem here are marked not ok, so that a preview can go on with the others."""
    cur, kind, excel = parsed.cursor, parsed.kind, parsed.table.excel
    record = RECORDS[kind]
    problems = []
    if kind in ("disbursements", "adjustments"):
        for line, code, year in db.execute(cur, "import/unplanned").fetchall():
            # 3.301E+20: a CSV saved by Excel from a code column held as numbers has lost the code's digits
            reason = "excel_digits" if _SCIENTIFIC.fullmatch(code) else "unplanned"
            problems.append(Problem.of(reason, line, "project_code", code, excel, year=year))
    if kind in ("disbursements", "adjustments"):   # SPEC §5: a payment or 指标 row naming a unit names its project's
        for line, unit, project_unit in db.execute(cur, "import/unit_mismatch").fetchall():
            problems.append(Problem.of("unit_mismatch", line, "unit_name", unit, excel, project_unit=project_unit))
    if kind == "indicator_values":
        for line, seq, _code, year in db.execute(cur, "import/unknown_indicators").fetchall():
            problems.append(Problem.of("unknown_indicator", line, "seq", seq, excel, year=year, seq=seq))
    if record.stored_case:   # a key stored in other case only is that stored key (issue 32)
        db.execute(cur, record.stored_case)
    flags = plan_flags(parsed.mapping)
    db.execute(cur, required(record.stored), **(flags if kind == "plan" else {}))
    if not record.replaces:   # a stored key with other content is a conflict
        for line, key, differs, stored, new in db.execute(cur, required(record.conflicts)).fetchall():
            problems.append(Problem.of("conflict", line, record.key_column, key, excel, differs=differs,
                                       stored=stored, file=new))
    if problems:
        db.execute(cur, "import/mark_not_ok", lines=[p.line for p in problems])
    db.execute(cur, "import/new_rows")
    parsed.new_rows, total, absolute = db.one(cur, record.new_totals)
    if kind == "disbursements" and absolute + db.value(cur, "import/largest_stored_month") >= LIMIT_YUAN:
        beyond = db.execute(cur, "import/project_month_too_large").fetchall()
        for line, code, value, _ in beyond:
            problems.append(Problem.of("project_total", line, "amount_yuan", value, excel, project=code))
        if beyond:
            db.execute(cur, "import/mark_not_ok", lines=[n for *_, lines in beyond for n in lines])
            parsed.new_rows, total, absolute = db.one(cur, record.new_totals)
    parsed.total_yuan = Decimal(total)
    if parsed.layout == "spending_plan":   # the preview says the planned amounts' total, not the budgets (task B)
        planned, adjusted = db.one(cur, RECORDS[parsed.layout].new_totals)
        parsed.planned_yuan, parsed.adjusted_yuan = Decimal(planned), Decimal(adjusted)
    parsed.skipped = db.value(cur, "import/skipped_count")
    return problems
