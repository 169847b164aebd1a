"""SPEC's fixed interface, copied here as text (issue 22): the CSV columns of every list verb, in SPEC's
order, and the import headers SPEC §2 names, in English and in Chinese. The other tests compare outputs
with the code's own constants, so reordering a column there would break SPEC with them all green; these
compare with SPEC alone. Keep this file a copy of SPEC, never of the code."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import cli_in_process, write_csv

# SPEC §3, §3.1, §3.2, verbatim.
SPEC_COLUMNS = {
    ("status", "--as-of", "2021-11"):
        "fiscal_year,as_of,section,unit_code,unit_name,project_code,project_name,budget_wan,actual_wan,actual_pct,"
        "plan_pct,time_pct,deviation_pp,time_deviation_pp,gap_wan,status",
    ("sections", "--as-of", "2021-11"):
        "fiscal_year,as_of,section,projects,budget_wan,actual_wan,actual_pct,plan_pct,deviation_pp,on_track,lagging,"
        "severe,overspent",
    # SPEC §5
    ("units", "--as-of", "2021-11"):
        "fiscal_year,as_of,unit_code,unit_name,sections,projects,budget_wan,actual_wan,actual_pct,plan_pct,deviation_pp,"
        "gap_wan,lagging,severe,overspent,no_plan,rank",
    ("sources", "--as-of", "2021-11"):
        "fiscal_year,as_of,source,direct,projects,budget_wan,actual_wan,actual_pct,time_pct,time_deviation_pp",
    ("audit",): "at,actor,action,object,detail",
    ("history",): "batch_id,imported_at,kind,file_name,rows_loaded,amount_yuan,undone_at",
    ("compare", "--as-of", "2021-11"): "section,actual_pct,plan_pct,deviation_pp,last_actual_pct,last_deviation_pp,change_pp",
    ("notices", "list", "--as-of", "2021-11"):
        "fiscal_year,as_of,section,project_code,project_name,level,issued_at,due,answered_at,state",
}

# SPEC §2's tables: (column, 中文) per file kind, and one valid row of the demo database's 2021 plan.
SPEC_HEADERS = {
    "import-plan": [("fiscal_year", "年度"), ("project_code", "项目编码"), ("project_name", "项目名称"), ("section", "科室"),
                    ("budget_wan", "年初预算数(万元)"), ("m06", "6月底"), ("m12", "12月底")],
    "import-disbursements": [("voucher_no", "凭证号"), ("project_code", "项目编码"), ("pay_date", "支付日期"),
                             ("amount_yuan", "金额(元)"), ("payee", "收款单位"), ("summary", "摘要")],
    "import-adjustments": [("doc_no", "文号"), ("project_code", "项目编码"), ("effective_date", "调整日期"),
                           ("amount_wan", "调整金额(万元)"), ("reason", "调整原因")],
}
ROWS = {
    "import-plan": ["2021", "CONTRACT-1", "合同测试项目", "预算国库科", "10", "50", "100"],
    "import-disbursements": ["CONTRACT-V-1", "106-0401-YBN-QS1Q", "2021-06-30", "100.00", "某公司", "网费"],
    "import-adjustments": ["CONTRACT-D-1", "106-0401-YBN-QS1Q", "2021-06-30", "1", "追加"],
}


@pytest.fixture(scope="module")
def issued(tmp_path_factory, demo_db):
    """The demo database with the month's inquiries issued, so that every list has rows."""
    path = tmp_path_factory.mktemp("contract") / "issued.duckdb"
    shutil.copy(demo_db, path)
    out = cli_in_process("notices", "issue", "--as-of", "2021-11", db_path=path,
                         env_extra={"SPENDING_TODAY": "2021-11-25"})
    assert out.returncode == 0, out.stderr
    return path


@pytest.mark.parametrize("verb", list(SPEC_COLUMNS), ids=lambda v: " ".join(v[:2]))
def test_csv_and_json_columns_are_spec_s(issued, verb):
    csv_out = cli_in_process(*verb, "--format", "csv", db_path=issued)
    assert csv_out.returncode == 0, csv_out.stderr
    lines = csv_out.stdout.splitlines()
    assert lines[0] == SPEC_COLUMNS[verb]
    assert len(lines) > 1, "the list is empty: nothing shows the row's columns"
    json_out = cli_in_process(*verb, "--format", "json", db_path=issued)
    assert json_out.returncode == 0, json_out.stderr
    rows = json.loads(json_out.stdout)
    assert rows and all(list(row) == SPEC_COLUMNS[verb].split(",") for row in rows)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("verb", list(SPEC_HEADERS))
def test_import_files_headed_as_spec_says_are_read(tmp_path, demo_db, verb, language):
    path = tmp_path / "db.duckdb"
    shutil.copy(demo_db, path)
    header = [en if language == "en" else zh for en, zh in SPEC_HEADERS[verb]]
    f = write_csv(tmp_path / "file.csv", header, [ROWS[verb]])
    out = cli_in_process(verb, str(f), db_path=path)
    assert out.returncode == 0, out.stderr
    history = json.loads(cli_in_process("history", "--format", "json", db_path=path).stdout)
    newest = max(history, key=lambda row: row["batch_id"])
    assert (newest["file_name"], newest["rows_loaded"]) == ("file.csv", 1)
