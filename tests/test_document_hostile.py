"""Hostile 部门预算绩效文本 (issue 19, "One small upload must never stop the server for everyone"):
every pattern of spending/document.py is linear, a text is refused above a file-size, a line-length,
a project, a section and an indicator limit (named in the one-line message, checked before the work),
the owners' search is iterative and bounded, and repeated indicator rows are problems with their lines.

The corpus: the small files in tests/bad_documents/, and the big ones made here from a recipe
(BIG_RECIPES) so the repository stays small. Every one goes through `import-document`: exit 1, a
clear message, no traceback, no 内部错误, and the database as it was."""

from __future__ import annotations

import random
import re
import threading
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import cli, fresh_db
from spending import SpendingError, document, document_load
from test_document import BASE

CORPUS = Path(__file__).resolve().parent / "bad_documents"
SECOND = Path(__file__).resolve().parent / "fixtures" / "department-2022.txt"
BOUND = 2.0     # seconds of CPU time: a guard against quadratic blow-up (minutes before), not a benchmark
INDICATOR_ROW = "产出指标\t数量指标\t完成数量\t完成的数量\t>=\t10.00\t个\t工作计划"


def quick(call, *args):
    """call(*args) within BOUND seconds of this process's CPU time (the work done: a loaded machine's waits
    do not count)."""
    start = time.process_time()
    result = call(*args)
    elapsed = time.process_time() - start
    assert elapsed < BOUND, f"{call.__name__} took {elapsed:.1f} s"
    return result


def projects_text(n: int, amount_each: int = 1) -> str:
    """BASE with n projects of `amount_each` 万元 and 甲科 holding all of them: the amounts settle each."""
    head, block = BASE.split("## 一. 甲项目绩效目标")
    head = head.replace("一、甲科\t20\t", f"一、甲科\t{n * amount_each}\t")
    block = block.replace("资金 20 万元", f"资金 {amount_each} 万元")
    return head + "".join(f"## 一. 项目{i}绩效目标" + block.replace("301-01-A", f"301-{i:05d}")
                          .replace("项目名称\t甲项目", f"项目名称\t项目{i}") for i in range(n))


# --- 1. every pattern linear --------------------------------------------------------------------

def test_amount_pattern_is_linear_on_a_line_of_digits():
    # before: quadratic, 76 s for 30,000 digits (20 s on an idle machine)
    assert quick(document._AMOUNT_SENTENCE.findall, "1" * 30_000) == []
    assert quick(document._AMOUNT_SENTENCE.findall, "1" * 300_000 + "万元") == ["1" * 300_000]
    assert quick(document._AMOUNT_SENTENCE.findall, "1." * 100_000) == []


OLD_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)万元")      # the patterns before issue 19: the same answers
OLD_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def random_texts(alphabet: str, count: int = 4_000, seed: int = 19):
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(count)]


def test_amount_pattern_reads_what_it_read_before():
    for text in random_texts("12.万元a０", 6_000) + ["资金20万元", "资金20.5万元,另有3万元", "12.3.4万元", "1.2.3万元"]:
        assert document._AMOUNT_SENTENCE.findall(text) == OLD_AMOUNT.findall(text), text


def test_tag_stripper_is_linear_on_tags_that_never_end():
    # before: quadratic, 45 s for 100,000 "<a"
    text = "<a" * 100_000
    assert quick(document.clean, text) == text
    assert quick(document.key, text) == text
    # a tag runs from "<a" to the first ">" (the first "<a" of 100,000 opens a tag that "<b>" ends)
    assert quick(document.clean, "<b>x</b>" + "<a" * 100_000 + "<b>y</b>" + "<a" * 1000) == "xy" + "<a" * 1000


def test_tag_stripper_strips_what_it_stripped_before():
    for text in random_texts("<>/ab 甲1", 6_000) + ["<b>甲</b>项目", "<a <b>c", "<a href='>'>t", "x<1>", "<br/>x<BR>"]:
        assert document._untag(text) == OLD_TAG.sub("", text), text


def test_a_cell_wrapped_over_lines_is_put_together_as_before():
    def old(first, more):
        return document.clean(first + " " + more) if first and more else first or more

    texts = random_texts("<>/ab 甲1\tＡ", 3_000)
    for x, y in zip(texts, reversed(texts)):
        first = document.clean(x)
        if document._untag(first) != first:
            continue        # a tag made by removing another ("<<a>a>" -> "<a>") is not removed again
        for more in (y, document.clean(y)):
            assert document.join(first, more) == old(first, more), (first, more)


