"""The command line of SPEC §3: python -m spending [--db PATH] VERB ...

Exit status: 0 done; 1 invalid input or data, a missing file, a database not initialised
or locked (one line on stderr, never a traceback); 2 wrong usage.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import duckdb

from spending import SpendingError, audit, auth, db, files, i18n, ingest, mappings, pace, seed
from spending.rules import DEFAULT_RED, DEFAULT_YELLOW, Thresholds



def as_of(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise argparse.ArgumentTypeError(f"'{text}' is not a month YYYY-MM (01..12)")
    return int(match.group(1)), int(match.group(2))


def points(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be a number ≥ 0")
    return value


def report_file(text: str) -> str:
    if not text.lower().endswith((".xlsx", ".pdf")):
        raise argparse.ArgumentTypeError(f"'{text}' must end in .xlsx or .pdf")
    return text


def year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text):
        raise argparse.ArgumentTypeError(f"'{text}' is not a year YYYY")
    return int(text)


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a day YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m spending", description="支出进度监控 — spending pace monitor")
    parser.add_argument("--db", help="DuckDB file (default: $SPENDING_DB, else data/spending.duckdb)")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    init = verbs.add_parser("init", help="create the database with the 2021 plan")
    init.add_argument("--demo", action="store_true", help="also load sample payments (marked as sample)")

    plan = verbs.add_parser("import-plan", help="import a plan file (CSV, XLSX or XLS)")
    plan.add_argument("file")
    plan.add_argument("--year", type=year)
    plan.add_argument("--mapping", metavar="NAME", help=MAPPING_HELP)
    for verb in ("import-disbursements", "import-adjustments", "import-indicators"):
        sub = verbs.add_parser(verb, help=f"import a {verb[7:]} file (CSV, XLSX or XLS)")
        sub.add_argument("file")
        sub.add_argument("--mapping", metavar="NAME", help=MAPPING_HELP)
        if verb == "import-adjustments":
            adjust = sub
    for sub in (plan, adjust):   # SPEC §5 Units of money: a budget amount naming no unit is never guessed
        sub.add_argument("--unit", choices=tuple(ingest.UNIT_CHOICES), help=UNIT_HELP)

    for verb in ("status", "sections", "units", "sources"):
        p = verbs.add_parser(verb, help={"status": "every project's pace", "sections": "every section's pace",
                                         "units": "every 预算单位's pace, ranked by 执行率",
                                         "sources": "every 资金来源's 执行率 against 序时进度"}[verb])
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

    add_import_document(verbs)
    add_compare(verbs)
    add_notices(verbs)
    report = verbs.add_parser("report", help="the monthly bulletin (.xlsx or .pdf by the suffix of --out)")
    report.add_argument("--as-of", required=True, type=as_of, metavar="YYYY-MM")
    report.add_argument("--out", required=True, type=report_file, metavar="FILE")
    report.add_argument("--section", metavar="NAME", help="that section's own bulletin")
    report.add_argument("--yellow", type=points, default=DEFAULT_YELLOW, metavar="PP")
    report.add_argument("--red", type=points, default=DEFAULT_RED, metavar="PP")
    verbs.add_parser("remove-sample", help="remove the sample payments and adjustments")
    verbs.add_parser("backup", help="copy the whole database into a new file").add_argument("file")
    verbs.add_parser("export-parquet", help="plans, payments and adjustments as Parquet partitioned by year and "
                                            "section").add_argument("folder")

    user = verbs.add_parser("user", help="accounts of the dashboard (admin, leader, section)")
    user_verbs = user.add_subparsers(dest="user_verb", required=True, metavar="add|remove|list")
    add = user_verbs.add_parser("add", help="create or change an account")
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=auth.ROLES)
    add.add_argument("--section", action="append", default=[], metavar="NAME", help="科室 (repeatable)")
    add.add_argument("--name", help="显示名")
    user_verbs.add_parser("remove", help="delete an account").add_argument("email")
    user_verbs.add_parser("list", help="every account").add_argument(
        "--format", choices=("table", "csv", "json"), default="table")

    log = verbs.add_parser("audit", help="the audit log: every write, who and when")
    log.add_argument("--since", type=day, metavar="YYYY-MM-DD")
    log.add_argument("--format", choices=("table", "csv", "json"), default="table")
    add_history_verbs(verbs)
    mapping_remove = add_mappings(verbs)
    for verb, sub in verbs.choices.items():     # every write verb waits for another writer
        if verb in WRITE_VERBS:
            add_wait(sub)
    for sub in (add, user_verbs.choices["remove"], mapping_remove):
        add_wait(sub)
    return parser


# Verbs that write; every other verb opens the database read-only and never writes to it.
WRITE_VERBS = ("init", "import-plan", "import-disbursements", "import-adjustments", "import-indicators", "import-document",
               "remove-sample", "undo")
HISTORY_COLUMNS = ["batch_id", "imported_at", "kind", "file_name", "rows_loaded", "amount_yuan", "undone_at"]


def bounded(parse, most, what: str, unit: str):
    """An argparse type: parse(text) between 0 and `most`, else a usage error naming `what` and `unit`."""
    def check(text: str):
        try:
            value = parse(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not {what}") from None
        if not 0 <= value <= most:
            raise argparse.ArgumentTypeError(f"'{text}' must be between 0 and {most} {unit}")
        return value
    return check


seconds = bounded(float, 86400, "a number of seconds", "seconds")


def add_wait(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--wait", type=seconds, default=db.WAIT_SECONDS, metavar="SECONDS",
                     help=f"wait this long for another writer (the dashboard) to finish (default {db.WAIT_SECONDS:g})")


def add_history_verbs(verbs) -> None:
    history = verbs.add_parser("history", help="every import batch, newest first")
    history.add_argument("--format", choices=("table", "csv", "json"), default="table")
    undo = verbs.add_parser("undo", help="take an import batch back (plan, payments or adjustments)")
    undo.add_argument("batch_id", type=int)


NOTICE_WRITES = ("issue", "review", "send", "remind")


working_days = bounded(int, 60, "a whole number of days", "working days")


def writes(args) -> bool:
    return (args.verb in WRITE_VERBS or (args.verb == "user" and args.user_verb in ("add", "remove"))
            or (args.verb == "notices" and args.notices_verb in NOTICE_WRITES)
            or (args.verb == "mappings" and args.mappings_verb == "remove"))


def open_database(args):
    """Read verbs: read-only, at once (SPEC 3.1: they never wait; beside a running write they say
    so in one line); write verbs: read-write, waiting up to --wait seconds for the other writer."""
    if writes(args):
        return db.connect(args.db, wait=args.wait)
    return db.connect(args.db, read_only=True)


def run_history(con, args) -> None:
    emit(db.rows(con, "batch_history"), HISTORY_COLUMNS, args.format, empty="没有导入记录 | no imports yet")


def run_undo(con, args) -> None:
    print(ingest.undo(con, args.batch_id, user=auth.cli_actor()).summary())


def check_section(con, y: int, section: str | None) -> None:
    """--section must name a section of that year."""
    if section is None:
        return
    known = [r["section"] for r in db.rows(con, "sections", year=y, scope=None)]
    if section not in known:
        listed = "、".join(known) if known else "（无）"
        raise SpendingError(f"{y} 年度没有科室「{section}」；该年度的科室：{listed} | "
                            f"no section \"{section}\" in {y}; its sections: {', '.join(known) or 'none'}")


class UsageError(SpendingError):
    """Wrong usage found only once the database is open (`report --section` naming no section): exit 2."""


def write_report(con, args, thresholds) -> None:
    """The bulletin to --out (--section: that section's own, as its 科室 user downloads it): a folder or a
    path that cannot be written is a plain message; a section the year does not have is wrong usage."""
    from pathlib import Path

    from spending import bulletin

    out = Path(args.out)
    if out.is_dir():
        raise SpendingError(f"--out {out} 是文件夹，请给出文件名（.xlsx 或 .pdf） | "
                            f"--out {out} is a folder: give a file name (.xlsx or .pdf)")
    y, m = args.as_of
    try:
        check_section(con, y, args.section)
    except SpendingError as error:
        raise UsageError(f"report --section: {error}") from None
    review = bulletin.review(con, y, m, thresholds, scope=[args.section] if args.section else None)
    try:
        path = bulletin.write(review, args.out)
    except OSError as error:
        raise SpendingError(f"无法写入 {out}：{error.strerror or error} | cannot write {out}: "
                            f"{error.strerror or error}") from None
    print(f"已生成月度通报 {path} | wrote the bulletin {path}")


class _Visible:
    """A text stream that writes every text through files.visible: whatever the command line prints (tables,
    import reports, import-document's read-out, errors naming a value) shows a terminal control from the data
    (ESC, CR, C1, bidi overrides) as <U+XXXX> instead of obeying it. The data formats write to `unfiltered`:
    CSV as it is (formulas neutralised), JSON with such characters as \\u escapes (the same data)."""

    def __init__(self, stream):
        self.unfiltered = stream

    def write(self, text: str) -> int:
        self.unfiltered.write(files.visible(text))
        return len(text)

    def __getattr__(self, name):
        return getattr(self.unfiltered, name)


def unfiltered(stream):
    """The stream under a _Visible one (the data formats' stdout)."""
    return getattr(stream, "unfiltered", stream)


def main(argv: list[str] | None = None) -> int:
    """The command line; everything it prints on stdout and stderr goes through files.visible (_Visible)."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Visible(unfiltered(sys.stdout)), _Visible(unfiltered(sys.stderr))
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    thresholds = None
    if args.verb in ("status", "sections", "units", "report", "notices"):
        try:
            thresholds = Thresholds(args.yellow, args.red)
        except ValueError as error:
            parser.error(str(error))
    if args.verb == "user" and args.user_verb == "add" and args.role != "section" and args.section:
        parser.error("--section is only for --role section")
    try:
        return run(args, thresholds)
    except BrokenPipeError:     # `... | head` stopped reading: not an error, and nothing more to say
        silence_stdout()
        return 0
    except db.DiskFull:
        path = db.db_path(args.db)
        db.give_back_space(path)        # the connection is closed (run's finally): the failed write's blocks go
        print(str(db.DiskFull(path)), file=sys.stderr)
        return 1
    except SpendingError as error:
        print(str(error), file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    except duckdb.Error as error:
        if db.is_damage(error):
            print(str(db.damaged(db.db_path(args.db))), file=sys.stderr)
            return 1
        if db.disk_full(error):         # a write outside a transaction, a spill, the checkpoint of close
            path = db.db_path(args.db)
            db.give_back_space(path)
            print(str(db.DiskFull(path)), file=sys.stderr)
            return 1
        print(f"数据库错误 | database error: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug of ours: still one line (SPENDING_DEBUG=1 shows the traceback)
        if os.environ.get("SPENDING_DEBUG"):
            raise
        print(f"内部错误 | internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


def run(args, thresholds: Thresholds | None) -> int:
    if args.verb == "init":
        seed.require_plan_files()
        print(seed.initialise(args.db, demo=args.demo, wait=args.wait))
        return 0
    con = open_database(args)
    try:
        if args.verb == "import-document":
            return import_document(con, args)
        if args.verb == "compare":
            return compare(con, args)
        if args.verb == "notices":
            return notices_verb(con, args, thresholds)
        if args.verb.startswith("import-"):
            kind = {"import-indicators": "indicator_values"}.get(args.verb, args.verb[len("import-"):])
            table = ingest.read_file(args.file)
            chosen = mapping_used(con, kind, table, args.mapping)
            parsed = ingest.parse(con, kind, table, getattr(args, "year", None), chosen=chosen,
                                  unit=getattr(args, "unit", None))
            if not parsed.problem_count:
                print(f"已读取 {parsed.rows_in_file} 行，正在校验并写入… | read {parsed.rows_in_file} rows, "
                      "checking and writing…", file=sys.stderr, flush=True)
            try:
                result = ingest.load(parsed, user=auth.cli_actor())
            except ingest.ImportRejected:
                print("\n".join(ingest.read_notes(parsed)), file=sys.stderr)   # what was read, then the report
                raise
            print(result.summary())
            print("\n".join(ingest.read_notes(parsed)))
            if result.kind == "plan" and parsed.changes:
                print(f"其中替换了 {len(parsed.changes)} 个已有项目的计划（原版本已保留，可撤销批次 {result.batch_id}）| "
                      f"replaced the plan of {len(parsed.changes)} stored projects (kept; undo batch {result.batch_id} "
                      "to bring them back):")
                for row in ingest.change_rows(parsed.changes):
                    print("  " + " · ".join(f"{k}：{v}" for k, v in row.items()))
        elif args.verb == "remove-sample":
            removed = seed.remove_sample(con, user=auth.cli_actor())
            print(f"已删除 {removed} 行示例数据 | removed {removed} sample rows")
        elif args.verb == "report":
            write_report(con, args, thresholds)
        elif args.verb == "history":
            run_history(con, args)
        elif args.verb == "undo":
            run_undo(con, args)
        elif args.verb == "export-parquet":
            counts = db.export_parquet(con, args.folder)
            print("已导出 | exported: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        elif args.verb == "backup":
            target = db.backup(con, args.file)
            print(f"已备份到 {target} | backed up to {target}")
        elif args.verb == "user":
            run_user(con, args)
        elif args.verb == "mappings":
            run_mappings(con, args)
        elif args.verb == "audit":
            rows = [{**r, "detail": r["detail"] or ""} for r in audit.entries(con, args.since)]
            emit(rows, audit.COLUMNS, args.format, empty="审计日志为空 | the audit log is empty")
        elif args.verb == "units":
            y, m = args.as_of
            check_section(con, y, args.section)
            emit(pace.unit_status(con, y, m, thresholds, [args.section] if args.section else None, args.source,
                                  args.direct), pace.UNIT_COLUMNS, args.format)
        elif args.verb == "sources":
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
        elif args.verb == "status" and args.year not in (None, args.as_of[0]):
            y, m = args.as_of   # a cut-off after 31 December: the year closed, with its carry-over payments
            if args.year != y - 1 or m > ingest.CARRY_OVER_MONTHS:
                print(f"--year {args.year} 与 --as-of {y}-{m:02d} 不符：结转期为次年 1–{ingest.CARRY_OVER_MONTHS} 月 | "
                      f"--year {args.year} does not fit --as-of {y}-{m:02d}: the carry-over period is January to "
                      f"{'June' if ingest.CARRY_OVER_MONTHS == 6 else ingest.CARRY_OVER_MONTHS} of the next year",
                      file=sys.stderr)
                return 2
            check_section(con, args.year, args.section)
            emit(pace.closed_year_status(con, args.year, 12 + m, thresholds, args.section), pace.STATUS_COLUMNS,
                 args.format)
        elif args.verb == "status":
            y, m = args.as_of
            check_section(con, y, args.section)
            rows = pace.project_status(con, y, m, thresholds, args.section, args.unit, args.source, args.direct)
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
        else:
            y, m = args.as_of
            emit(pace.section_status(con, y, m, thresholds, args.source, args.direct), pace.SECTION_COLUMNS, args.format)
    except ingest.ImportRejected as rejected:
        print(rejected.report(), file=sys.stderr)
        return 1
    except mappings.UnknownMapping as unknown:   # --mapping NAME / mappings remove NAME: wrong usage
        print(str(unknown), file=sys.stderr)
        return 2
    finally:
        con.close()
    return 0


MAPPING_HELP = ("map the file's headers by this saved 导入方案 (default: the one saved for these headers, "
                "if any; see mappings list)")
UNIT_HELP = ("the unit of a budget amount whose header and title rows name none (金额, 指标金额 …): yuan (元) or "
             "wan (万元); never guessed")


def add_mappings(verbs):
    """mappings list [--format table|csv|json] | mappings remove NAME (issue 20, SPEC §3.2); returns the
    remove verb's parser (a write: it waits like the others)."""
    p = verbs.add_parser("mappings", help="saved 导入方案: how a finance system's headers map onto the columns")
    sub = p.add_subparsers(dest="mappings_verb", required=True, metavar="list|remove")
    sub.add_parser("list", help="every saved 导入方案").add_argument(
        "--format", choices=("table", "csv", "json"), default="table")
    remove = sub.add_parser("remove", help="forget a saved 导入方案")
    remove.add_argument("name")
    return remove


def mapping_used(con, kind: str, table, name: str | None) -> dict[str, str] | None:
    """The columns of the 导入方案 the import uses (named, else the one saved for the headers), said on
    stdout; None when there is none."""
    try:
        used = mappings.applied(con, kind, table.header, name)
    except BaseException:
        table.discard()
        raise
    if used is None:
        return None
    how = "指定的" if name else "按表头自动匹配的"
    how_en = "given" if name else "matched by the headers"
    print(f"使用{how}导入方案「{used.name}」：{used.columns_text()} | using the saved mapping \"{used.name}\" "
          f"({how_en})")
    return used.columns


def run_mappings(con, args) -> None:
    if args.mappings_verb == "remove":
        gone = mappings.remove(con, auth.User(auth.cli_actor(), "admin"), args.name)
        print(f"已删除导入方案「{gone.name}」 | removed the mapping \"{gone.name}\"")
        return
    found = mappings.listed(con)
    if args.format == "table":
        rows = [{"mapping": m.name, "kind": m.kind, "columns": m.columns_text(), "created_at": m.created_at} for m in found]
        print_table(rows, ["mapping", "kind", "columns", "created_at"], empty="还没有导入方案 | no saved mappings yet")
    else:   # columns: a JSON object (in CSV its JSON text)
        rows = [{"name": m.name, "kind": m.kind, "created_at": m.created_at,
                 "columns": m.columns if args.format == "json" else json.dumps(m.columns, ensure_ascii=False)}
                for m in found]
        emit(rows, mappings.LIST_COLUMNS, args.format, empty="还没有导入方案 | no saved mappings yet")


USER_COLUMNS = ["email", "role", "name", "sections"]


def run_user(con, args) -> None:
    if args.user_verb == "add":
        user = auth.save(con, args.email, args.role, args.section, args.name, auth.cli_actor())
        print(f"已保存账号 | saved account: {user.label()}")
    elif args.user_verb == "remove":
        login = auth.normalise_login(args.email)
        auth.remove(con, login, auth.cli_actor())
        print(f"已删除账号 {login} | removed account {login}")
    else:
        rows = auth.accounts(con)
        if args.format != "json":
            rows = [{**r, "sections": ";".join(r["sections"])} for r in rows]
        emit(rows, USER_COLUMNS, args.format, empty="还没有账号 | no accounts yet")


def section_choice(text: str) -> tuple[str, str]:
    code, sep, section = text.partition("=")
    if not sep or not code.strip() or not section.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not CODE=科室")
    return code.strip(), section.strip()


def add_import_document(verbs) -> None:
    """import-document FILE [--year YYYY] [--section CODE=科室]... [--code 名称=编码]... (issues 14, 35)."""
    p = verbs.add_parser("import-document", help="import a 部门预算绩效文本 or 绩效目标申报表 (the published text) as the "
                                                 "year's plan")
    p.add_argument("file")
    p.add_argument("--year", type=year)
    p.add_argument("--section", type=section_choice, action="append", default=[], metavar="CODE=科室",
                   help="settle the section of a project the text leaves open (repeatable)")
    p.add_argument("--code", type=code_choice, action="append", default=[], metavar="名称=编码",
                   help="the real 项目编码 of a project the text names without one (repeatable)")


def code_choice(text: str) -> tuple[str, str]:
    name, sep, code = text.rpartition("=")
    if not sep or not name.strip() or not code.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not 名称=编码")
    return name.strip(), code.strip()


def import_document(con, args) -> int:
    """Parse the text (or Word file), show what was read per project and every problem; load it
    like a plan file. Owners the text does not settle keep the stored ones; each that changes is
    listed before → after."""
    from spending import document, document_load

    given = dict(args.section)
    path = args.file
    data = document_load.file_bytes(path)
    name = os.path.basename(path)
    doc = document_load.read(data, name)
    document_load.set_codes(doc, dict(args.code))
    document_load.settle(doc, given)
    year = args.year or doc.year
    problems = document_load.all_problems(doc, args.year)
    matched = []
    if not problems:
        matched, problems = document_load.match_stored(con, doc, year)   # a 申报表's projects found by name
    if not problems:
        document_load.keep_owners(con, doc, year)      # shown below: the owners as they will be stored
    print(f"{name}：{doc.department or '（未写明部门）'} {year or ''} 年，{doc.encoding}，"
          f"{len(doc.sections)} 个科室，{len(doc.projects)} 个项目 | {len(doc.sections)} sections, "
          f"{len(doc.projects)} projects")
    for p in doc.projects:
        checkpoints = i18n.t("checkpoints_sep").join(i18n.t("checkpoint_at", month=m, pct=f"{v:.2f}")
                                                   for m, v in sorted(p.checkpoints.items())) or "（无）"
        zh, en = i18n.owner_rule(p.rule), i18n.owner_rule(p.rule, "en")
        amount = "?" if p.amount_wan is None else document.plain(p.amount_wan)
        whole = ""
        if p.total_wan is not None or p.start or p.end:      # a 申报表: the whole life's total and period
            total = "?" if p.total_wan is None else document.plain(p.total_wan)
            whole = f"（项目资金总额 {total} 万元，{p.start or '?'} 至 {p.end or '?'}）"
        print(f"  {doc.where(p.line)[0]} {p.code} {p.name}：{amount} 万元{whole}；{checkpoints}；目标 {len(p.goals)} 项，"
              f"指标 {len(p.indicators)} 项；科室 {p.owner}（{zh} | {en}）")
    for project_name, code in matched:
        print(i18n.t("document_matched", name=project_name, code=code) + " | "
              + i18n.t("document_matched", "en", name=project_name, code=code))
    made = [p for p in doc.projects if p.made_code]
    if made:
        print(i18n.t("document_made_codes", n=len(made)) + " | " + i18n.t("document_made_codes", "en", n=len(made)))
    unplanned = [p for p in doc.projects if not p.checkpoints]
    if unplanned and not problems:
        print(i18n.t("document_no_plan", n=len(unplanned)) + " | " + i18n.t("document_no_plan", "en", n=len(unplanned)))
    if problems:
        print(document_load.DocumentRejected(name, problems).report(), file=sys.stderr)
        return 1
    import hashlib

    try:
        result = document_load.import_document(con, doc, name, hashlib.sha256(data).hexdigest(), year=args.year,
                                               user=auth.cli_actor())
    except ingest.ImportRejected as rejected:
        print(rejected.report(), file=sys.stderr)
        return 1
    if result.owner_changes:
        print(f"以下 {len(result.owner_changes)} 个已导入项目的科室按文本改变（原 → 新）| the text moves "
              f"{len(result.owner_changes)} stored project(s) to another section (before → after):")
        for change in result.owner_changes:
            print(f"  {change}")
    if result.unassigned:
        print(f"以下 {len(result.unassigned)} 个项目的科室未能确定，已放在「{document.UNASSIGNED}」下，"
              f"可用 --section 项目编码=科室 重新导入指定 | {len(result.unassigned)} project(s) loaded under "
              f"{document.UNASSIGNED}; settle them with --section CODE=科室:")
        for p in doc.unassigned:
            print(f"  {p.code} {p.name}")
    print(result.summary())
    return 0


def add_compare(verbs) -> None:
    """compare --as-of YYYY-MM [--with YYYY] [--format table|csv|json] (issue 14)."""
    p = verbs.add_parser("compare", help="each section this year against the same month of another year")
    p.add_argument("--as-of", required=True, type=as_of, metavar="YYYY-MM")
    p.add_argument("--with", dest="with_year", type=year, metavar="YYYY", help="the other year (default: the year before)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")


def compare(con, args) -> int:
    y, m = args.as_of
    rows = pace.compare_sections(con, y, m, args.with_year)
    if args.format != "table":
        emit(rows, pace.COMPARE_COLUMNS, args.format)
        return 0
    other = y - 1 if args.with_year is None else args.with_year
    if not rows:
        print(f"{y} 年和 {other} 年都没有预算项目 | no projects in {y} or {other}")
        return 0
    print(f"截至 {y}-{m:02d}，与 {other}-{m:02d} 比较 | as of {y}-{m:02d}, against {other}-{m:02d}")
    print_table(rows, pace.COMPARE_COLUMNS)
    return 0


def add_notices(verbs) -> None:
    """notices issue|list|letters (issue 13): 预警与问询 from the command line."""
    p = verbs.add_parser("notices", help="预警与问询: issue the month's inquiries, list them, write the letters")
    sub = p.add_subparsers(dest="notices_verb", required=True, metavar="issue|list|letters|review|send|remind")
    issue = sub.add_parser("issue", help="issue the month's warnings as inquiries to the sections")
    issue.add_argument("--due", type=day, metavar="YYYY-MM-DD",
                       help="reply by (default: 5 Chinese working days from today, holidays and 调休 included)")
    add_wait(issue)
    listing = sub.add_parser("list", help="the month's inquiries and their state")
    listing.add_argument("--section")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    letters = sub.add_parser("letters", help="one 问询函 per section (PDF and Excel)")
    letters.add_argument("--out", required=True, metavar="FOLDER")
    review = sub.add_parser("review", help="accept an answer, or return it with a reason (issue 36)")
    review.add_argument("--project", required=True, metavar="CODE")
    verdict = review.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--accept", action="store_true", help="accept the answer (已审核)")
    verdict.add_argument("--return", dest="return_reason", metavar="REASON",
                         help="return the answer with this reason (退回: the section answers again)")
    add_wait(review)
    send = sub.add_parser("send", help="mail each section its 问询函 of the month (once; issue 36)")
    add_wait(send)
    remind = sub.add_parser("remind", help="mail today's reminders: due within N working days, or overdue")
    remind.add_argument("--days", type=working_days, default=2, metavar="N",
                        help="remind of inquiries due within N Chinese working days (default 2), and overdue ones")
    add_wait(remind)
    for q in (issue, listing, letters, review, send, remind):
        if q is not remind:
            q.add_argument("--as-of", required=True, type=as_of, metavar="YYYY-MM")
        q.add_argument("--yellow", type=points, default=DEFAULT_YELLOW, metavar="PP")
        q.add_argument("--red", type=points, default=DEFAULT_RED, metavar="PP")


def notices_verb(con, args, thresholds: Thresholds) -> int:
    """Today is $SPENDING_TODAY when set (notices.today): the day inquiries are issued on and their
    default reply-by date counts from; the CLI acts as an administrator, cli:<os user>. Bad thresholds
    and --wait are usage errors (main, add_wait), as for every verb."""
    from spending import mail, notice_letters, notices

    y, m = args.as_of if args.notices_verb != "remind" else (None, None)
    on = notices.today()
    if args.notices_verb in ("send", "remind"):      # issue 36: the mail, once; exit 1 when a message failed
        cli_user = auth.User(auth.cli_actor(), "admin")
        outcome = (mail.send(con, cli_user, y, m, thresholds, on=on) if args.notices_verb == "send"
                   else mail.remind(con, cli_user, args.days, thresholds, on=on))
        print(outcome.summary())
        if outcome.failed:
            print(i18n.t("mail_failed_count", n=len(outcome.failed)), file=sys.stderr)
            return 1
        return 0
    if args.notices_verb == "issue":
        cli_user = auth.User(auth.cli_actor(), "admin")
        print(notices.issue(con, cli_user, y, m, thresholds, due=args.due, today=on).summary())
    elif args.notices_verb == "review":
        cli_user = auth.User(auth.cli_actor(), "admin")
        verdict = "accepted" if args.accept else "returned"
        notices.review(con, cli_user, y, m, [args.project], verdict, args.return_reason, on)
        print(f"{y}-{m:02d} 项目 {args.project} 的答复：{notices.state_label(verdict)} | the answer about {args.project}: "
              f"{verdict}")
    elif args.notices_verb == "list":
        rows = notices.inquiries(con, y, m, thresholds, on, section=args.section)
        if args.format == "table":
            shown = ["section", "project_code", "project_name", "level", "issued_at", "due", "answered_at", "state"]
            if not rows:
                print(f"{y}-{m:02d} 没有问询 | no inquiries for {y}-{m:02d}")
                return 0
            print(f"截至 {y}-{m:02d}，今天 {on.isoformat()} | as of {y}-{m:02d}, today {on.isoformat()}")
            cells = [[notices.column(c) for c in shown]]
            for r in notices.table_rows(rows, shown):
                cells.append([files.visible(str(_plain(v)), one_line=True) for v in r.values()])
            widths = [max(_width(r[i]) for r in cells) for i in range(len(shown))]
            for r in cells:
                print("  ".join(text + " " * (w - _width(text)) for text, w in zip(r, widths)).rstrip())
        else:
            emit([{**r, "due": r["due"].isoformat()} for r in rows], notices.LIST_COLUMNS, args.format)
    else:
        for path in notice_letters.write_letters(con, y, m, args.out, thresholds, on):
            print(f"已生成 {path} | wrote {path}")
    return 0


def _plain(value):
    """CSV text: numbers with 2 decimals (already rounded), NULL as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):   # SPEC §5 (sources' direct): true/false, as in JSON
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return value


def _json(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (date, datetime)):
        return _plain(value)
    return value


def emit(rows: list[dict], columns: list[str], fmt: str, empty: str | None = None) -> None:
    """csv and json are data: written as they are (not through files.visible), but a CSV's text that a
    spreadsheet would run as a formula gets an apostrophe (files.neutralise, as the pages' CSV: numbers are
    numbers here, so -12.50 stays -12.50), and JSON writes a terminal control as a \\u escape (still the same
    text once read). table is for people: every cell shown on one line, its controls visible."""
    out = unfiltered(sys.stdout)
    if fmt == "csv":
        # each row ends in \n; a field holding CR is quoted too (a writer quotes what its line end holds)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for cells in [columns, *([_plain(files.neutralise(row[c])) for c in columns] for row in rows)]:
            writer.writerow(cells)
            out.write(buffer.getvalue()[:-2] + "\n")
            buffer.seek(0)
            buffer.truncate()
    elif fmt == "json":
        text = json.dumps([{c: _json(row[c]) for c in columns} for row in rows], ensure_ascii=False, indent=1)
        out.write(files.TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
    else:
        print_table(rows, columns, empty)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(rows: list[dict], columns: list[str], empty: str | None = None) -> None:
    """For people: Chinese headers, most behind plan first (the queries' order)."""
    shown = [c for c in columns if c not in ("fiscal_year", "as_of")]
    if not rows:
        print(empty or "该年度没有预算项目 | no projects in that year")
        return
    if "as_of" in columns:
        print(f"截至 {rows[0]['as_of']} | as of {rows[0]['as_of']}")
    cells = [[i18n.column(c) for c in shown]]
    for row in rows:    # codes in words: a status, and a batch's kind (issue 37: 支付明细, not disbursements)
        cells.append([i18n.status(row[c]) + row.get("status_note", "") if c == "status"
                      else i18n.kind(row[c]) if c == "kind" else files.visible(str(_plain(row[c])), one_line=True)
                      for c in shown])
    widths = [max(_width(r[i]) for r in cells) for i in range(len(shown))]
    for r in cells:
        print("  ".join(text + " " * (w - _width(text)) for text, w in zip(r, widths)).rstrip())


def silence_stdout() -> None:
    """After a closed pipe: send what is left to /dev/null, so that flushing at exit is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def entry() -> None:
    """The `spending` console script (pyproject.toml) and `python -m spending`."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head` closed the pipe: not an error of ours
        silence_stdout()
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    entry()
