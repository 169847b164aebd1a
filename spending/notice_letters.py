"""问询函 (issue 13): one letter per section with the month's inquiries, as PDF and Excel, in a folder, in one
zip (issue 36) or attached to the mail (spending.mail). Its words say what each inquiry asks for
(spending.notice_rules.ask); the inquiries come from spending.notices.
"""

from __future__ import annotations

import io
import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from spending import SpendingError, i18n
from spending import rules
from spending.clock import today
from spending.notice_rules import ask
from spending.notices import LEVEL_COLORS, column, inquiries, level_label
from spending.rules import Thresholds

LETTER_COLUMNS = ["project_code", "project_name", "level", "budget_wan", "actual_wan", "actual_pct", "plan_pct",
                  "deviation_pp", "gap_wan"]


def letter_rows(rows: list[dict]) -> dict[str, list[dict]]:
    """The month's inquiries grouped by section (one letter each)."""
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["section"], []).append(r)
    return out


def _safe(text: str) -> str:
    """Blanks as "_" in a letter's name (export.file_name refuses the rest and bounds it)."""
    return re.sub(r"\s+", "_", text).strip("_") or "section"


def letter_text(year: int, month: int, section: str, rows: list[dict], lang: str = "zh") -> list[str]:
    """The letter's paragraphs (the same words in the PDF and on the Excel sheet): what each inquiry
    asks for (ask()): behind plan, the month to be back on plan by; overspent, the amount over budget
    and 追加预算 or an explanation; December, 结转/结余 of the unspent money."""
    due = i18n.day_label(min(r["due"] for r in rows), lang)
    asks = [ask(r.get("issued_status", r.get("status")), month) for r in rows]
    over = [(r["project_name"], rules.over_budget_wan(r["actual_wan"], r["budget_wan"]))
            for r, a in zip(rows, asks) if a == "overspent"]
    n_behind, n_year_end = asks.count("behind"), asks.count("year_end")
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    text = [t("letter_to", section=section),
            t("letter_opening", month=i18n.month_label(year, month, lang), n=len(rows), due=due)]
    if n_behind:
        text.append(t("letter_behind", n=n_behind))
    if over:
        named = t("letter_over_sep").join(t("letter_over_item", name=name, amount=f"{amount:,.2f}")
                                          for name, amount in over)
        text.append(t("letter_overspent", named=named))
    if n_year_end:
        text.append(t("letter_year_end", n=n_year_end))
    if n_behind:
        text.append(t("letter_closes_behind"))
    if over or n_year_end:
        text.append(t("letter_closes_decided"))
    return text


def letter_xlsx(year: int, month: int, section: str, rows: list[dict], issuer: str, lang: str = "zh",
                sample: bool = False) -> bytes:
    """The letter as Excel: the letter on sheet 1 (first the sample note while sample data is loaded), the
    projects on sheet 2."""
    import xlsxwriter

    import pandas as pd

    from spending import export
    from spending.export import XLSX_OPTIONS, Formats, write_context, write_table

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, XLSX_OPTIONS)
    fmt = Formats(book, lang)
    items = [(i18n.t("letter_title", lang), "")] + export.sample_note(sample, lang) + [
             (i18n.t("issuing_unit", lang), issuer),
             (i18n.column("section", lang), section), (column("due", lang), min(r["due"] for r in rows)),
             (i18n.t("letter_month", lang), i18n.month_label(year, month, lang))]
    items += [("", line) for line in letter_text(year, month, section, rows, lang)]
    write_context(book, i18n.t("letter_sheet", lang), items, fmt)
    frame = pd.DataFrame([{column(c, lang): level_label(r[c], lang) if c == "level" else r[c]
                           for c in LETTER_COLUMNS + ["due"]} for r in rows])
    write_table(book, i18n.t("letter_projects_sheet", lang), frame, fmt)
    book.close()
    return buffer.getvalue()


