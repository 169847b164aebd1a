"""Check plan, payment, adjustment and indicator files (SPEC §2) and load them all or nothing.

    read_file  spending.files.reading.read_file (no database): the encoding, the header (the first row within
               20 that fits a kind, below any title rows) and where the rows are
    detect_kind the kind a header fits (the 数据 page pre-selects it; a wrong kind gets a hint)
    parse      rows -> temp table import_staged: typed values and an error code per cell,
               checked by queries/import/stage_<kind>.sql (set-based: millions of rows a second);
               合计/小计/总计 lines left out (queries/import/total_rows.sql), ragged rows named
    preview    a dry run: the checks against the stored data, the good rows written, the running-budget
               rule, per-project subtotals (元) and negative cumulative spending, then rolled back
    read_notes what the preview says, as lines for the command line

The columns of each kind are one table, COLUMNS (Column: English name, Chinese header, required, rule text,
example, aliases: the headers the exports of 预算管理一体化 systems use). A header maps by our own name first,
then by an alias (or our name with a unit it accepts: 金额（单位:万元）); two headers that could both be a
column are never guessed (a problem naming both) unless an import mapping chooses (parse(chosen=...);
column_candidates lists the choices). A payment amount whose header or title row says 万元 is converted
exactly to 元. A 项目编码 cell of 代码 - 名称 gives its code; a name (there or in 项目名称) is checked against
the plan, and a row with a name only takes the code of the one plan project of that name (Parsed.by_name).
    load       in one transaction: checks against the stored data (plans exist, conflicts,
               identical rows skipped), the writes, then the running-budget rule; any problem
               rolls everything back and names the row, the column, the value and the reason
               in Chinese and English. A file with cell problems is first previewed, so the report
               holds every problem at once.

A UTF-8 CSV (a GBK one once re-encoded) is read by DuckDB itself. An XLSX, or a CSV whose
rows do not map one-to-one onto lines (quoted line breaks, blank lines, ragged rows), is
read in Python so that every row keeps its exact line number.

The package, one module per part, its names all here (spending.ingest.X):
    kinds    the import kinds, one record each (ImportKind: key, amount, date and code columns, replaces, the SQL
             files of queries/import/ it runs, its verb): RECORDS; KINDS their names, UNDOABLE those taken back
    columns  the kinds' columns and which header is which (map_columns, a 导入方案's choice, the unit); no database
    parsing  Parsed and parse: the file staged and checked row by row
    checks   check: the rules that need the stored data
    loading  preview, load, import_file: the writes, all or nothing
    undoing  undo: a batch taken back
    notes    read_notes: what was read, for people
"""

from spending.files.excel import cell_text  # noqa: F401 - the importer's names too
from spending.files.problems import ImportRejected, Problem  # noqa: F401
from spending.ingest.checks import check  # noqa: F401
from spending.ingest.columns import (  # noqa: F401
    CARRY_OVER_MONTHS, COLUMNS, MONTHS, WAN, WAN_UNIT, YUAN_UNIT, SPENDING_PLAN_AMOUNTS, Column, UnitUnknown, UNIT_CHOICES, amount_unit, column_candidates, column_label, detect_kind,
    is_spending_plan,
    header_unit, map_columns, read_file, sniff_kind,
)
from spending.ingest.kinds import KINDS, RECORDS, UNDOABLE, ImportKind  # noqa: F401
from spending.ingest.loading import ImportResult, _write_checked, change_rows, import_file, load, preview  # noqa: F401
from spending.ingest.notes import read_notes  # noqa: F401
from spending.ingest.parsing import Parsed, mapped_by, parse  # noqa: F401
from spending.ingest.undoing import UndoResult, undo, undo_batch, undo_in  # noqa: F401
