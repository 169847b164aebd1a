"""Load a parsed 部门预算绩效文本 (spending.document) like a plan file, all or nothing.

The projects go through the plan importer (spending.ingest: the same staging, checks, versions
and pace refresh as `import-plan`), fed a plan CSV written from the document; the sections (科室,
duties, amounts) and the indicators (绩效指标) of the year are written in the same transaction.
Rows identical to the stored ones are skipped; a re-import of the same text writes nothing.
A revised document keeps the owners already stored where the text settles none (keep_owners), and
names every stored project it moves (DocumentResult.owner_changes). The first report holds every
problem (all_problems): the whole text's (no year, no project table) and each line's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from spending import SpendingError, audit, db, document, document_layout, i18n, ingest


class DocumentRejected(ingest.ImportRejected[document.Problem]):
    """The text has lines that could not be read (or a year that does not fit): nothing written."""


def file_bytes(path: str | Path) -> bytes:
    """The bytes of the file at path, or a plain message why they cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise SpendingError("document_unreadable", path=path, reason=error.strerror) from None


@dataclass(frozen=True)
class DocumentResult:
    file_name: str
    year: int
    plan_batch: int | None        # None: every project already stored as in the text
    projects_loaded: int
    projects_skipped: int
    sections_batch: int | None
    sections_loaded: int
    indicators_batch: int | None
    indicators_loaded: int
    unassigned: list[str]         # project codes loaded under 未分配科室
    owner_changes: list[OwnerChange] = field(default_factory=list)   # stored projects the text moves
    recoded: list[Recode] = field(default_factory=list)   # stored projects whose made code became the real one

    def summary(self) -> i18n.Message:
        """What was written, a message of i18n.MESSAGES (issue 38): str() is the command line's line, as before."""
        file = (self.file_name, "")         # the English names no file
        if self.plan_batch is None and self.sections_batch is None and self.indicators_batch is None \
                and not self.recoded:
            return i18n.Message("document_nothing_new", file=file, skipped=self.projects_skipped)
        return i18n.Message("document_loaded", file=file, year=self.year, loaded=self.projects_loaded,
                            skipped=self.projects_skipped, sections=self.sections_loaded,
                            indicators=self.indicators_loaded)


def settle(doc: document.Document, given: dict[str, str]) -> None:
    """Owners (document.settle_owners) with the person's CODE=科室 choices, each checked."""
    codes = {p.code for p in doc.projects}
    sections = {s.name for s in doc.sections}
    for code, section in given.items():
        if code not in codes:
            raise SpendingError("document_section_no_code", code=code, section=section)
        if sections and section not in sections:     # a text without sections (a 申报表): the person names it
            raise SpendingError("document_section_no_section", code=code, section=section,
                                sections=("、".join(sorted(sections)), ""))
    document.settle_owners(doc, given)


def set_codes(doc: document.Document, codes: dict[str, str]) -> None:
    """The person's real 项目编码 for projects the text gives none (`--code 名称=编码`, the page's field):
    each name must be one project's of the text, each code one the plan file takes."""
    for name, code in codes.items():
        found = [p for p in doc.projects if p.name == name]
        if len(found) != 1:
            names = "、".join(p.name for p in doc.projects if p.made_code)
            raise SpendingError("document_code_no_name" if not found else "document_code_names_many", name=name,
                                code=code, uncoded=(names or i18n.t("audit_nothing", "zh"), ""))
        if not document.CODE.fullmatch(code):
            raise SpendingError("document_code_invalid", name=name, code=code)
        found[0].code, found[0].made_code = code, False


