"""Saved 导入方案 (issue 20, SPEC §3.2): how a finance system's file layout maps onto our columns.

A 导入方案 is named (unique), is for one file kind, and holds
    header_signature  the file's header row: every header normalised as characters.normalise_header compares
                      them (full-width parentheses half-width, no spaces nor invisible characters, English
                      lower case), blank headers left out, in file order, as a JSON array (signature()).
                      One 导入方案 per kind and signature.
    columns           our English column -> the file's header text (a JSON object in the table); the
                      columns it does not name are found as usual (ingest.map_columns, chosen=).

An import of a file whose header has a saved signature of that kind is mapped by it without being asked
(applied()); `--mapping NAME` (or the page's choice) forces one. Saving and removing are writes of the
treasury (admins: the 数据 page and the command line), each in one transaction with its audit entry.
"""

from __future__ import annotations

import json
from collections import abc
from dataclasses import dataclass
from datetime import datetime

import duckdb

from spending import SpendingError, audit, auth, db, i18n, ingest
from spending.characters import normalise_header

LIST_COLUMNS = ["name", "kind", "columns", "created_at"]
MAX_NAME_CHARS = 100


@dataclass(frozen=True)
class Mapping:
    name: str
    kind: str
    signature: str
    columns: dict[str, str]          # our English column -> the file's header
    created_at: datetime | None = None
    created_by: str | None = None

    def columns_text(self) -> str:
        """列 ← 表头, for people: 凭证号←支付凭证编号；金额(元)←支付金额."""
        return "；".join(f"{ingest.column_label(self.kind, c)}←{h}" for c, h in self.columns.items())


# ------------------------------------------------------------------ pure rules

def signature(header: list) -> str:
    """The header signature of a file's header row (see the module docstring)."""
    names = [n for n in (normalise_header(h) for h in header) if n]
    return json.dumps(names, ensure_ascii=False, separators=(",", ":"))


def check_name(name: str | None) -> str:
    """A 导入方案's name, trimmed; blank or over MAX_NAME_CHARS characters is refused."""
    text = (name or "").strip()
    if not text:
        raise SpendingError("mapping_name_blank")
    if len(text) > MAX_NAME_CHARS:
        raise SpendingError("mapping_name_long", limit=MAX_NAME_CHARS)
    return text


def check_columns(kind: str, header: list, columns: abc.Mapping[str, str | None]) -> dict[str, str]:
    """The chosen columns, kept only where a header was chosen; each must be a column of the kind and a
    header of the file, and no header may be chosen for two columns."""
    if kind not in ingest.KINDS:
        raise SpendingError("mapping_unknown_kind", kind=kind)
    present = {normalise_header(h) for h in header}
    chosen = {c: str(h) for c, h in columns.items() if h is not None and str(h).strip()}
    if not chosen:
        raise SpendingError("mapping_no_column")
    for column, text in chosen.items():
        if column not in ingest.COLUMNS[kind]:
            raise SpendingError("mapping_column_not_of_kind", kind=(i18n.kind(kind), kind), column=column)
        if normalise_header(text) not in present:
            raise SpendingError("mapping_header_absent", header=text)
    seen: dict[str, str] = {}
    for column, text in chosen.items():
        other = seen.setdefault(normalise_header(text), column)
        if other != column:
            raise SpendingError("mapping_header_twice", header=text,
                                first=(ingest.column_label(kind, other), other),
                                second=(ingest.column_label(kind, column), column))
    return chosen


def incomplete(kind: str, chosen: dict[str, str | None], asked: list[str]) -> tuple[list[str], bool]:
    """What the mapping step's choice still lacks before it is saved: the asked columns (months apart)
    without a header, and, for a plan, whether no checkpoint column has one."""
    missing = [c for c in asked if c not in ingest.MONTHS and not chosen.get(c)]
    return missing, kind == "plan" and not any(chosen.get(m) for m in ingest.MONTHS)


def step_columns(kind: str, year: int | None = None) -> list[str]:
    """The columns the mapping step asks for: the kind's required ones (年度 too when no year is given),
    and for a plan the month checkpoints (at least one of them is needed)."""
    cols = [c.name for c in ingest.COLUMNS[kind].values()
            if c.required or (c.name == "fiscal_year" and year is None)]
    return cols + (ingest.MONTHS if kind == "plan" else [])


def needs_step(kind: str, header: list, problems: list) -> bool:
    """Whether a file's refusal is one the mapping step settles: its columns do not map (a required column
    missing or twice, no checkpoint column: problems without a line naming a column of the kind), and its
    headers do not fit another kind better (then the hint to choose that kind is the answer)."""
    names = set(ingest.COLUMNS[kind]) | {"m01…m12"}
    other = ingest.detect_kind([str(h) for h in header])
    return other in (None, kind) and any(p.line is None and p.column in names for p in problems)