def test_a_cell_wrapped_over_thousands_of_lines_is_linear_and_bounded():
    # before: quadratic, 8,000 one-character lines of 职责 took 17 s (a 57 KB text)
    def wrapped(n):
        return BASE.replace("二、乙科\t\t负责乙类事务\t完成乙类事务\n", "二、乙科\t\t负责乙类事务\t完成乙类事务\n" + "\t\t甲\t\n" * n)

    doc = quick(document.parse_text, wrapped(document.MAX_CELL_CHARS - 10))
    assert doc.sections[1].duties == "负责乙类事务" + "甲" * (document.MAX_CELL_CHARS - 10)
    with pytest.raises(document.Refused, match=f"超过 {document.MAX_CELL_CHARS:,} 个字符"):
        quick(document.parse_text, wrapped(100_000))


HOSTILE_TOKENS = ["1", "1.", "<a", "一", "第一", "(一", "1、", ".", "-", "月", "１", " 1", "\u3000a", "<a 1"]


@pytest.mark.parametrize("where", ["prose", "amount sentence", "sections", "project", "schedule", "indicators"])
def test_every_pattern_in_every_place_is_linear(where):
    """Lines just under the line limit, made of what each pattern of the parser could backtrack on, in
    every place of the text a different set of patterns reads."""
    anchors = {"prose": "### 部门职责-工作活动绩效目标\n", "amount sentence": "2023 年此项工作活动中主要包含",
               "sections": "二、乙科\t\t负责乙类事务\t完成乙类事务\n", "project": "项目绩效模板\t\t\n",
               "schedule": "资金支出计划（累计进度%）\t", "indicators": INDICATOR_ROW + "\n"}
    cells = {"prose": 1, "amount sentence": 1, "sections": 2, "project": 2, "schedule": 1, "indicators": 3}[where]
    length = (document.MAX_LINE_CHARS - 40) // cells
    for token in HOSTILE_TOKENS:
        cell = (token * length)[:length - 1] + "x"
        line = {"prose": cell, "amount sentence": cell, "sections": f"\t{cell}\t{cell}",
                "project": f"{cell}\t{cell}", "schedule": cell, "indicators": f"{cell}\t{cell}\t{cell}"}[where]
        anchor = anchors[where]
        text = BASE.replace(anchor, anchor + line + "\n", 1) if where not in ("schedule", "amount sentence") \
            else BASE.replace(anchor, anchor + line, 1)
        quick(document.parse_text, text)


def test_the_source_document_is_no_slower():
    source = (Path(__file__).resolve().parents[1] / "data" / "budget-performance-text-2021.txt").read_bytes()
    doc = quick(document.parse_bytes, source)
    quick(document.settle_owners, doc)
    assert doc.problems == []


