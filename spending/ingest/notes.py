"""What was read, for people: the preview's lines for the command line."""

from __future__ import annotations

from decimal import Decimal

from spending import i18n
from spending.ingest.columns import COLUMNS, WAN_UNIT
from spending.ingest.parsing import mapped_by
from spending.ingest.parsing import Parsed


def _yuan(value) -> str:
    return f"{Decimal(value):,.2f}"


def read_notes(parsed: Parsed) -> list[str]:
    """What the 数据 page's preview says, as lines for the command line (Chinese | English): how each header
    was mapped, the columns nothing reads, the amount's unit, the title and total rows left out (with their lines), the rows matched
    by project name, the per-project subtotals in 元 to the fen and the negative cumulative spending."""
    return [f"{note.text('zh')} | {note.text('en')}" for note in read_messages(parsed)]


def read_messages(parsed: Parsed) -> list[i18n.Message]:
    """read_notes' lines as messages of i18n.MESSAGES (issue 38), one a line."""
    kind, table = parsed.kind, parsed.table
    pairs = [(header, COLUMNS[parsed.layout or kind][name]) for name, header in parsed.mapping.items()]
    ways = mapped_by(parsed)
    marks = {"name": "", "alias": str(i18n.Message("notes_mark_alias")), "chosen": str(i18n.Message("notes_mark_chosen"))}
    mapped = "；".join(f"{h} → {c.zh}（{c.name}{marks[ways[c.name]]}）" for h, c in pairs)
    notes = [i18n.Message("notes_columns", mapped=("", mapped))]
    if parsed.unused:
        notes.append(i18n.Message("notes_unused", columns=("、".join(parsed.unused), ", ".join(parsed.unused))))
    if parsed.layout == "spending_plan":   # task J: a 用款计划 in amounts, kept exactly
        notes.append(i18n.Message("notes_spending_plan", unit=parsed.unit))
    if kind == "disbursements" and parsed.unit == WAN_UNIT:
        notes.append(i18n.Message("notes_in_wan"))
    if table.titles:
        titles = ("、".join(f"第 {n} 行「{t}」" for n, t in table.titles),
                  ", ".join(f'line {n} "{t}"' for n, t in table.titles))
        notes.append(i18n.Message("notes_titles", line=table.header_line, titles=titles))
    if parsed.total_lines:
        lines = ("、".join(f"第 {n} 行（{label}）" for n, label in parsed.total_lines),
                 ", ".join(f"line {n} ({label})" for n, label in parsed.total_lines))
        notes.append(i18n.Message("notes_totals", count=len(parsed.total_lines), lines=lines))
    if parsed.by_name:
        notes.append(i18n.Message("notes_by_name", count=len(parsed.by_name)))
        notes += [i18n.Message("notes_by_name_row", line=r["line"],
                               matched=("", f"：{r['project_name']} → {r['project_code']}")) for r in parsed.by_name]
    if parsed.subtotals:
        total = sum((r["amount_yuan"] for r in parsed.subtotals), Decimal(0))
        notes.append(i18n.Message("notes_subtotals", total=_yuan(total)))
        notes += [i18n.Message("notes_subtotal_row", project=(f"  {r['project_code']} {r['project_name']}：", ""),
                               rows=r["rows"], amount=(_yuan(r["amount_yuan"]), ""))
                  for r in parsed.subtotals]
    if parsed.negative_spending:
        notes.append(i18n.Message("notes_negative"))
        notes += [i18n.Message("notes_negative_row", project=(f"  {r['project_code']} {r['project_name']}：", ""),
                               month=r["month"], amount=(_yuan(r["cumulative_yuan"]), ""))
                  for r in parsed.negative_spending]
    return notes
