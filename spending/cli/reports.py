"""The pace, read only: status (every project), sections, units (预算单位, ranked), sources (资金来源) — SPEC §3
and §5 — compare (each section against the same month of another year) and report (the monthly bulletin)."""

from __future__ import annotations

import sys

from spending import SpendingError, db, ingest, pace
from spending.i18n import Message
from spending.cli.arguments import UsageError, as_of, points, report_file, year
from spending.cli.database import on_database
from spending.cli.output import emit, print_table
from spending.rules import DEFAULT_RED, DEFAULT_YELLOW


def add_pace(verbs) -> None:
    """status, sections, units, sources --as-of YYYY-MM [their filters] [--format table|csv|json]."""
    for verb in ("status", "sections", "units", "sources"):
        p = verbs.add_parser(verb, help={"status": "every project's pace", "sections": "every section's pace",
                                         "units": "every 预算单位's pace, ranked by 执行率",
                                         "sources": "every 资金来源's 执行率 against 序时进度"}[verb])
        p.set_defaults(func={"status": status, "sections": sections, "units": units, "sources": sources}[verb])
        p.add_argument("--as-of", required=True, type=as_of, metavar="YYYY-MM")
        if verb != "sections":
            p.add_argument("--section")
        if verb in ("status", "sources"):
            p.add_argument("--unit", metavar="CODE", help="预算单位编码 (a 部门 code takes its 单位 too)")
        if verb != "sources":
            p.add_argument("--source", metavar="NAME", help="only this 资金来源's budget and payments")
            p.add_argument("--direct", action="store_true", help="only 直达资金")
        if verb == "status":
            p.add_argument("--year", type=int, metavar="YYYY",
                           help="the fiscal year closed, when --as-of is a month of the next year's carry-over period "
                                "(January–June): its carry-over payments paid by then are counted")
        if verb != "sources":   # a source has no plan of its own: 序时进度 only
            p.add_argument("--yellow", type=points, default=DEFAULT_YELLOW, metavar="PP")
            p.add_argument("--red", type=points, default=DEFAULT_RED, metavar="PP")
        p.add_argument("--format", choices=("table", "csv", "json"), default="table")


def check_section(con, y: int, section: str | None) -> None:
    """--section must name a section of that year."""
    if section is None:
        return
    known = [r["section"] for r in db.rows(con, "sections", year=y, scope=None)]
    if section not in known:
        raise SpendingError("section_not_in_year", year=y, section=section,
                            listed=("、".join(known) or "（无）", ", ".join(known) or "none"))


@on_database
def status(con, args) -> int | None:
    """Every project's pace; with --year, the year closed at a cut-off in its carry-over period."""
    if args.year not in (None, args.as_of[0]):
        return closed_year_status(con, args)
    y, m = args.as_of
    check_section(con, y, args.section)
    rows = pace.project_status(con, y, m, args.thresholds, args.section, args.unit, args.source, args.direct)
    negative = {r["project_code"]: r for r in db.rows(con, "negative_spending", year=y, month=m,
                                                      scope=[args.section] if args.section else None)}
    if args.format == "table":   # the row itself flagged; csv and json keep SPEC §3's values
        rows = [{**r, "status_note": "（累计支出为负）"} if r["project_code"] in negative else r for r in rows]
    emit(rows, pace.STATUS_COLUMNS, args.format)
    if negative:
        print("注意：累计支出为负（有冲销/退款而无对应的原支付？请核对并补导入）：" + "、".join(
              f"{c} {r['project_name']}（{r['month']} 月底 {r['cumulative_yuan']:,.2f} 元）" for c, r in negative.items())
              + " | warning: cumulative spending is negative (a reversal without its payment?): " + ", ".join(negative),
              file=sys.stderr)
    return None


def closed_year_status(con, args) -> int | None:
    """status --year: a cut-off after 31 December, the year closed with its carry-over payments (exit 2 when
    --as-of is not in that year's carry-over period)."""
    y, m = args.as_of
    if args.year != y - 1 or m > ingest.CARRY_OVER_MONTHS:
        last = ingest.CARRY_OVER_MONTHS
        print(Message("year_not_as_of", year=args.year, as_of=f"{y}-{m:02d}",
                      last=(str(last), "June" if last == 6 else str(last))), file=sys.stderr)
        return 2
    check_section(con, args.year, args.section)
    emit(pace.closed_year_status(con, args.year, 12 + m, args.thresholds, args.section), pace.STATUS_COLUMNS,
         args.format)
    return None


