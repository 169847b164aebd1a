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
    data = export.to_csv(frame, [("截至", "2021年11月"), ("=cmd", "生成时间")])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["截至", "2021年11月"] and rows[1] == ["'=cmd", "生成时间"]
    table = rows[rows.index([]) + 1:]
    assert [r[0] for r in table[1:]] == ["'" + v if v[0] in "=+-@\t" else v for v in DANGEROUS]
    assert [r[1] for r in table[1:]] == ["-1.5", "2.0", "-3.25", "0.0", "1.0", "9.99"]


def test_xlsx_neutralises_formulas_and_keeps_numbers(frame, tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(export.to_xlsx(frame, [("截至", "2021年11月")], "滞后项目清单"))
    sheet = openpyxl.load_workbook(path).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["截至", "2021年11月"]
    names = [r[0] for r in values[3:]]
    assert all(not str(n).startswith(("=", "+", "-", "@", "\t")) for n in names)
    assert [r[1] for r in values[3:]] == [-1.5, 2.0, -3.25, 0.0, 1.0, 9.99]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


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