def guesses(kind: str, header: list, columns: list[str]) -> dict[str, str | None]:
    """The best guess per asked column, no header guessed twice: first every column's own name or alias
    (ingest.column_candidates), then, for the columns still without one, the header most alike to its
    Chinese name (alike) — never for a month column (6月底 is alike to every N月底: a wrong month would
    scramble the plan's checkpoints)."""
    texts = [str(h) for h in header]
    candidates = ingest.column_candidates(kind, texts)
    chosen: dict[str, str | None] = dict.fromkeys(columns)
    used: set[str] = set()
    for by_likeness in (False, True):
        for column in columns:
            if chosen[column] is not None or (by_likeness and column in ingest.MONTHS):
                continue
            found = alike(ingest.COLUMNS[kind][column].zh, texts) if by_likeness else candidates.get(column, [])
            pick = next((h for h in found if normalise_header(h) not in used), None)
            chosen[column] = pick
            if pick is not None:
                used.add(normalise_header(pick))
    return chosen


def alike(name: str, header: list[str]) -> list[str]:
    """The headers that look like a column's Chinese name (its unit left out), most alike first: shared
    characters in order (difflib), or one name inside the other; none below a third alike."""
    from difflib import SequenceMatcher

    base = normalise_header(name.split("(")[0])
    scored = []
    for text in header:
        n = normalise_header(text)
        if not n:
            continue
        score = max(SequenceMatcher(None, n, base).ratio(), 0.6 if base in n or n in base else 0)
        if score >= 0.3:
            scored.append((-score, text))
    return [text for _, text in sorted(scored, key=lambda s: s[0])]


# ------------------------------------------------------------------ stored

def _rows(cur, name: str, **params) -> list[dict]:
    """queries/<name>.sql on this very cursor (inside its transaction)."""
    return db.dicts(db.execute(cur, name, **params))


def _mapping(row: dict) -> Mapping:
    return Mapping(row["name"], row["kind"], row["header_signature"], json.loads(row["columns"]),
                   row.get("created_at"), row.get("created_by"))


def get(con, name: str) -> Mapping | None:
    found = db.rows(con, "mappings/get", mapping=(name or "").strip())
    return _mapping(found[0]) if found else None


def find_for(con, kind: str, header: list) -> Mapping | None:
    """The 导入方案 saved for this kind and this header's signature, if any."""
    found = db.rows(con, "mappings/find_for", kind=kind, signature=signature(header))
    return _mapping(found[0]) if found else None


def listed(con) -> list[Mapping]:
    return [_mapping(r) for r in db.rows(con, "mappings/list")]


def applied(con, kind: str, header: list, name: str | None = None) -> Mapping | None:
    """The 导入方案 an import uses: the one named (refused when unknown or of another kind), else the one
    saved for the header's signature, else None (the columns are found as usual)."""
    if name is None:
        return find_for(con, kind, header)
    found = get(con, name)
    if found is None:
        raise UnknownMapping(name, [m.name for m in listed(con)])
    if found.kind != kind:
        raise SpendingError("mapping_of_other_kind", name=found.name,
                            its_kind=(i18n.kind(found.kind), found.kind), kind=(i18n.kind(kind), kind))
    return found


class UnknownMapping(SpendingError):
    """--mapping NAME names no saved 导入方案 (the command line exits 2: wrong usage)."""

    def __init__(self, name: str, known: list[str]):
        super().__init__("mapping_unknown", name=name,
                         known=("、".join(known) or "（无）", ", ".join(known) or "none"))


def _may_write(user: auth.User) -> None:
    if not user.is_admin:
        raise SpendingError("mapping_admin_only")


def save(con, user: auth.User, name: str, kind: str, header: list, columns: abc.Mapping[str, str | None]) -> Mapping:
    """Store a new 导入方案 for this header's signature, with its audit entry, in one transaction.
    Refused: a name already used, or a 导入方案 already saved for the same kind and signature."""
    _may_write(user)
    name = check_name(name)
    chosen = check_columns(kind, header, columns)
    sig = signature(header)
    cur = con.cursor()
    try:
        with db.transaction(cur):
            if _rows(cur, "mappings/get", mapping=name):
                raise SpendingError("mapping_name_taken", name=name)
            same = _rows(cur, "mappings/find_for", kind=kind, signature=sig)
            if same:
                raise SpendingError("mapping_headers_taken", name=same[0]["name"])
            text = json.dumps(chosen, ensure_ascii=False)
            db.execute(cur, "mappings/save", mapping=name, kind=kind, signature=sig, columns=text, created_by=user.actor)
            audit.record(cur, user.actor, "mapping_saved", name, {"kind": kind, "columns": chosen, "headers": json.loads(sig)})
    except duckdb.ConstraintException as error:
        raise SpendingError("mapping_not_saved", why=(f"「{name}」：{str(error).splitlines()[0]}", "")) from None
    finally:
        cur.close()
    saved = get(con, name)
    assert saved is not None, name      # stored just above
    return saved


def remove(con, user: auth.User, name: str) -> Mapping:
    """Forget a 导入方案 by its name, with its audit entry (the columns it held), in one transaction."""
    _may_write(user)
    cur = con.cursor()
    try:
        with db.transaction(cur):
            found = _rows(cur, "mappings/get", mapping=(name or "").strip())
            if not found:
                raise UnknownMapping(name, [r["name"] for r in _rows(cur, "mappings/list")])
            gone = _mapping(found[0])
            db.execute(cur, "mappings/remove", mapping=gone.name)
            audit.record(cur, user.actor, "mapping_removed", gone.name, {"kind": gone.kind, "columns": gone.columns})
    finally:
        cur.close()
    return gone