@on_database
def sections(con, args) -> None:
    y, m = args.as_of
    emit(pace.section_status(con, y, m, args.thresholds, args.source, args.direct), pace.SECTION_COLUMNS, args.format)


@on_database
def units(con, args) -> None:
    y, m = args.as_of
    check_section(con, y, args.section)
    emit(pace.unit_status(con, y, m, args.thresholds, [args.section] if args.section else None, args.source,
                          args.direct, columns=pace.UNIT_COLUMNS), pace.UNIT_COLUMNS, args.format)


@on_database
def sources(con, args) -> None:
    y, m = args.as_of
    check_section(con, y, args.section)
    rows = pace.source_status(con, y, m, [args.section] if args.section else None, args.unit)
    emit(rows, pace.SOURCE_COLUMNS, args.format)
    unbudgeted = [r for r in rows if r["unbudgeted_projects"]]
    if unbudgeted:   # 无指标支付: counted in the totals, named where the treasury looks
        print("注意：无指标支付（项目在该资金来源下没有预算）：" + "、".join(
              f"{r['source']} {r['unbudgeted_wan']:,.2f} 万元（{r['unbudgeted_projects']} 个项目）" for r in unbudgeted)
              + " | warning: payments from a source without budget on their project: " + ", ".join(
              f"{r['source']} {r['unbudgeted_wan']:,.2f} 万元" for r in unbudgeted), file=sys.stderr)


def add_compare(verbs) -> None:
    """compare --as-of YYYY-MM [--with YYYY] [--format table|csv|json] (issue 14)."""
    p = verbs.add_parser("compare", help="each section this year against the same month of another year")
    p.set_defaults(func=compare)
    p.add_argument("--as-of", required=True, type=as_of, metavar="YYYY-MM")
    p.add_argument("--with", dest="with_year", type=year, metavar="YYYY", help="the other year (default: the year before)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")


@on_database
def compare(con, args) -> int:
    y, m = args.as_of
    rows = pace.compare_sections(con, y, m, args.with_year)
    if args.format != "table":
        emit(rows, pace.COMPARE_COLUMNS, args.format)
        return 0
    other = y - 1 if args.with_year is None else args.with_year
    if not rows:
        print(Message("compare_no_projects", year=y, other=other))
        return 0
    print(Message("compare_as_of", as_of=f"{y}-{m:02d}", against=f"{other}-{m:02d}"))
    print_table(rows, pace.COMPARE_COLUMNS)
    return 0


def add_report(verbs) -> None:
    """report --as-of YYYY-MM --out FILE.xlsx|FILE.pdf [--section NAME] (SPEC §3.2)."""
    report = verbs.add_parser("report", help="the monthly bulletin (.xlsx or .pdf by the suffix of --out)")
    report.set_defaults(func=write_report)
    report.add_argument("--as-of", required=True, type=as_of, metavar="YYYY-MM")
    report.add_argument("--out", required=True, type=report_file, metavar="FILE")
    report.add_argument("--section", metavar="NAME", help="that section's own bulletin")
    report.add_argument("--yellow", type=points, default=DEFAULT_YELLOW, metavar="PP")
    report.add_argument("--red", type=points, default=DEFAULT_RED, metavar="PP")


@on_database
def write_report(con, args) -> None:
    """The bulletin to --out (--section: that section's own, as its 科室 user downloads it): a folder or a
    path that cannot be written is a plain message; a section the year does not have is wrong usage."""
    from pathlib import Path

    from spending import bulletin

    out = Path(args.out)
    if out.is_dir():
        raise SpendingError("out_is_folder", out=out)
    y, m = args.as_of
    try:
        check_section(con, y, args.section)
    except SpendingError as error:
        raise UsageError("report --section", error) from None
    review = bulletin.review(con, y, m, args.thresholds, scope=[args.section] if args.section else None)
    try:
        path = bulletin.write(review, args.out)
    except OSError as error:
        raise SpendingError("out_unwritable", out=out, reason=error.strerror or str(error)) from None
    print(Message("bulletin_written", path=path))