def test_a_text_at_the_limits_never_holds_the_interpreter():
    """What /_stcore/health needs while a page parses: the server's event loop gets the interpreter
    within a moment. One regular expression call holds it throughout (a line of 10,000 digits: 15 s
    before); the parser's own Python lets go every few milliseconds. The worst texts under the limits
    (every line just under MAX_LINE_CHARS, up to MAX_FILE_BYTES) are parsed beside a ticking thread."""
    length = document.MAX_LINE_CHARS - 1
    lines = document.MAX_FILE_BYTES // (length + 1) - 2
    for text in ("资金安排情况\n" + ("1" * length + "\n") * lines, ("<a" * (length // 2) + "\n") * lines,
                 "资金安排情况\n" + ("1." * (length // 2) + "\n") * lines):
        gaps, done = [], threading.Event()

        def tick(gaps, done):
            last = time.perf_counter()
            while not done.is_set():
                time.sleep(0.005)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        ticker = threading.Thread(target=tick, args=(gaps, done))
        ticker.start()
        try:
            document.parse_bytes(text.encode("utf-8"))
        finally:
            done.set()
            ticker.join()
        assert max(gaps) < 1.0, f"the interpreter was held {max(gaps):.1f} s"


# --- 2. file-size and line-length limits, before parsing ----------------------------------------

def test_a_file_above_the_size_limit_is_refused_before_decoding():
    data = b"x" * (document.MAX_FILE_BYTES + 1)
    with pytest.raises(document.Refused) as refused:
        quick(document.parse_bytes, data)
    assert f"文件超过 {document.MAX_FILE_BYTES // 1_000_000} MB" in str(refused.value)
    assert " | " in str(refused.value) and "\n" not in str(refused.value)


def test_a_line_above_the_length_limit_is_refused_with_its_number():
    text = BASE.replace("2023 年此项工作活动中主要包含", "1" * 30_000 + "\n2023 年此项工作活动中主要包含")
    line = text.splitlines().index("1" * 30_000) + 1
    with pytest.raises(document.Refused) as refused:
        quick(document.parse_bytes, text.encode("utf-8"))
    assert f"第 {line} 行超过 {document.MAX_LINE_CHARS:,} 个字符" in str(refused.value)
    ok = BASE.replace("2023 年此项", "甲" * (document.MAX_LINE_CHARS - 10) + "\n2023 年此项")
    assert quick(document.parse_bytes, ok.encode("gbk")).projects    # at the limit: read (and fast)


def test_refusals_are_one_line_through_document_load():
    with pytest.raises(SpendingError) as error:
        document_load.read(b"x" * (document.MAX_FILE_BYTES + 1), "big.txt")
    assert str(error.value).startswith("big.txt") and "\n" not in str(error.value)


def test_nul_bytes_and_utf16_are_not_text():
    for data in (BASE.encode("utf-16"), BASE.encode("utf-16-le"), BASE.encode("utf-8") + b"\x00\x00", b"\x89PNG\r\n\x1a\n\x00"):
        with pytest.raises(ValueError):
            document.parse_bytes(data)
        with pytest.raises(SpendingError, match="既不是 UTF-8 也不是 GBK"):
            document_load.read(data, "x.txt")


# --- 3. the owners' search: iterative, bounded; limits on projects, sections and indicators -----

def test_a_thousand_and_more_projects_settle_without_recursion():
    # before: RecursionError (内部错误) from 1,000 projects
    doc = document.parse_text(projects_text(1_500))
    assert doc.problems == [] and len(doc.projects) == 1_500
    start = time.process_time()
    document.settle_owners(doc)
    assert time.process_time() - start < 10 * BOUND
    assert {(p.section, p.rule) for p in doc.projects} == {("甲科", "amounts")}


def test_the_search_is_iterative_and_bounded_on_its_own():
    sections = [document.Section(1, 1, "甲科", amount_wan=Decimal(5_000)), document.Section(2, 2, "乙科", amount_wan=Decimal(0))]
    projects = [document.Project(i, f"P{i}", f"项目{i}", amount_wan=Decimal(1)) for i in range(5_000)]
    found = quick(document._amount_solutions, projects, sections, {})
    assert found and found.count == 1 and found.of("P0") == {"甲科"}
    sections[1].amount_wan = Decimal(1)      # one of 200 to 乙科: 200 ways, and which one is open
    found = quick(document._amount_solutions, projects[:200],
                  [document.Section(1, 1, "甲科", amount_wan=Decimal(199)), sections[1]], {})
    assert found.count == 200 and found.of("P0") == {"甲科", "乙科"} and found.of("no amount") == {None}
    sections[0].amount_wan = Decimal(0)
    sections[1].amount_wan = Decimal(0)
    # many ways, zero amounts (no pruning): stopped by the budget, with no solution kept per way
    zero = [document.Project(i, f"Z{i}", f"零{i}", amount_wan=Decimal(0)) for i in range(2_000)]
    assert quick(document._amount_solutions, zero, sections, {}) is None


def test_duties_naming_the_work_are_found_in_bounded_time():
    # before: every pair tried by `in` (projects × sections × name length): 50 sections of 4,000
    # characters and 500 names of 500 took about two minutes
    rng = random.Random(7)
    words = "".join(chr(0x4E00 + i) for i in range(400))
    sections = [document.Section(i, i, f"科{i}", "".join(rng.choices(words, k=4_000))) for i in range(50)]
    projects = [document.Project(i, f"P{i}", "".join(rng.choices(words, k=500))) for i in range(500)]
    doc = document.Document(sections=sections, projects=projects)
    start = time.process_time()
    document.settle_owners(doc)
    assert time.process_time() - start < 10 * BOUND
    assert {p.rule for p in doc.projects} <= {None, "duties"}


def test_too_many_projects_are_refused_clearly():
    with pytest.raises(document.Refused) as refused:
        document.parse_text(projects_text(document.MAX_PROJECTS + 1))
    message = str(refused.value)
    assert f"超过 {document.MAX_PROJECTS:,} 个项目" in message and "\n" not in message


def test_too_many_sections_or_indicators_are_refused_clearly():
    rows = "".join(f"{document._CN_DIGITS[i % 9]}、科{i}\t1\t负责\t完成\n" for i in range(document.MAX_SECTIONS + 1))
    with pytest.raises(document.Refused, match=f"超过 {document.MAX_SECTIONS:,} 个科室"):
        document.parse_text(BASE.replace("二、乙科\t\t负责乙类事务\t完成乙类事务\n", rows))
    many = "".join(INDICATOR_ROW.replace("完成数量", f"完成数量{i}") + "\n" for i in range(document.MAX_INDICATORS + 1))
    with pytest.raises(document.Refused, match=f"超过 {document.MAX_INDICATORS:,} 个绩效指标"):
        document.parse_text(BASE.replace(INDICATOR_ROW + "\n", many))


def test_repeated_indicator_rows_are_a_problem_with_their_lines():
    # before: 200,000 repeated rows were imported as 200,004 indicators
    text = BASE.replace(INDICATOR_ROW + "\n", (INDICATOR_ROW + "\n") * 4)
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if line == INDICATOR_ROW]
    doc = document.parse_text(text)
    (problem,) = doc.problems
    assert problem.line == lines[1]
    assert f"与第 {lines[0]} 行相同" in problem.zh and "、".join(map(str, lines[1:])) in problem.zh
    assert f"repeats line {lines[0]}" in problem.en
    # the same indicator in two projects is no repetition; the same 三级指标 with another description neither
    other = BASE.replace(INDICATOR_ROW, INDICATOR_ROW + "\n" + INDICATOR_ROW.replace("完成的数量", "完成的件数"))
    assert document.parse_text(other).problems == []


def test_huge_numbers_are_problems_not_internal_errors():
    text = BASE.replace("\t10.00\t30.00\t70.00\t100.00", "\t10.00\t30.00\t7" + "0" * 60 + "\t100.00")
    doc = document.parse_text(text)
    assert doc.problems[0].zh == f"10月底的进度 7{'0' * 60} 不在 0–100 之间"
    text = BASE.replace("一、甲科\t20\t", "一、甲科\t2" + "0" * 60 + "\t")
    assert any("科室金额" in p.zh for p in document.parse_text(text).problems)


# --- the corpus through the CLI: exit 1, one clear line, the database unchanged --------------------

def _second(edit=lambda text: text) -> bytes:
    return edit(SECOND.read_text(encoding="utf-8")).encode("utf-8")


def _repeat_an_indicator(times: int):
    row = "产出指标\t数量指标\t运维设备数量"
    def edit(text):
        line = next(l for l in text.splitlines() if l.startswith(row))
        return text.replace(line + "\n", (line + "\n") * times, 1)
    return edit


BIG_RECIPES = {   # name: (bytes, what the one line says)
    "digits_30000.txt": (lambda: _second(lambda t: t.replace("机关信息化运维资金", "1" * 30_000 + "\n机关信息化运维资金")),
                         "个字符"),
    "tags_100000.txt": (lambda: _second(lambda t: t.replace("示范县农业农村局", "示范县农业农村局" + "<a" * 100_000, 1)),
                        "个字符"),
    "file_12mb.txt": (lambda: _second() + b"\n" + ("补充说明文字" * 10 + "\n").encode("utf-8") * 70_000, "MB"),
    "unreadable_rows_6mb.txt": (lambda: _second() + "\n职责活动\t年度预算数\n".encode() + "乙科另行\t5\n".encode() * 400_000,
                                "MB"),
    "indicators_200000.txt": (lambda: _second(_repeat_an_indicator(200_000)), "MB"),
    "indicators_20000.txt": (lambda: _second(_repeat_an_indicator(20_000)), "个绩效指标"),
    "projects_2001.txt": (lambda: projects_text(document.MAX_PROJECTS + 1).encode("utf-8"), "个项目"),
}
SMALL = {   # the files in tests/bad_documents/: what the stderr says, and how many lines it has
    "utf16.txt": ("既不是 UTF-8 也不是 GBK", 1),
    "utf16be_no_bom.txt": ("既不是 UTF-8 也不是 GBK", 1),
    "binary.txt": ("既不是 UTF-8 也不是 GBK", 1),
    "nul_bytes.txt": ("既不是 UTF-8 也不是 GBK", 1),
    "repeated_indicator.txt": ("行重复", 2),
    "huge_percentage.txt": ("不在 0–100 之间", 2),
}
TABLES = "select (select count(*) from import_batches), (select count(*) from projects), " \
         "(select count(*) from sections), (select count(*) from indicators), (select count(*) from plan_checkpoints)"


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    fresh_db(path)
    return path


def stored(path: Path) -> tuple:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(TABLES).fetchone()
    finally:
        con.close()


def test_the_small_corpus_is_all_here():
    assert sorted(p.name for p in CORPUS.glob("*.txt")) == sorted(SMALL)


def refused_by_the_cli(path: Path, database: Path, says: str, lines: int) -> None:
    before = stored(database)
    result = cli("import-document", str(path), db_path=database)
    assert result.returncode == 1, result.stdout[-2000:]
    err = result.stderr.strip().splitlines()
    assert len(err) == lines, err[:5]
    assert says in result.stderr and " | " in err[0]
    assert "Traceback" not in result.stderr + result.stdout and "内部错误" not in result.stderr
    assert stored(database) == before


@pytest.mark.parametrize("name", sorted(SMALL))
def test_small_corpus_through_the_cli(name, database):
    refused_by_the_cli(CORPUS / name, database, *SMALL[name])


@pytest.mark.parametrize("name", sorted(BIG_RECIPES))
def test_big_corpus_through_the_cli(name, database, tmp_path):
    make, says = BIG_RECIPES[name]
    path = tmp_path / name
    path.write_bytes(make())
    refused_by_the_cli(path, database, says, 1)
