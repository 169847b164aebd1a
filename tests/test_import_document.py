"""`import-document` through the command line (its main(), in this process): the published text loads like a plan file (sections,
projects, checkpoints, indicators), all or nothing, owners settled or left under 未分配科室."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import cli_in_process, fresh_db, stored
from spending.db import opening

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "budget-performance-text-2021.txt"
SECOND = ROOT / "tests" / "fixtures" / "department-2022.txt"
SECOND_GBK = ROOT / "tests" / "fixtures" / "department-2022-gbk.txt"


def empty_db(tmp_path: Path) -> Path:
    path = tmp_path / "empty.duckdb"
    opening.connect(path, create=True).close()
    return path


def csv_rows(text: str) -> list[dict]:
    return sorted(csv.DictReader(io.StringIO(text)), key=lambda r: tuple(r.values()))


TABLES = "select (select count(*) from import_batches), (select count(*) from projects), " \
         "(select count(*) from sections), (select count(*) from indicators), (select count(*) from plan_checkpoints)"


def test_source_document_gives_what_init_gives(tmp_path):
    init_db = tmp_path / "init.duckdb"
    fresh_db(init_db)
    doc_db = empty_db(tmp_path)
    result = cli_in_process("import-document", str(SOURCE), db_path=doc_db)
    assert result.returncode == 0, result.stderr
    assert "106-0501-YBN-476T 代理记账中心运转费：20 万元" in result.stdout
    assert "科室 集中支付中心（科室职责写明该项工作" in result.stdout
    assert "未分配科室" not in result.stdout
    for month in ("2021-03", "2021-08", "2021-12"):
        for verb in ("status", "sections"):
            a = cli_in_process(verb, "--as-of", month, "--format", "csv", db_path=init_db).stdout
            b = cli_in_process(verb, "--as-of", month, "--format", "csv", db_path=doc_db).stdout
            assert csv_rows(a) == csv_rows(b)
    same = ("select fiscal_year, section, seq, duties, amount_yuan from sections order by all",
            "select * exclude (batch_id) from projects order by all",
            "select * exclude (batch_id) from indicators order by all",
            "select * exclude (batch_id) from plan_checkpoints order by all")
    for query in same:
        assert stored(init_db, query) == stored(doc_db, query)


def test_reimporting_the_same_text_changes_nothing(tmp_path):
    path = tmp_path / "a.duckdb"
    fresh_db(path)
    before = stored(path, TABLES)
    result = cli_in_process("import-document", str(SOURCE), "--year", "2021", db_path=path)
    assert result.returncode == 0, result.stderr
    assert "未作改动" in result.stdout and "nothing changed" in result.stdout
    assert stored(path, TABLES) == before


def test_unsettled_projects_load_under_unassigned_then_section_settles_them(tmp_path):
    path = empty_db(tmp_path)
    result = cli_in_process("import-document", str(SECOND_GBK), db_path=path)
    assert result.returncode == 0, result.stderr
    assert "gbk" in result.stdout
    listed = result.stdout[result.stdout.index("已放在「未分配科室」下"):]
    assert "208-0401-JJ-0005 农村集体资产清查" in listed and "208-0501-ZF-0006 农业综合执法装备" in listed
    sections = {r["section"]: r for r in csv.DictReader(io.StringIO(
        cli_in_process("sections", "--as-of", "2022-06", "--format", "csv", db_path=path).stdout))}
    assert sections["未分配科室"]["projects"] == "2" and sections["未分配科室"]["budget_wan"] == "50.00"

    result = cli_in_process("import-document", str(SECOND), "--section", "208-0501-ZF-0006=执法大队", db_path=path)
    assert result.returncode == 0, result.stderr
    assert "科室 执法大队（由用户指定 | given by the user）" in result.stdout
    assert "208-0401-JJ-0005 农村集体资产清查：25 万元" in result.stdout
    assert "已放在「未分配科室」下" not in result.stdout
    status = {r["project_code"]: r for r in csv.DictReader(io.StringIO(
        cli_in_process("status", "--as-of", "2022-08", "--format", "csv", db_path=path).stdout))}
    assert status["208-0501-ZF-0006"]["section"] == "执法大队"
    assert status["208-0401-JJ-0005"]["section"] == "农村经营管理科"
    assert status["208-0301-XM-0004"]["plan_pct"] == "53.33"     # 6月底 30 → 12月底 100, at month 8
    assert stored(path, "select count(*) from sections where section = '未分配科室'") == [(0,)]
    assert stored(path, "select section, amount_yuan from sections where section = '法规科'") == [("法规科", None)]


def test_a_text_with_problems_writes_nothing(tmp_path):
    path = tmp_path / "a.duckdb"
    fresh_db(path)
    before = stored(path, TABLES)
    lines = SECOND.read_text(encoding="utf-8").splitlines()
    values = next(i for i, line in enumerate(lines) if line.startswith("\t10.00\t\t40.00"))
    del lines[values]                                    # 高标准农田建设's row of percentages
    broken = tmp_path / "broken.txt"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli_in_process("import-document", str(broken), db_path=path)
    assert result.returncode == 1
    assert f"第 {values} 行：项目 208-0201-NT-0002 的资金支出计划缺少进度行" in result.stderr   # the schedule header's line
    assert "未写入任何数据" in result.stderr and "Traceback" not in result.stderr
    assert stored(path, TABLES) == before


def test_the_plan_importers_problems_name_the_texts_line(tmp_path):
    path = empty_db(tmp_path)
    text = SECOND.read_text(encoding="utf-8").replace("机关信息化运维资金 15.5 万元", "机关信息化运维资金 15.1234567 万元")
    bad = tmp_path / "bad.txt"
    bad.write_text(text, encoding="utf-8")
    result = cli_in_process("import-document", str(bad), db_path=path)
    assert result.returncode == 1
    line = next(n for n, l in enumerate(text.splitlines(), start=1) if "208-0101-XXH-0001" in l)
    assert f"第 {line} 行，列 budget_wan" in result.stderr
    assert stored(path, TABLES)[0][:4] == (0, 0, 0, 0)


@pytest.mark.parametrize("args, code, message", [
    (["--section", "999-X=办公室"], 1, "文本中没有项目编码 999-X"),
    (["--section", "208-0401-JJ-0005=财务科"], 1, "文本中没有科室「财务科」"),
    (["--section", "208-0401-JJ-0005"], 2, "CODE=科室"),
    (["--year", "2021"], 1, "文本的年度是 2022"),
])
def test_wrong_choices(tmp_path, args, code, message):
    path = empty_db(tmp_path)
    result = cli_in_process("import-document", str(SECOND), *args, db_path=path)
    assert result.returncode == code
    assert message in result.stderr
    assert stored(path, TABLES)[0][:2] == (0, 0)


def test_missing_or_unreadable_file(tmp_path):
    path = empty_db(tmp_path)
    result = cli_in_process("import-document", str(tmp_path / "nope.txt"), db_path=path)
    assert result.returncode == 1 and "无法读取文件" in result.stderr
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81\x00" * 10)
    result = cli_in_process("import-document", str(binary), db_path=path)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
