"""The 部门预算绩效文本 of data/ written in the other layouts it comes in, made from the text itself:
pipe tables (a PDF-to-Markdown converter's), HTML tables and a Word file (.docx, python-docx),
with merged cells wherever merging loses nothing (a cell with text and the empty cells after it in
its row; an 一级指标 and the empty cells below it)."""

from __future__ import annotations

import html
import io
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "data" / "budget-performance-text-2021.txt"


def blocks(text: str) -> list[tuple[str, list]]:
    """("p", line) for a line of prose, ("table", rows of cells) for a run of tab-separated lines
    (a blank line inside a run keeps it one table, as the text does)."""
    out: list[tuple[str, list]] = []
    for line in text.splitlines():
        if "\t" in line:
            cells = line.split("\t")
            if out and out[-1][0] == "table" and not out[-1][2]:
                out[-1][1].append(cells)
            else:
                out.append(["table", [cells], False])
        elif not line.strip():
            if out and out[-1][0] == "table":
                continue
            out.append(["p", "", False])
        else:
            if out and out[-1][0] == "table":
                out[-1][2] = True                      # closed
            out.append(["p", line, False])
    return [(kind, body) for kind, body, _ in out]


def grid(rows: list[list[str]]) -> list[list[str]]:
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def merges(rows: list[list[str]]) -> tuple[dict, set]:
    """spans {(r, c): (rowspan, colspan)} and the covered cells: column 0 down over empty cells
    (when the rows below have text in column 1), then every other text cell right over the empty
    cells after it."""
    spans, covered = {}, set()
    for r, row in enumerate(rows):
        if row[0].strip() and (len(row) < 2 or row[1].strip()):
            down = r + 1
            while down < len(rows) and not rows[down][0].strip() and rows[down][1].strip():
                down += 1
            if down - r > 1:
                spans[(r, 0)] = (down - r, 1)
                covered |= {(i, 0) for i in range(r + 1, down)}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if (r, c) in covered or (r, c) in spans or not cell.strip():
                continue
            right = c + 1
            while right < len(row) and not row[right].strip() and (r, right) not in covered:
                right += 1
            if right - c > 1:
                spans[(r, c)] = (1, right - c)
                covered |= {(r, i) for i in range(c + 1, right)}
    return spans, covered


def pipe_tables(text: str) -> str:
    out = []
    for kind, body in blocks(text):
        if kind == "p":
            out.append(body)
            continue
        rows = grid(body)
        out.append("")
        for i, row in enumerate(rows):
            cells = [c.strip().replace("|", "\\|") for c in row]
            out.append("| " + " | ".join(cells) + " |")
            if i == 0:
                out.append("|" + "|".join("---" for _ in row) + "|")
        out.append("")
    return "\n".join(out) + "\n"


def html_tables(text: str) -> str:
    out = ["<html><head><meta charset=\"utf-8\"></head><body>"]
    for t, (kind, body) in enumerate(blocks(text)):
        if kind == "p":
            out.append(f"<p>{html.escape(body, quote=False)}</p>" if body.strip() else "")
            continue
        rows = grid(body)
        spans, covered = merges(rows)
        lines = []
        for r, row in enumerate(rows):
            cells = []
            for c, cell in enumerate(row):
                if (r, c) in covered:
                    continue
                rowspan, colspan = spans.get((r, c), (1, 1))
                attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f" colspan={colspan}" if colspan > 1 else "")
                # entities (&gt;=, &amp;) and a line break inside a cell, as converters write them
                content = html.escape(cell.strip(), quote=False).replace(" ", "<br>")
                cells.append(f"<td{attrs}>{content}</td>")
            lines.append("<tr>" + "".join(cells) + "</tr>")
        # every other table on one line, as some converters write it
        out.append("<table>" + ("".join(lines) if t % 2 else "\n" + "\n".join(lines) + "\n") + "</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def docx_bytes(text: str) -> bytes:
    import docx

    word = docx.Document()
    for kind, body in blocks(text):
        if kind == "p":
            word.add_paragraph(body)
            continue
        rows = grid(body)
        table = word.add_table(rows=len(rows), cols=len(rows[0]))
        # the cells taken once, before any merge (table.cell() walks the whole table each time; a merge
        # changes only its own cells, and the spans never overlap)
        cells = [word_row.cells for word_row in table.rows]
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell.strip():
                    cells[r][c].text = cell.strip()
        spans, _ = merges(rows)
        for (r, c), (rowspan, colspan) in spans.items():
            merged = cells[r][c].merge(cells[r + rowspan - 1][c + colspan - 1])
            merged.text = rows[r][c].strip()               # merge() joins the cells' paragraphs
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
