"""A project without a plan (SPEC §5 `no_plan`, 未编制计划), issue 33: a plan row with no checkpoint is
taken; the project is never on track, has no plan figures, and is listed and counted wherever statuses
are, never as behind plan. Table-driven through the command line (its main(), in this process), then
the pages in AppTest."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import PLAN_HEADER, cli_in_process, fresh_db, open_page, plan_row, write_csv
from spending import notice_rules, rules

PLANNED = {3: 0, 6: 50, 12: 100}


def status_rows(db: Path, month: str = "2021-06") -> dict[str, dict]:
    out = cli_in_process("status", "--as-of", month, "--format", "csv", db_path=db)
    assert out.returncode == 0, out.stderr
    return {r["project_code"]: r for r in csv.DictReader(io.StringIO(out.stdout))}


# id, plan files imported in turn (rows: code, budget 万元, checkpoints), payments (code, date, yuan),
# expected status per code at the end of June 2021
CASES = [
    ("a row without a checkpoint is taken: no plan",
     [[("N1", 10, {})]], [], {"N1": "no_plan"}),
    ("beside a planned one, in one file",
     [[("P1", 10, PLANNED), ("N1", 10, {})]], [("P1", "2021-06-01", "50000.00")],
     {"P1": "on_track", "N1": "no_plan"}),
    ("paid without a plan is still no plan, not on track",
     [[("N1", 10, {})]], [("N1", "2021-06-01", "50000.00")], {"N1": "no_plan"}),
    ("paid over its budget: overspent comes first",
     [[("N1", 1, {})]], [("N1", "2021-06-01", "10000.01")], {"N1": "overspent"}),
    ("a plan re-imported without checkpoints loses its plan",
     [[("P1", 10, PLANNED)], [("P1", 10, {})]], [], {"P1": "no_plan"}),
    ("a project without a plan gets one later",
     [[("N1", 10, {})], [("N1", 10, PLANNED)]], [], {"N1": "severe"}),
    ("the same file twice changes nothing",
     [[("N1", 10, {}), ("P1", 10, PLANNED)], [("N1", 10, {}), ("P1", 10, PLANNED)]], [],
     {"N1": "no_plan", "P1": "severe"}),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_plan_rows_without_checkpoints_through_the_command_line(tmp_path, case):
    _, files, payments, expected = case
    db = fresh_db(tmp_path / "t.duckdb")
    for i, rows in enumerate(files):
        f = write_csv(tmp_path / f"plan{i}.csv", PLAN_HEADER, [plan_row(c, b, cp) for c, b, cp in rows])
        out = cli_in_process("import-plan", str(f), db_path=db)
        assert out.returncode == 0, out.stderr
        assert "Traceback" not in out.stderr
        if i and rows == files[i - 1]:      # identical rows, blank checkpoints too, are skipped
            assert "nothing changed" in out.stdout, out.stdout
    if payments:
        f = write_csv(tmp_path / "pay.csv", ["voucher_no", "project_code", "pay_date", "amount_yuan"],
                      [[f"V{i}", c, d, a] for i, (c, d, a) in enumerate(payments)])
        out = cli_in_process("import-disbursements", str(f), db_path=db)
        assert out.returncode == 0, out.stderr
    got = status_rows(db)
    assert {code: got[code]["status"] for code in expected} == expected
    has_plan = {c: bool(cp) for rows in files for c, _, cp in rows}    # as the last file left it
    for code in expected:
        row = got[code]
        if not has_plan[code]:
            # SPEC §5: plan_pct, deviation_pp and gap_wan empty; the money and 序时 are there
            assert (row["plan_pct"], row["deviation_pp"], row["gap_wan"]) == ("", "", ""), row
            assert row["actual_pct"] != "" and row["time_pct"] == "50.00", row
        else:
            assert row["plan_pct"] != "", row


def test_status_json_sections_and_the_table_say_no_plan(tmp_path):
    db = fresh_db(tmp_path / "t.duckdb")
    f = write_csv(tmp_path / "plan.csv", PLAN_HEADER,
                  [plan_row("P1", 10, PLANNED, section="甲科"), plan_row("N1", 10, {}, section="甲科"),
                   plan_row("N2", 5, {}, section="乙科")])
    assert cli_in_process("import-plan", str(f), db_path=db).returncode == 0
    out = cli_in_process("status", "--as-of", "2021-06", "--format", "json", db_path=db)
    rows = {r["project_code"]: r for r in json.loads(out.stdout)}
    assert rows["N1"]["status"] == "no_plan"
    assert rows["N1"]["plan_pct"] is None and rows["N1"]["deviation_pp"] is None and rows["N1"]["gap_wan"] is None
    # sections: SPEC §3's columns unchanged; the projects without a plan are among `projects` and counted
    # in none of the four statuses there
    out = cli_in_process("sections", "--as-of", "2021-06", "--format", "csv", db_path=db)
    header, *lines = out.stdout.splitlines()
    assert header == ("fiscal_year,as_of,section,projects,budget_wan,actual_wan,actual_pct,plan_pct,deviation_pp,"
                      "on_track,lagging,severe,overspent")
    sections = {r["section"]: r for r in csv.DictReader(io.StringIO(out.stdout))}
    assert (sections["甲科"]["projects"], sections["甲科"]["severe"], sections["甲科"]["on_track"]) == ("2", "1", "0")
    assert (sections["乙科"]["projects"], sections["乙科"]["plan_pct"], sections["乙科"]["on_track"]) == ("1", "", "0")
    table = cli_in_process("status", "--as-of", "2021-06", db_path=db).stdout
    assert "未编制计划" in table


@pytest.mark.parametrize("status,before,level", [
    ("no_plan", (None, None), None),
    ("no_plan", ("lagging", "severe"), None),
    ("lagging", ("no_plan", "no_plan"), "yellow"),     # months without a plan are not months behind it
    ("lagging", ("lagging", "lagging"), "red"),
    ("overspent", ("no_plan", None), "purple"),
])
def test_warning_levels_never_call_a_project_without_a_plan_behind(status, before, level):
    assert notice_rules.level(status, *before) == level


@pytest.mark.parametrize("status,budget,actual,expected", [
    ("no_plan", "8.00", "0.00", ("no_plan", None)),
    ("no_plan", "8.00", "8.00", ("no_plan", None)),                 # all paid, yet no plan: never "met"
    ("overspent", "8.00", "8.01", ("overspent", Decimal("0.01"))),   # overspent comes first
])
def test_the_project_page_asks_for_a_plan_not_for_a_checkpoint(status, budget, actual, expected):
    assert rules.checkpoint_note(status, budget, actual, None, None) == expected


def test_the_lists_of_projects_behind_plan_leave_no_plan_out():
    assert rules.NO_PLAN in rules.STATUSES and rules.NO_PLAN not in rules.NOT_ON_TRACK
    assert rules.STATUSES.index("no_plan") == rules.STATUSES.index("overspent") + 1   # SPEC §5: right after it
    assert rules.NO_PLAN not in rules.BEHIND_PLAN and rules.NO_PLAN in rules.STATUS_COLORS


# ------------------------------------------------------------------ the pages (AppTest) and the bulletin

@pytest.fixture(scope="module")
def no_plan_db(tmp_path_factory):
    """The demo, two projects of 预算国库科 without a plan (one of them paid), and a section whose only
    project has none."""
    folder = tmp_path_factory.mktemp("noplan")
    db = fresh_db(folder / "t.duckdb", demo=True)
    f = write_csv(folder / "plan.csv", PLAN_HEADER, [plan_row("NP-1", 12, {}, section="预算国库科", name="待编计划甲"),
                                                      plan_row("NP-2", 6, {}, section="预算国库科", name="待编计划乙"),
                                                      plan_row("NP-3", 5, {}, section="待编科", name="待编计划丙")])
    assert cli_in_process("import-plan", str(f), db_path=db).returncode == 0
    f = write_csv(folder / "pay.csv", ["voucher_no", "project_code", "pay_date", "amount_yuan"],
                  [["NP-V1", "NP-1", "2021-05-01", "30000.00"]])
    assert cli_in_process("import-disbursements", str(f), db_path=db).returncode == 0
    return db


def frames(at) -> list:
    return [d.value for d in at.dataframe]


def test_the_pacing_page_lists_the_projects_without_a_plan_apart(no_plan_db, monkeypatch):
    at = open_page(no_plan_db, monkeypatch, "pages/pacing.py")
    assert at.multiselect(key="pacing_status").options == ["超支", "未编制计划", "严重滞后", "滞后", "正常"]
    [title] = [h.value for h in at.subheader if "尚未编制支出计划" in h.value]
    assert "3 个" in title
    apart = next(f for f in frames(at) if "待编计划甲" in set(f.get("项目名称", [])))
    assert set(apart["项目名称"]) == {"待编计划甲", "待编计划乙", "待编计划丙"}
    # the list behind plan (the default filter) does not hold them
    main = frames(at)[0]
    assert not ({"待编计划甲", "待编计划乙"} & set(main["项目名称"]))


def test_the_pacing_status_filter_takes_no_plan_from_the_address(no_plan_db, monkeypatch):
    at = open_page(no_plan_db, monkeypatch, "pages/pacing.py", status="no_plan")
    assert not any("no_plan" in w.value for w in at.warning), "no_plan is a status the address may name"
    main = frames(at)[0]
    assert set(main["项目名称"]) == {"待编计划甲", "待编计划乙", "待编计划丙"}
    assert set(main["状态"]) == {"未编制计划"}


def test_the_overview_says_how_many_projects_have_no_plan(no_plan_db, monkeypatch):
    at = open_page(no_plan_db, monkeypatch, None)
    assert any("3 个项目尚未编制支出计划" in i.value for i in at.info)


@pytest.mark.parametrize("page,params", [("pages/project.py", {"code": "NP-1"}), ("pages/sections.py", {"section": "预算国库科"}),
                                         ("pages/sections.py", {"section": "待编科"}), ("pages/project.py", {"code": "NP-3"}),
                                         ("pages/notices.py", {})])
def test_the_other_pages_draw_a_project_without_a_plan(no_plan_db, monkeypatch, page, params):
    """Charts and tables take its empty plan figures (open_page fails on any exception)."""
    at = open_page(no_plan_db, monkeypatch, page, **params)
    if page == "pages/project.py":      # it asks for a plan; never "plan stays at nan%"
        assert any("尚未编制支出计划" in w.value for w in at.warning)
        assert not any("nan" in e.value for e in [*at.info, *at.warning, *at.success])
    if page == "pages/notices.py":       # never warned about as behind plan
        assert not any("待编计划" in str(f.to_dict()) for f in frames(at))


def test_the_bulletin_counts_them_and_never_lists_them_as_behind(no_plan_db):
    from spending import bulletin, review
    from spending.db import opening

    con = opening.connect(no_plan_db, read_only=True)
    try:
        r = review.review(con, 2021, 11)
    finally:
        con.close()
    assert r.bureau["no_plan"] == 3
    assert any("另有 3 个项目尚未编制支出计划" in line for line in bulletin.opening(r))
    assert ("未编制计划项目", "3") in bulletin.summary_lines(r)
    assert not set(r.behind["project_code"]) & {"NP-1", "NP-2", "NP-3"}
    [section] = r.sections[r.sections["section"] == "待编科"].to_dict("records")
    assert (section["status"], section["no_plan"], section["plan_pct"]) == ("no_plan", 1, None)
    table = bulletin.table(r.sections, bulletin.SECTION_COLUMNS, "zh").set_index("科室")
    assert (table.loc["预算国库科", "未编制计划"], table.loc["待编科", "未编制计划"]) == (2, 1)


def test_the_bulletin_file_names_the_status(no_plan_db, tmp_path):
    from python_calamine import CalamineWorkbook

    out = tmp_path / "通报.xlsx"
    done = cli_in_process("report", "--as-of", "2021-11", "--out", str(out), db_path=no_plan_db)
    assert done.returncode == 0, done.stderr
    book = CalamineWorkbook.from_path(str(out))
    text = "\n".join(str(c) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()
                     for c in row)
    assert "未编制计划" in text and "另有 3 个项目尚未编制支出计划" in text
