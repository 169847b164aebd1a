"""The import verbs: import-plan, import-disbursements, import-adjustments, import-indicators (a file: CSV, XLSX
or XLS, all or nothing, SPEC §2 and §5), import-document (a 部门预算绩效文本 or 绩效目标申报表 as the year's plan),
mappings (the saved 导入方案 that map a finance system's headers), history and undo (the import batches)."""

from __future__ import annotations

import json
import os
import sys

from spending import auth, db, i18n, ingest, mappings
from spending.cli.arguments import add_wait, code_choice, section_choice, year
from spending.cli.database import on_database
from spending.cli.output import emit, print_table

MAPPING_HELP = ("map the file's headers by this saved 导入方案 (default: the one saved for these headers, "
                "if any; see mappings list)")
UNIT_HELP = ("the unit of a budget amount whose header and title rows name none (金额, 指标金额 …): yuan (元) or "
             "wan (万元); never guessed")
HISTORY_COLUMNS = ["batch_id", "imported_at", "kind", "file_name", "rows_loaded", "amount_yuan", "undone_at"]
# The kind of rows each import verb loads (ingest's name for it): the verb of each kind's record.
KINDS = {ingest.RECORDS[kind].verb: kind for kind in ingest.KINDS}


def add_files(verbs) -> None:
    """import-plan FILE [--year YYYY] [--unit yuan|wan] [--mapping NAME], and likewise (no --year)
    import-disbursements, import-adjustments (--unit too) and import-indicators; each a write verb."""
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
    for verb, kind in KINDS.items():
        verbs.choices[verb].set_defaults(func=import_file, kind=kind)
        add_wait(verbs.choices[verb])


@on_database
def import_file(con, args) -> None:
    """Read the file, map its headers (mapping_used), check every row, load it all or nothing; say what was
    read (ingest.read_notes) and, for a plan, which stored projects' plans it replaced."""
    table = ingest.read_file(args.file)
    chosen = mapping_used(con, args.kind, table, args.mapping)
    parsed = ingest.parse(con, args.kind, table, getattr(args, "year", None), chosen=chosen,
                          unit=getattr(args, "unit", None))
    if not parsed.problem_count:
        print(i18n.Message("import_reading", rows=parsed.rows_in_file), file=sys.stderr, flush=True)
    try:
        result = ingest.load(parsed, user=auth.cli_actor())
    except ingest.ImportRejected:
        print("\n".join(ingest.read_notes(parsed)), file=sys.stderr)   # what was read, then the report
        raise
    print(result.summary())
    print("\n".join(ingest.read_notes(parsed)))
    if result.kind == "plan" and parsed.changes:
        print(i18n.Message("import_replaced_plans", n=len(parsed.changes), batch=result.batch_id))
        for row in ingest.change_rows(parsed.changes):
            print("  " + " · ".join(f"{k}：{v}" for k, v in row.items()))


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
    how = ("指定的", "given") if name else ("按表头自动匹配的", "matched by the headers")
    print(i18n.Message("mapping_used", how=how, name=used.name, columns=(used.columns_text(), "")))
    return used.columns


def add_document(verbs) -> None:
    """import-document FILE [--year YYYY] [--section CODE=科室]... [--code 名称=编码]... (issues 14, 35)."""
    p = verbs.add_parser("import-document", help="import a 部门预算绩效文本 or 绩效目标申报表 (the published text) as the "
                                                 "year's plan")
    p.set_defaults(func=import_document)
    p.add_argument("file")
    p.add_argument("--year", type=year)
    p.add_argument("--section", type=section_choice, action="append", default=[], metavar="CODE=科室",
                   help="settle the section of a project the text leaves open (repeatable)")
    p.add_argument("--code", type=code_choice, action="append", default=[], metavar="名称=编码",
                   help="the real 项目编码 of a project the text names without one (repeatable)")
    add_wait(p)