def letter_html(year: int, month: int, section: str, rows: list[dict], issuer: str, on: date,
                lang: str = "zh", sample: bool = False) -> str:
    """The letter as HTML for Chromium: signed by the issuer on `on` (2021年12月3日); while sample data is
    loaded a banner on every page says so."""
    from spending import export, printed

    def cell(r, c) -> dict:
        v = r[c]
        if c == "level":
            return {"text": level_label(v, lang), "cls": "nw", "style": f"color:{LEVEL_COLORS[v]};font-weight:700"}
        if isinstance(v, Decimal):
            return {"text": f"{v:,.2f}", "cls": "num", "style": ""}
        return {"text": "" if v is None else str(v),
                "cls": "nw" if c == "project_code" else "wide" if c == "project_name" else "", "style": ""}
    return printed.render("letter.html.j2", html_lang=printed.html_lang(lang), title=i18n.t("letter_title", lang),
                          section=section, issuer=issuer, marks=export.sample_marks(sample, lang),
                          paragraphs=letter_text(year, month, section, rows, lang),
                          head=[column(c, lang) for c in LETTER_COLUMNS],
                          rows=[[cell(r, c) for c in LETTER_COLUMNS] for r in rows], signed_on=i18n.day_label(on, lang))


def letters(con, year: int, month: int, thresholds: Thresholds = Thresholds(), on: date | None = None,
            scope: list[str] | None = None) -> dict[str, list[dict]]:
    """The month's inquiries, per section, for the letters."""
    found = letter_rows(inquiries(con, year, month, thresholds, on, scope))
    if not found:
        raise SpendingError("inquiries_not_issued", month=f"{year}-{month:02d}")
    return found


def letter_name(year: int, month: int, section: str, suffix: str, taken: set | None = None) -> str:
    """The letter's file name (export.file_name: bounded, no separators, unique within `taken`)."""
    from spending import export

    return export.file_name(f"问询函_{year}-{month:02d}_{_safe(section)}", suffix, taken)


def letter_pdf(year: int, month: int, section: str, rows: list[dict], issuer: str, on: date, lang: str = "zh",
               sample: bool = False) -> bytes:
    from spending import export

    return export.print_pdf(letter_html(year, month, section, rows, issuer, on, lang, sample))


def write_letters(con, year: int, month: int, folder: str | os.PathLike, thresholds: Thresholds = Thresholds(),
                  on: date | None = None, lang: str = "zh") -> list[Path]:
    """One 问询函 per section (PDF and Excel) into folder."""
    from spending import export

    on = on or today()
    found = letters(con, year, month, thresholds, on)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in letter_files(year, month, found, on, lang, export.sample_loaded(con)):
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


def letter_files(year: int, month: int, found: dict[str, list[dict]], on: date, lang: str = "zh",
                 sample: bool = False) -> list[tuple[str, bytes]]:
    """Every section's 问询函 (of letters()) as PDF and Excel: (file name, bytes), names unique among them."""
    from spending import export

    out = []
    taken: set[str] = set()      # this run's names: two sections never share a file
    for section, rows in found.items():
        for suffix in ("pdf", "xlsx"):
            name = letter_name(year, month, section, suffix, taken)
            data = (letter_pdf(year, month, section, rows, export.issuer(), on, lang, sample) if suffix == "pdf"
                    else letter_xlsx(year, month, section, rows, export.issuer(), lang, sample))
            out.append((name, data))
    return out


def letters_zip(year: int, month: int, found: dict[str, list[dict]], on: date, lang: str = "zh",
                sample: bool = False) -> bytes:
    """Every letter in one download (issue 36): a zip of each section's PDF and Excel."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as packet:
        for name, data in letter_files(year, month, found, on, lang, sample):
            packet.writestr(name, data)
    return buffer.getvalue()


def letters_zip_name(year: int, month: int, sample: bool = False, lang: str = "zh") -> str:
    from spending import export

    return export.marked(i18n.t("letters_zip_name", lang, year=year, month=f"{month:02d}"), sample, lang) + ".zip"
