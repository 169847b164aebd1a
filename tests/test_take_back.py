"""Changes that can be taken back, through the command line (its main(), in this process; test_cli
runs the real process): `history`, `undo`, undo with overlap (rows a later batch also brought stay),
plan versions kept and brought back by an undo, and every write in the audit log."""

from __future__ import annotations

import csv
import io
import json

import duckdb

from conftest import PLAN_HEADER, cli_in_process, fresh_db, plan_row, write_csv
from spending import auth

CODE = "106-0401-YBN-QS1Q"      # 国库电子化和一体化建设, 30 万元, checkpoints 3/6/10: 0 %, 12: 100 %
OTHER = "106-0401-YBN-A8GD"     # 信息中心设备维护及网络租赁, 17 万元
PAY_HEADER = ["voucher_no", "project_code", "pay_date", "amount_yuan"]


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def payments(path, count: int):
    return write_csv(path, PAY_HEADER, [[f"U{i}", CODE, f"2021-{1 + i % 11:02d}-15", 100 * i] for i in range(1, count + 1)])


def fingerprint(path, con=None) -> dict:
    """Every stored row that holds money or a plan, to compare before and after (on con, when
    this process already holds the database)."""
    con = con or duckdb.connect(str(path), read_only=True)
    try:
        found = {t: con.execute(f"select * exclude (batch_id) from {t} order by all").fetchall()
                 for t in ("projects", "plan_checkpoints", "disbursements", "adjustments")}
        found["monthly_actuals"] = con.execute("select * from monthly_actuals where amount_yuan <> 0 order by all").fetchall()
        return found
    finally:
        con.close()


def status(path) -> str:
    out = cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=path)
    assert out.returncode == 0, out.stderr
    return out.stdout


def batches(path) -> list[dict]:
    out = cli_in_process("history", "--format", "json", db_path=path)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_undo_with_overlap_keeps_the_rows_a_later_batch_also_brought(tmp_path):
    path = tmp_path / "o.duckdb"
    fresh_db(path)
    empty = fingerprint(path)
    a = cli_in_process("import-disbursements", str(payments(tmp_path / "a.csv", 10)), db_path=path)
    assert a.returncode == 0, a.stderr
    b = cli_in_process("import-disbursements", str(payments(tmp_path / "b.csv", 11)), db_path=path)
    assert b.returncode == 0 and "skipped 10 already stored" in b.stdout
    after_b = fingerprint(path)
    shown = status(path)
    batch_a, batch_b = batches(path)[1]["batch_id"], batches(path)[0]["batch_id"]

    out = cli_in_process("undo", str(batch_a), db_path=path)
    assert out.returncode == 0, out.stderr
    assert "removed 0 rows" in out.stdout and "kept 10 rows" in out.stdout      # said, never silent
    assert fingerprint(path) == after_b and status(path) == shown                # B still holds U1–U11
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("select distinct batch_id from disbursements").fetchall() == [(batch_b,)]
    con.close()

    again = cli_in_process("undo", str(batch_a), db_path=path)
    assert again.returncode == 1 and "already undone" in again.stderr and "Traceback" not in again.stderr
    out = cli_in_process("undo", str(batch_b), db_path=path)
    assert out.returncode == 0 and "removed 11 rows" in out.stdout
    assert fingerprint(path) == empty