def match_stored(con, doc: document.Document, year: int | None) -> tuple[list[tuple[str, str]], list[document.Problem],
                                                                      list[Recode]]:
    """A 申报表's projects against the year's stored ones, by name: a project the text gives no code takes the
    stored code of the one stored project of its name (returned: name, code); a project given its real code
    (--code, the page's field) whose name is stored under the code made from it takes that code, every stored
    row of it kept (returned: the Recodes import_document makes); a real code another stored project holds
    already is a problem (one project, one code)."""
    if year is None or not any(p.layout == "declaration" for p in doc.projects):
        return [], [], []
    cur = con.cursor()
    try:
        stored = db.execute(cur, "document/stored_names", year=year).fetchall()
    finally:
        cur.close()
    by_name: dict[str, list[str]] = {}
    for code, name in stored:
        by_name.setdefault(name, []).append(code)
    name_of = {code: name for code, name in stored}
    matched, problems, recoded = [], [], []
    for p in doc.projects:
        codes = by_name.get(p.name, [])
        if p.layout != "declaration" or p.code in codes:
            continue
        made = document.made_code(p.name)
        if p.made_code and len(codes) == 1:
            p.code, p.made_code = codes[0], False
            matched.append((p.name, p.code))
        elif not p.made_code and made in codes:
            if p.code in name_of:
                problems.append(document.problem(p.line, "document_code_taken", name=p.name, made=made, code=p.code,
                                                 other=name_of[p.code]))
            else:
                recoded.append(Recode(p.name, made, p.code))
    return matched, problems, recoded


@dataclass(frozen=True)
class Recode:
    """A stored project's made code replaced by its real one (issue 35)."""
    name: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.name}：{self.before} → {self.after}"


# every table that keys a row by (fiscal_year, project_code): a recode moves the project's rows in each
RECODED_TABLES = ("projects", "project_terms", "plan_checkpoints", "plan_versions", "plan_checkpoint_versions",
                  "batch_claims", "disbursements", "monthly_actuals", "adjustments", "indicators", "indicator_actuals",
                  "pace_cache", "pace_refresh", "source_cache", "inquiries", "inquiry_decisions", "inquiry_reviews",
                  "monitoring_returns")


def recode(cur, year: int, change: Recode, user: str | None) -> None:
    """Inside the caller's transaction: the project stored under its made code takes its real one in every
    table (payments, adjustments, indicators, checkpoints and their versions, notices, history), audited."""
    for table in RECODED_TABLES:
        db.execute(cur, f"recode/{table}", year=year, old=change.before, new=change.after)
    if user:
        audit.record(cur, user, "recode", f"项目 {change.after}", {
            "fiscal_year": year, "project_name": change.name, "before": change.before, "after": change.after})


NO_PROJECTS = document.problem(None, "document_no_project_table")


def whole_text_problems(doc: document.Document, year: int | None) -> list[document.Problem]:
    """What the whole text lacks, all at once: its year (or a --year that differs), any project."""
    problems = []
    if year is not None and doc.year is not None and year != doc.year:
        problems.append(document.problem(None, "document_year_differs", text_year=doc.year, year=year))
    elif year is None and doc.year is None:
        problems.append(document.problem(None, "document_no_year"))
    if not doc.projects:
        problems.append(NO_PROJECTS)
    return problems


def all_problems(doc: document.Document, year: int | None) -> list[document.Problem]:
    """The first report: the whole text's problems, then every line's."""
    return whole_text_problems(doc, year) + doc.problems


def target_year(doc: document.Document, year: int | None) -> int:
    problems = whole_text_problems(doc, year)
    if problems:
        raise SpendingError("document_whole_text", problem=(problems[0].zh, problems[0].en))
    found = year or doc.year
    assert found is not None        # (no year at all is a whole-text problem)
    return found


@dataclass(frozen=True)
class OwnerChange:
    code: str
    name: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.code} {self.name}：{self.before} → {self.after}"


