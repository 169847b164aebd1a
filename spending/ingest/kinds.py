"""The import kinds, one declared record each (issue 38.2): a kind's key, amount, date and code
columns, whether a stored key is replaced, the SQL files of queries/import/ its import runs, and the verb that
takes it. ingest reads the record; nothing builds a query's name from a kind.

Adding a kind (or a layout of one) is adding a record to RECORDS: its columns go into columns.COLUMNS under
the same name, its SQL files into queries/import/ (the stage_<kind>, find_repeated_<kind>, stored_<kind>,
new_totals_<kind> … it names), and tests/test_import_kinds.py checks that every file a record names exists and
that every queries/import/*_<kind>.sql is named by its kind's record. No database here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImportKind:
    """One kind of file the importer takes (SPEC §2), or a layout of one (layout_of: the kind it is loaded as).
    Its columns are columns.COLUMNS[name] (the column table, which reads the records: no import back here)."""

    name: str                           # the kind's name in code, SQL (import_batches.kind), i18n.KINDS
    verb: str                           # the CLI verb that takes it
    key_column: str                     # the column a row is known by (a repeated key, a conflict)
    code_columns: tuple[str, ...] = ()  # keys and codes compared with stored ones: normalised (characters.normalise_code)
    amount_column: str | None = None    # the amount: a text column after it holding 3 digits was cut by a separator
    date_column: str | None = None      # a 合计 row with a valid code, date and amount is not left out silently
    budget_amount: bool = False         # the amount is a budget amount, whose unit is never guessed (SPEC §5)
    replaces: bool = False              # a stored key with other content is replaced, not a conflict
    layout_of: str | None = None        # a layout of another kind (用款计划: loaded as a plan), not a kind of its own
    # the SQL files (queries/import/…, without .sql) its import runs, in the order ingest runs them
    stage: str = ""                     # parsing: the cells typed and checked into import_staged
    find_repeated: str | None = None    # parsing: a key given twice in the file
    stored_case: str | None = None      # checks: a key stored in other case only is that stored key
    stored: str | None = None           # checks: the stored rows of the file's keys (import_stored)
    conflicts: str | None = None        # checks: a stored key with other content (kinds that do not replace)
    new_totals: str = ""                # checks: the rows to write, their total and absolute total
    amounts: str | None = None          # loading: the amounts per project for the preview's subtotals
    load: tuple[str, ...] = ()          # loading: the writes, in order
    claim: str | None = None            # loading: the batch claims its rows (kinds that can be taken back)
    hand_over: tuple[str, ...] = ()     # undoing: rows a later batch also brought handed over to it
    remove: str | None = None           # undoing: the batch's rows taken out (a plan: undoing._undo_plan)

    @property
    def undoable(self) -> bool:
        return self.claim is not None

    def sql_files(self) -> tuple[str, ...]:
        """Every SQL file the record names."""
        single = (self.stage, self.find_repeated, self.stored_case, self.stored, self.conflicts, self.new_totals,
                  self.amounts, self.claim, self.remove)
        return tuple(name for name in (*single, *self.load, *self.hand_over) if name)


def required(query: str | None) -> str:
    """A record's query where its kind must have it (the field is optional because some kinds have none)."""
    if query is None:
        raise LookupError("this import kind has no such query")
    return query


RECORDS = {kind.name: kind for kind in (
    ImportKind(
        "plan", "import-plan", "project_code", ("project_code", "section"), amount_column="budget_wan",
        budget_amount=True, replaces=True,
        stage="import/stage_plan", find_repeated="import/find_repeated_plan", stored="import/stored_plan",
        new_totals="import/new_totals_plan", amounts="import/amounts_plan",
        load=("import/keep_plan_versions", "import/keep_plan_checkpoint_versions", "import/load_plan_years",
              "import/load_plan_sections", "import/load_plan_projects", "import/load_plan_clear_checkpoints",
              "import/load_plan_checkpoints"),
        claim="import/claim_plan",
        hand_over=("import/undo_hand_over_plan", "import/undo_hand_over_checkpoints", "import/undo_hand_over_versions",
                   "import/undo_hand_over_checkpoint_versions")),
    ImportKind(
        "disbursements", "import-disbursements", "voucher_no", ("voucher_no", "project_code", "line_no"),
        amount_column="amount_yuan", date_column="pay_date",
        stage="import/stage_disbursements", find_repeated="import/find_repeated_disbursements",
        stored_case="import/stored_case_disbursements", stored="import/stored_disbursements",
        conflicts="import/conflicts_disbursements", new_totals="import/new_totals_disbursements",
        amounts="import/amounts_disbursements",
        load=("import/load_disbursements", "import/add_to_monthly_actuals"),
        claim="import/claim_disbursements", hand_over=("import/undo_hand_over_disbursements",),
        remove="import/undo_remove_disbursements"),
    ImportKind(
        "adjustments", "import-adjustments", "doc_no", ("doc_no", "project_code"), amount_column="amount_wan",
        date_column="effective_date", budget_amount=True,
        stage="import/stage_adjustments", find_repeated="import/find_repeated_adjustments",
        stored_case="import/stored_case_adjustments", stored="import/stored_adjustments",
        conflicts="import/conflicts_adjustments", new_totals="import/new_totals_adjustments",
        amounts="import/amounts_adjustments", load=("import/load_adjustments",),
        claim="import/claim_adjustments", hand_over=("import/undo_hand_over_adjustments",),
        remove="import/undo_remove_adjustments"),
    ImportKind(
        "indicator_values", "import-indicators", "seq", ("project_code",), replaces=True,
        stage="import/stage_indicator_values", find_repeated="import/find_repeated_indicator_values",
        stored="import/stored_indicator_values", new_totals="import/new_totals_indicator_values",
        amounts="import/amounts_indicator_values", load=("import/load_indicator_values",)),
    # Task J (issue 33): a 用款计划 in amounts (SPEC §5) is a plan file in another layout, staged as plan rows
    # (parsing._parse_spending_plan), then checked and written as a plan
    ImportKind(
        "spending_plan", "import-plan", "project_code", layout_of="plan",
        stage="import/stage_spending_plan", new_totals="import/new_totals_spending_plan"),
)}
KINDS = tuple(name for name, kind in RECORDS.items() if kind.layout_of is None)   # the kinds of their own, in order
UNDOABLE = tuple(name for name in KINDS if RECORDS[name].undoable)