@on_database
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
    matched: list[tuple[str, str]] = []
    recoded: list[document_load.Recode] = []
    if not problems:   # a 申报表's projects found by name; a made code given its real one (recoded)
        matched, problems, recoded = document_load.match_stored(con, doc, year)
    if not problems:
        document_load.keep_owners(con, doc, year)      # shown below: the owners as they will be stored
    print(i18n.Message("document_read", where=(f"{name}：{doc.department or '（未写明部门）'} {year or ''} 年，{doc.encoding}，", ""),
                       sections=len(doc.sections), projects=len(doc.projects)))
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
              f"指标 {len(p.indicators)} 项；科室 {p.owner}（{i18n.bilingual(zh, en)}）")
    for project_name, code in matched:
        print(i18n.t("document_matched", name=project_name, code=code) + " | "
              + i18n.t("document_matched", "en", name=project_name, code=code))
    for change in recoded:
        print(i18n.t("document_recoded", name=change.name, before=change.before, after=change.after) + " | "
              + i18n.t("document_recoded", "en", name=change.name, before=change.before, after=change.after))
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
        print(i18n.Message("document_owners_moved", n=len(result.owner_changes)))
        for moved in result.owner_changes:
            print(f"  {moved}")
    if result.unassigned:
        print(i18n.Message("document_unassigned", n=len(result.unassigned), unassigned=document.UNASSIGNED))
        for p in doc.unassigned:
            print(f"  {p.code} {p.name}")
    print(result.summary())
    return 0


def add_mappings(verbs) -> None:
    """mappings list [--format table|csv|json] | mappings remove NAME (issue 20, SPEC §3.2; remove is a write:
    it waits like the others)."""
    p = verbs.add_parser("mappings", help="saved 导入方案: how a finance system's headers map onto the columns")
    sub = p.add_subparsers(dest="mappings_verb", required=True, metavar="list|remove")
    listing = sub.add_parser("list", help="every saved 导入方案")
    listing.set_defaults(func=mappings_list)
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    remove = sub.add_parser("remove", help="forget a saved 导入方案")
    remove.set_defaults(func=mappings_remove)
    remove.add_argument("name")
    add_wait(remove)


@on_database
def mappings_remove(con, args) -> None:
    gone = mappings.remove(con, auth.User(auth.cli_actor(), "admin"), args.name)
    print(i18n.Message("mapping_removed", name=gone.name))


@on_database
def mappings_list(con, args) -> None:
    found = mappings.listed(con)
    rows: list[dict[str, object]]
    if args.format == "table":
        rows = [{"mapping": m.name, "kind": m.kind, "columns": m.columns_text(), "created_at": m.created_at} for m in found]
        print_table(rows, ["mapping", "kind", "columns", "created_at"], empty=i18n.Message("mappings_none"))
    else:   # columns: a JSON object (in CSV its JSON text)
        rows = [{"name": m.name, "kind": m.kind, "created_at": m.created_at,
                 "columns": m.columns if args.format == "json" else json.dumps(m.columns, ensure_ascii=False)}
                for m in found]
        emit(rows, mappings.LIST_COLUMNS, args.format, empty=i18n.Message("mappings_none"))


def add_history(verbs) -> None:
    """history [--format table|csv|json] and undo BATCH_ID (a write verb)."""
    history = verbs.add_parser("history", help="every import batch, newest first")
    history.set_defaults(func=run_history)
    history.add_argument("--format", choices=("table", "csv", "json"), default="table")
    undo = verbs.add_parser("undo", help="take an import batch back (plan, payments or adjustments)")
    undo.set_defaults(func=run_undo)
    undo.add_argument("batch_id", type=int)
    add_wait(undo)


@on_database
def run_history(con, args) -> None:
    emit(db.rows(con, "batch_history"), HISTORY_COLUMNS, args.format, empty=i18n.Message("imports_none"))


@on_database
def run_undo(con, args) -> None:
    print(ingest.undo(con, args.batch_id, user=auth.cli_actor()).summary())
