"""Issue 19, names that are paths or markup: a section called 综合/科, 综合:科 or 180 characters long
gets its own bounded file (letters, 按科室分发 zip entries, Parquet partitions), and a name made of HTML
is text in every chart, never a link, a colour or bold."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from datetime import date, datetime

import duckdb
import openpyxl
import pandas as pd
import pytest

from conftest import cli, plan_row
from spending import auth, charts, export, notice_letters, notices
from spending.db import opening
from spending.rules import Thresholds

ADMIN = auth.User("admin@bureau.gov", "admin")
LONG = "超长科室名" * 36                     # 180 characters, 540 UTF-8 bytes
SECTIONS = ["综合/科", "综合:科", LONG, "普通科"]
HOSTILE = '<a href="http://x">x</a><b>b</b><span style="color:red">r</span>'
NOW = datetime(2021, 11, 28, 9, 30)


def _behind(ledger, sections=SECTIONS):
    """One project a section, 35 % spent against a plan of 70 % by November: lagging."""
    ledger.plan(*[plan_row(f"P{i}", 100, {11: 70, 12: 100}, section=s) for i, s in enumerate(sections)])
    for i, _ in enumerate(sections):
        ledger.pay(f"P{i}", ("2021-09-10", 350_000), ("2021-11-10", 100))


# ------------------------------------------------------------------ the one file-name function

def test_file_name_refuses_separators_bounds_and_keeps_names_apart():
    taken: set[str] = set()
    a = export.file_name("综合/科", "xlsx", taken)
    b = export.file_name("综合:科", "xlsx", taken)
    assert a != b and "/" not in a + b and ":" not in a + b
    assert a.startswith("综合_科~") and a.endswith(".xlsx")
    long = export.file_name(LONG, "pdf")
    assert len(long.encode("utf-8")) <= export.NAME_BYTES + 20 and long.startswith("超长科室名")
    assert export.file_name(LONG + "甲", "pdf") != long            # cut the same, told apart by the hash
    for bad in '\\*?"<>|\x00\x1f\t\n':
        assert bad not in export.file_name(f"a{bad}b", "txt")
    assert export.file_name("普通科", "xlsx") == "普通科.xlsx"     # an ordinary name stays as it is
    again = export.file_name("普通科", "xlsx", taken)
    assert again == "普通科.xlsx" and export.file_name("普通科", "xlsx", taken) == "普通科-2.xlsx"
    assert export.file_name("NUL", "txt") != "NUL.txt"
    assert export.file_name("e\u0301", "txt") == "\u00e9.txt"           # NFC


# ------------------------------------------------------------------ 问询函

def test_letters_of_hostile_sections_each_their_own_bounded_file(ledger, tmp_path, monkeypatch):
    _behind(ledger)
    notices.issue(ledger.con, ADMIN, 2021, 11, today=date(2021, 12, 1))
    monkeypatch.setattr(notice_letters, "letter_pdf", lambda year, month, section, *a, **k: f"PDF {section}".encode())
    out = tmp_path / "letters"
    written = notice_letters.write_letters(ledger.con, 2021, 11, out, on=date(2021, 12, 1))
    names = sorted(p.name for p in out.iterdir())
    assert len(written) == len(names) == 2 * len(SECTIONS)            # none overwritten, none missing
    assert all(len(n.encode("utf-8")) < 200 and "/" not in n and ":" not in n for n in names)
    pdfs = {p.read_bytes().decode()[4:] for p in written if p.suffix == ".pdf"}
    assert pdfs == set(SECTIONS)
    for path in (p for p in written if p.suffix == ".xlsx"):
        book = openpyxl.load_workbook(path)
        cells = {c for row in book.worksheets[0].values for c in row if isinstance(c, str)}
        assert cells & set(SECTIONS), path.name                         # the full name inside
    inside = [{c for row in openpyxl.load_workbook(p).worksheets[0].values for c in row if isinstance(c, str)}
              & set(SECTIONS) for p in written if p.suffix == ".xlsx"]
    assert set().union(*inside) == set(SECTIONS)


# ------------------------------------------------------------------ 按科室分发

def test_section_packets_entries_unique_and_extractable(ledger, tmp_path):
    _behind(ledger)
    data = export.section_packets(ledger.con, 2021, 11, Thresholds(), now=NOW)
    packet = zipfile.ZipFile(io.BytesIO(data))
    names = packet.namelist()
    assert len(names) == len(set(names)) == len(SECTIONS)
    assert all(len(n.encode("utf-8")) < 200 and "/" not in n and ":" not in n for n in names)
    (tmp_path / "packet.zip").write_bytes(data)
    out = subprocess.run(["unzip", "-o", str(tmp_path / "packet.zip"), "-d", str(tmp_path / "x")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr + out.stdout
    found = set()
    for path in (tmp_path / "x").iterdir():
        book = openpyxl.load_workbook(path)
        context = {row[0].value: row[1].value for row in book.worksheets[0].iter_rows()}
        found.add(context["科室"])
    assert found == set(SECTIONS)


# ------------------------------------------------------------------ export-parquet

def test_export_parquet_with_hostile_sections_through_the_cli(ledger, tmp_path):
    _behind(ledger)
    ledger.con.close()
    out = cli("export-parquet", str(tmp_path / "warehouse"), db_path=ledger.path)
    ledger.con = opening.connect(ledger.path)
    assert out.returncode == 0, out.stderr
    reader = duckdb.connect()
    for table, each in (("projects", 1), ("disbursements", 2)):
        rows = reader.execute(f"select section_name, count(*) from read_parquet("
                              f"'{tmp_path}/warehouse/{table}/**/*.parquet', hive_partitioning = true)"
                              " group by all").fetchall()
        assert dict(rows) == {s: each for s in SECTIONS}, table
    ordinary = reader.execute(f"select distinct section from read_parquet('{tmp_path}/warehouse/projects/**/*.parquet',"
                              " hive_partitioning = true) where section_name <> $1", [LONG]).fetchall()
    assert {s for (s,) in ordinary} == {"综合/科", "综合:科", "普通科"}
    folders = list((tmp_path / "warehouse/projects/fiscal_year=2021").iterdir())
    assert len(folders) == len(SECTIONS) and all(len(f.name.encode()) <= 255 for f in folders)


# ------------------------------------------------------------------ Plotly

def _unescaped(fig) -> list[str]:
    shown = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)
    return [tag for tag in ("<a", "</a>", "<b>", "<span", "</span>") if tag in shown]


def _curve() -> pd.DataFrame:
    return pd.DataFrame({"as_of_month": range(1, 13), "plan_pct": [8.0 * m for m in range(1, 13)],
                         "actual_pct": [7.0 * m for m in range(1, 13)], "time_pct": [100 * m / 12 for m in range(1, 13)],
                         "plan_wan": [10.0 * m for m in range(1, 13)], "actual_wan": [9.0 * m for m in range(1, 13)]})


@pytest.mark.parametrize("build", ["cumulative_curve", "deviation_bars", "monthly_shares"])
def test_every_chart_shows_html_in_names_as_text(build):
    if build == "cumulative_curve":
        fig = charts.cumulative_curve(_curve(), 11, HOSTILE, checkpoint_months=[6, 12], last_year=_curve(),
                                      last_year_label=HOSTILE)
    elif build == "deviation_bars":
        frame = pd.DataFrame({"section": [HOSTILE, "普通科"], "deviation_pp": [-30.0, 5.0], "gap_wan": [12.0, 1.0],
                              "status": ["severe", "on_track"], "lagging": [1, 0], "severe": [1, 0], "overspent": [0, 0]})
        fig = charts.deviation_bars(frame, "section", HOSTILE, thresholds=(10, 20))
    else:
        spending = pd.DataFrame({"month": range(1, 12), "share_pct": [9.0] * 11, "plan_share_pct": [8.0] * 11})
        fig = charts.monthly_shares(spending, 25.0, HOSTILE)
    assert _unescaped(fig) == []
    shown = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)
    assert "&lt;a href" in shown                  # the name is there, as text
