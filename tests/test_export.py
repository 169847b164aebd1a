"""Downloads: what is on screen, with its context, and no spreadsheet formulas smuggled in."""

import csv
import io

import openpyxl
import pandas as pd
import pytest

from spending import export, ingest

DANGEROUS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "plain"]


@pytest.fixture
def frame():
    return pd.DataFrame({"项目名称": DANGEROUS, "计划差额(万元)": [-1.5, 2.0, -3.25, 0.0, 1.0, 9.99]})


def test_csv_neutralises_formulas_and_keeps_numbers(frame):
    """Header on line 1 (the context goes into the file name), numbers with 2 decimals, formulas
    neutralised with an apostrophe — in CSV only."""
    data = export.to_csv(frame, [("截至", "2021年11月"), ("=cmd", "生成时间")])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["项目名称", "计划差额(万元)"]
    assert [r[0] for r in rows[1:]] == ["'" + v if v[0] in "=+-@\t" else v for v in DANGEROUS]
    assert [r[1] for r in rows[1:]] == ["-1.50", "2.00", "-3.25", "0.00", "1.00", "9.99"]
    read = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert list(read.columns) == ["项目名称", "计划差额(万元)"] and len(read) == len(DANGEROUS)


def test_xlsx_context_first_then_inert_text_and_numbers(frame, tmp_path):
    """说明 first, the table on its own sheet; a text cell is a string cell (never a formula) written
    as it is, without a visible apostrophe; numbers are numbers with a number format."""
    path = tmp_path / "list.xlsx"
    path.write_bytes(export.to_xlsx(frame, [("截至", "2021年11月"), ("年度", 2021)], "滞后项目清单"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["说明", "滞后项目清单"]
    context = book["说明"]
    assert [c.value for c in context[1]] == ["截至", "2021年11月"]
    assert context["B2"].value == 2021 and context["B2"].data_type == "n" and context["B2"].number_format == "0"
    sheet = book["滞后项目清单"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["项目名称", "计划差额(万元)"]
    assert [r[0] for r in values[1:]] == DANGEROUS                     # as typed: no apostrophe
    assert all(sheet.cell(r, 1).data_type == "s" for r in range(2, len(DANGEROUS) + 2))
    assert [r[1] for r in values[1:]] == [-1.5, 2.0, -3.25, 0.0, 1.0, 9.99]
    assert all(sheet.cell(r, 2).number_format == "#,##0.00" for r in range(2, len(DANGEROUS) + 2))
    assert all(cell.data_type != "f" for ws in book for row in ws.iter_rows() for cell in row)


@pytest.mark.parametrize("kind", ingest.KINDS)
def test_templates_have_chinese_headers_and_a_valid_example(kind, tmp_path, ledger):
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(export.template_xlsx(kind))
    table = ingest.read_file(path)
    assert table.header == [c.zh for c in ingest.COLUMNS[kind].values()]
    parsed = ingest.parse(ledger.con, kind, table)
    assert not parsed.problems and parsed.rows_in_file == 1
    parsed.close()
    notes = openpyxl.load_workbook(path)["填写说明"]
    assert notes.max_row == len(ingest.COLUMNS[kind]) + 1