def test_history_columns_and_formats(tmp_path):
    path = tmp_path / "h.duckdb"
    fresh_db(path, demo=True)
    out = cli_in_process("history", "--format", "csv", db_path=path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "batch_id,imported_at,kind,file_name,rows_loaded,amount_yuan,undone_at"
    rows = {r["file_name"]: r for r in _csv(out.stdout)}
    paid = rows["sample-disbursements-2021.csv"]
    assert paid["kind"] == "disbursements" and paid["amount_yuan"] == "996160.00"
    assert paid["undone_at"] == "" and paid["rows_loaded"] == "54"
    assert [r["batch_id"] for r in _csv(out.stdout)] == sorted((r["batch_id"] for r in rows.values()), key=int,
                                                               reverse=True)      # newest first
    assert cli_in_process("remove-sample", db_path=path).returncode == 0
    after = {r["file_name"]: r for r in _csv(cli_in_process("history", "--format", "csv", db_path=path).stdout)}
    assert after["sample-disbursements-2021.csv"]["undone_at"] and after["sample-adjustments-2021.csv"]["undone_at"]
    table = cli_in_process("history", db_path=path)
    assert table.returncode == 0 and "sample-disbursements-2021.csv" in table.stdout
    assert cli_in_process("history", "--format", "xml", db_path=path).returncode == 2
    missing = cli_in_process("undo", "999", db_path=path)
    assert missing.returncode == 1 and "999" in missing.stderr and "Traceback" not in missing.stderr
    sections = cli_in_process("undo", "1", db_path=path)                     # batch 1: the sections of init
    assert sections.returncode == 1 and "only plan, payment and adjustment" in sections.stderr


def test_plan_replaced_then_undone_brings_the_previous_version_back(tmp_path):
    path = tmp_path / "p.duckdb"
    fresh_db(path)
    before, shown = fingerprint(path), status(path)
    plan = write_csv(tmp_path / "plan.csv", PLAN_HEADER, [
        plan_row(CODE, 45, {6: 20, 12: 100}, section="预算国库科", name="国库电子化和一体化建设"),
        plan_row("NEW-1", 5, {12: 100}, section="新科室")])
    out = cli_in_process("import-plan", str(plan), db_path=path)
    assert out.returncode == 0, out.stderr
    # every stored project it changes, before and after
    assert "replaced the plan of 1 stored projects" in out.stdout
    assert CODE in out.stdout and "30.00" in out.stdout and "45.00" in out.stdout
    assert "6月 20.00%" in out.stdout and "3月 0.00%" in out.stdout
    assert status(path) != shown
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("select budget_yuan from plan_versions where project_code = $c", {"c": CODE}).fetchone()[0] == 300000
    assert con.execute("select count(*) from plan_checkpoint_versions where project_code = $c", {"c": CODE}).fetchone()[0] == 4
    con.close()

    batch = batches(path)[0]["batch_id"]
    out = cli_in_process("undo", str(batch), db_path=path)
    assert out.returncode == 0, out.stderr
    assert "restored the previous plan of 1 projects" in out.stdout and "removed 1 rows" in out.stdout
    assert fingerprint(path) == before and status(path) == shown
    sections = cli_in_process("sections", "--as-of", "2021-11", "--format", "csv", db_path=path).stdout
    assert "新科室" not in sections

    log = _csv(cli_in_process("audit", "--format", "csv", db_path=path).stdout)
    assert [e["action"] for e in log] == ["undo", "plan_replaced", "import", "init"]
    assert {e["actor"] for e in log} == {f"cli:{auth.os_user()}"}
    replaced = json.loads(log[1]["detail"])
    assert replaced["before"]["budget_wan"] == "30.000000" and replaced["after"]["budget_wan"] == "45.000000"


def test_plan_undo_refused_with_the_reason_when_it_cannot_be_taken_back(tmp_path):
    path = tmp_path / "r.duckdb"
    fresh_db(path)
    before = fingerprint(path)
    first = write_csv(tmp_path / "p1.csv", PLAN_HEADER, [plan_row(CODE, 40, {12: 100}, section="预算国库科",
                                                                  name="国库电子化和一体化建设")])
    second = write_csv(tmp_path / "p2.csv", PLAN_HEADER, [plan_row(CODE, 50, {12: 100}, section="预算国库科",
                                                                   name="国库电子化和一体化建设")])
    assert cli_in_process("import-plan", str(first), db_path=path).returncode == 0
    assert cli_in_process("import-plan", str(second), db_path=path).returncode == 0
    p2, p1 = batches(path)[0]["batch_id"], batches(path)[1]["batch_id"]
    refused = cli_in_process("undo", str(p1), db_path=path)
    assert refused.returncode == 1 and CODE in refused.stderr and f"batch {p2}" in refused.stderr
    assert "undo those batches first" in refused.stderr
    assert cli_in_process("undo", str(p2), db_path=path).returncode == 0          # 40 万元 again
    assert "40.00" in cli_in_process("status", "--as-of", "2021-11", "--format", "csv", db_path=path).stdout
    assert cli_in_process("undo", str(p1), db_path=path).returncode == 0
    assert fingerprint(path) == before

    # a project a plan brought new that already holds payments cannot simply disappear
    new = write_csv(tmp_path / "p3.csv", PLAN_HEADER, [plan_row("NEW-2", 5, {12: 100}, section="预算国库科")])
    assert cli_in_process("import-plan", str(new), db_path=path).returncode == 0
    p3 = batches(path)[0]["batch_id"]
    pay = write_csv(tmp_path / "pay.csv", PAY_HEADER, [["N1", "NEW-2", "2021-03-01", 10]])
    assert cli_in_process("import-disbursements", str(pay), db_path=path).returncode == 0
    held = fingerprint(path)
    refused = cli_in_process("undo", str(p3), db_path=path)
    assert refused.returncode == 1 and "NEW-2" in refused.stderr and "hold payments" in refused.stderr
    assert fingerprint(path) == held


def test_plan_undo_with_overlap_hands_the_version_over(tmp_path):
    """P1 changes CODE; P2 brings the same CODE row (skipped) and changes OTHER. Undoing P1 keeps
    CODE as P2 brought it; undoing P2 then brings both back to the first plan."""
    path = tmp_path / "v.duckdb"
    fresh_db(path)
    before = fingerprint(path)
    changed = plan_row(CODE, 41, {12: 100}, section="预算国库科", name="国库电子化和一体化建设")
    p1 = write_csv(tmp_path / "p1.csv", PLAN_HEADER, [changed])
    p2 = write_csv(tmp_path / "p2.csv", PLAN_HEADER, [changed, plan_row(OTHER, 18, {12: 100}, section="综合科",
                                                                         name="信息中心设备维护及网络租赁")])
    assert cli_in_process("import-plan", str(p1), db_path=path).returncode == 0
    out = cli_in_process("import-plan", str(p2), db_path=path)
    assert out.returncode == 0 and "skipped 1 already stored" in out.stdout
    both = fingerprint(path)
    second, first = batches(path)[0]["batch_id"], batches(path)[1]["batch_id"]
    out = cli_in_process("undo", str(first), db_path=path)
    assert out.returncode == 0 and "kept 1 rows" in out.stdout, out.stdout + out.stderr
    assert fingerprint(path) == both
    assert cli_in_process("undo", str(second), db_path=path).returncode == 0
    assert fingerprint(path) == before


def test_remove_sample_is_one_audited_write(tmp_path):
    path = tmp_path / "s.duckdb"
    fresh_db(path, demo=True)
    out = cli_in_process("remove-sample", db_path=path)
    assert out.returncode == 0 and "72" in out.stdout or "removed" in out.stdout
    log = _csv(cli_in_process("audit", "--format", "csv", db_path=path).stdout)
    assert [e["action"] for e in log] == ["sample_removed", "init"]
    assert json.loads(log[1]["detail"]) == {"demo": True, "projects": 7, "budget_yuan": "2890000.00"}
    assert json.loads(log[0]["detail"])["removed"] > 0


def test_data_page_preview_lists_the_projects_a_plan_changes_then_undo_brings_them_back(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from conftest import ROOT

    path = tmp_path / "page.duckdb"
    fresh_db(path)
    before = fingerprint(path)
    monkeypatch.setenv("SPENDING_DB", str(path))
    from spending import ui

    def look():
        return ui.read(lambda con: fingerprint(path, con.cursor()))   # the page's own connection

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params.update({"year": "2021", "month": "11"})
    at.run()
    at.switch_page("pages/data.py").run()
    plan = "\n".join([",".join(PLAN_HEADER),
                      ",".join(map(str, plan_row(CODE, 45, {6: 20, 12: 100}, section="预算国库科",
                                                 name="国库电子化和一体化建设")))]) + "\n"
    at.radio[0].set_value("plan")
    at.file_uploader[0].upload("plan.csv", plan.encode("utf-8"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("替换 1 个已有项目" in w.value for w in at.warning)
    changes = next(d.value for d in at.dataframe if "年初预算（原，万元）" in d.value.columns)
    assert changes.to_dict("records")[0]["项目编码"] == CODE
    assert changes.iloc[0]["年初预算（原，万元）"] == "30.00" and changes.iloc[0]["年初预算（新，万元）"] == "45.00"
    assert look() == before                      # the preview wrote nothing
    [button] = [b for b in at.button if b.label == "导入"]
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert look() != before
    batch = int(ui.read(lambda con: look_batch(con.cursor())))
    at.selectbox(key="undo_batch").set_value(batch)
    at.checkbox(key="undo_sure").check()
    at.run()
    [button] = [b for b in at.button if b.label == "撤销"]
    button.click().run()
    assert any("恢复 1 个项目的上一版计划" in s.value for s in at.success)
    assert look() == before


def look_batch(cur) -> int:
    return cur.execute("select max(batch_id) from import_batches").fetchone()[0]