def keep_owners(con, doc: document.Document, year: int | None) -> list[OwnerChange]:
    """A revised document keeps the owners already stored: a project whose 科室 the text does not
    settle gets its stored 科室 (rule document.RULE_KEPT); every stored project whose 科室 the text
    does change is returned, before → after."""
    if year is None:
        return []
    cur = con.cursor()
    try:
        stored = dict(db.execute(cur, "document/stored_owners", year=year).fetchall())
    finally:
        cur.close()
    changes = []
    for p in doc.projects:
        before = stored.get(p.code)
        if before is None and p.layout == "declaration" and not p.made_code:
            before = stored.get(document.made_code(p.name))   # stored under its made code: recoded on import
        if before is None:
            continue
        if p.section is None and before != document.UNASSIGNED:
            p.section, p.rule = before, document.RULE_KEPT
        elif p.owner != before:
            changes.append(OwnerChange(p.code, p.name, before, p.owner))
    return changes


def import_document(con, doc: document.Document, file_name: str, sha256: str, *, year: int | None = None,
                    is_sample: bool = False, user: str | None = None) -> DocumentResult:
    """Write the document's sections, projects (through the plan importer) and indicators in one
    transaction. Raises DocumentRejected (the text's problems) or ingest.ImportRejected (the plan
    importer's, with the document's line numbers); nothing is written then."""
    problems = all_problems(doc, year)
    recoded: list[Recode] = []
    if not problems:
        _, problems, recoded = match_stored(con, doc, year or doc.year)
    if problems:
        raise DocumentRejected(file_name, problems)
    y = target_year(doc, year)      # (the whole text's problems are among those above)
    owner_changes = keep_owners(con, doc, y)
    plan_bytes = document.plan_csv(doc, y).encode("utf-8")
    parsed = ingest.parse(con, "plan", ingest.read_file(file_name, name=file_name, data=plan_bytes), y)
    parsed.is_sample = is_sample
    try:
        if parsed.problem_count:
            raise _on_document_lines(parsed.rejected(), doc)
        cur = parsed.cursor
        params = {"file": file_name, "sha": sha256, "amount": None, "sample": is_sample, "user": user}
        with db.transaction(cur):
            for change in recoded:           # before the plan: the project is then found under its real code
                recode(cur, y, change, user)
            sections_batch, sections_loaded = _write_sections(cur, doc, y, params)
            try:
                plan_batch = ingest._write_checked(parsed, user)
            except ingest.ImportRejected as rejected:
                raise _on_document_lines(rejected, doc) from None
            indicators_batch, indicators_loaded = _write_indicators(cur, doc, y, params)
            _write_terms(cur, doc, y)
            db.execute(cur, "document/drop_empty_unassigned", year=y)
    finally:
        parsed.close()
    return DocumentResult(file_name, y, plan_batch, parsed.new_rows, parsed.skipped, sections_batch, sections_loaded,
                          indicators_batch, indicators_loaded, [p.code for p in doc.unassigned], owner_changes,
                          recoded)


def read(data: bytes, file_name: str) -> document.Document:
    """The file parsed: a text (UTF-8 or GBK, in any text layout) or a Word file (.docx); a
    SpendingError of one line when it cannot be read."""
    try:
        if document_layout.is_docx(data, file_name):
            return document.parse_docx(data)
        return document.parse_bytes(data)
    except document.Refused as refused:     # over a limit, no valid .docx: one line naming it
        raise SpendingError("document_refused", file=file_name, reason=refused.message) from None
    except ValueError:
        raise SpendingError("document_not_text", file=file_name) from None


def _on_document_lines(rejected: ingest.ImportRejected, doc: document.Document) -> ingest.ImportRejected:
    """The plan importer names lines of the plan CSV written from the text (line 2 = the first
    project): name the project's 项目编码 line in the text instead."""
    problems = []
    for p in rejected.problems:
        if p.line is not None and 2 <= p.line < len(doc.projects) + 2:
            p = ingest.Problem(p.zh, p.en, doc.projects[p.line - 2].line, p.column, p.value, p.excel)
        problems.append(p)
    return ingest.ImportRejected(rejected.file_name, problems, rejected.total)


