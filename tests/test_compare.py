"""`compare`: each section this year against the same month of another year, through the command line (its main(), in this process);
its numbers are the CLI's `sections` output of both years."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from fractions import Fraction

import pytest

from conftest import Ledger, cli_in_process, plan_row

COLUMNS = "section,actual_pct,plan_pct,deviation_pp,last_actual_pct,last_deviation_pp,change_pp"


@pytest.fixture
def two_years(tmp_path):
    ledger = Ledger(tmp_path)
    ledger.plan(plan_row("C-1", 30, {6: 40, 12: 100}, year=2021, section="综合科"),
                plan_row("C-2", 17, {3: 10, 10: 70, 12: 100}, year=2021, section="综合科"),
                plan_row("C-3", 8, {12: 100}, year=2021, section="新设科"))
    ledger.plan(plan_row("C-1", 25, {6: 30, 12: 100}, year=2020, section="综合科"),
                plan_row("L-9", 12, {6: 50, 12: 100}, year=2020, section="撤销科"))
    ledger.pay("C-1", ("2021-02-10", "51000.00"), ("2021-07-31", "33333.33"))
    ledger.pay("C-2", ("2021-05-05", "12345.67"), ("2021-08-31", "-2345.67"))
    ledger.pay("C-1", ("2020-03-01", "40000.00"), ("2020-08-15", "21111.11"))
    ledger.pay("L-9", ("2020-06-30", "70000.00"))
    ledger.con.close()
    return ledger.path


def read(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.mark.parametrize("month", [2, 8, 12])
def test_compare_equals_sections_of_both_years(two_years, month):
    result = cli_in_process("compare", "--as-of", f"2021-{month:02d}", "--format", "csv", db_path=two_years)
    assert result.stdout.splitlines()[0] == COLUMNS
    rows = {r["section"]: r for r in read(result)}
    this = {r["section"]: r for r in read(cli_in_process("sections", "--as-of", f"2021-{month:02d}", "--format", "csv",
                                             db_path=two_years))}
    last = {r["section"]: r for r in read(cli_in_process("sections", "--as-of", f"2020-{month:02d}", "--format", "csv",
                                             db_path=two_years))}
    assert set(rows) == set(this) | set(last) == {"综合科", "新设科", "撤销科"}
    for section, row in rows.items():
        t, l = this.get(section), last.get(section)
        for column in ("actual_pct", "plan_pct", "deviation_pp"):
            assert row[column] == (t[column] if t else "")
        assert row["last_actual_pct"] == (l["actual_pct"] if l else "")
        assert row["last_deviation_pp"] == (l["deviation_pp"] if l else "")
        if t and l:
            change = Decimal(row["change_pp"])
            assert abs(change - (Decimal(t["actual_pct"]) - Decimal(l["actual_pct"]))) <= Decimal("0.01")
        else:
            assert row["change_pp"] == ""


def test_change_is_exact_and_rounded_once(two_years):
    rows = {r["section"]: r for r in read(cli_in_process("compare", "--as-of", "2021-08", "--format", "csv", db_path=two_years))}
    # 综合科 2021: (51000 + 33333.33 + 12345.67 − 2345.67) / 470000; 2020: (40000 + 21111.11) / 250000
    exact = Fraction(9433333, 470000) * 100 / 100 - Fraction(6111111, 250000) * 100 / 100
    expected = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"))
    assert rows["综合科"]["change_pp"] == str(expected)


def test_with_another_year_json_and_table(two_years):
    result = cli_in_process("compare", "--as-of", "2020-08", "--with", "2021", "--format", "json", db_path=two_years)
    rows = {r["section"]: r for r in json.loads(result.stdout)}
    assert list(next(iter(rows.values()))) == COLUMNS.split(",")
    assert rows["新设科"]["actual_pct"] is None and rows["新设科"]["last_actual_pct"] == 0.0
    table = cli_in_process("compare", "--as-of", "2021-08", db_path=two_years)
    assert table.returncode == 0 and "与 2020-08 比较" in table.stdout and "执行率同比变化" in table.stdout


def test_years_without_projects(two_years):
    assert cli_in_process("compare", "--as-of", "2030-05", "--format", "csv", db_path=two_years).stdout == COLUMNS + "\n"
    assert cli_in_process("compare", "--as-of", "2030-05", "--format", "json", db_path=two_years).stdout.strip() == "[]"
    assert cli_in_process("compare", "--as-of", "2021-13", db_path=two_years).returncode == 2
    assert cli_in_process("compare", "--as-of", "2021-05", "--with", "21", db_path=two_years).returncode == 2