def _yuan(wan: Decimal | None) -> str | None:
    return None if wan is None else str(wan * ingest.WAN)


def _write_sections(cur, doc: document.Document, year: int, params: dict) -> tuple[int | None, int]:
    stored = {r[0]: r[1:] for r in db.execute(cur, "document/stored_sections", year=year).fetchall()}
    changed = []
    for s in doc.sections:
        new = (s.seq, s.duties or None, None if s.amount_wan is None else (s.amount_wan * ingest.WAN).quantize(Decimal("0.01")))
        old = stored.get(s.name)
        if old is None or tuple(old) != new:
            changed.append(s)
    if not changed:
        return None, 0
    batch = db.value(cur, "import/add_batch", kind="sections", rows_in_file=len(doc.sections),
                     rows_loaded=len(changed), rows_skipped=len(doc.sections) - len(changed), **params)
    for s in changed:
        db.execute(cur, "document/load_section", year=year, section=s.name, seq=s.seq, duties=s.duties or None,
                   amount_yuan=_yuan(s.amount_wan), batch=batch)
    return batch, len(changed)


def _indicator_values(ind: document.Indicator) -> tuple:
    return (ind.level_1, ind.level_2 or None, ind.level_3, ind.description or None, ind.symbol or None,
            ind.value or None, ind.unit or None, ind.basis or None)


def _write_indicators(cur, doc: document.Document, year: int, params: dict) -> tuple[int | None, int]:
    stored: dict[str, list[tuple]] = {}
    for row in db.execute(cur, "document/stored_indicators", year=year).fetchall():
        stored.setdefault(row[0], []).append(tuple(row[2:]))
    changed = [p for p in doc.projects if stored.get(p.code, []) != [_indicator_values(i) for i in p.indicators]]
    if not changed:
        return None, 0
    total = sum(len(p.indicators) for p in doc.projects)
    loaded = sum(len(p.indicators) for p in changed)
    batch = db.value(cur, "import/add_batch", kind="indicators", rows_in_file=total, rows_loaded=loaded,
                     rows_skipped=total - loaded, **params)
    for p in changed:
        db.execute(cur, "document/clear_indicators", year=year, code=p.code)
        for seq, ind in enumerate(p.indicators, start=1):
            values = dict(zip(("level_1", "level_2", "level_3", "description", "symbol", "target_value", "unit", "basis"),
                              _indicator_values(ind)))
            db.execute(cur, "document/load_indicator", year=year, code=p.code, seq=seq, batch=batch, **values)
    return batch, loaded


def _iso_date(text: str) -> str | None:
    """A 申报表's date as stored: YYYY-MM-DD when it is one (a date that does not exist is none)."""
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else None
    except ValueError:
        return None


def _terms(p: document.Project) -> tuple:
    total = None if p.total_wan is None else (p.total_wan * ingest.WAN).quantize(Decimal("0.01"))
    return (total, _iso_date(p.start), _iso_date(p.end), p.nature or None, p.implementer or None, p.made_code)


def _write_terms(cur, doc: document.Document, year: int) -> int:
    """A 申报表's project terms (project_terms: the whole life's total, the period, 项目性质, 实施单位, the
    made code) written where they differ from the stored ones; the number written."""
    stored = {r[0]: (r[1], None if r[2] is None else r[2].isoformat(), None if r[3] is None else r[3].isoformat(),
                     *r[4:]) for r in db.execute(cur, "document/stored_terms", year=year).fetchall()}
    written = 0
    for p in doc.projects:
        if p.layout != "declaration" or stored.get(p.code) == _terms(p):
            continue
        values = dict(zip(("total_yuan", "period_start", "period_end", "nature", "implementer", "code_made"), _terms(p)))
        values["total_yuan"] = None if values["total_yuan"] is None else str(values["total_yuan"])
        db.execute(cur, "document/load_terms", year=year, code=p.code, **values)
        written += 1
    return written
