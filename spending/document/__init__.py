"""Read a 部门预算绩效文本 (department budget performance text) of the source document's kind.

Pure Python, no database. The tables are read, not the headings (headings in these texts are
copied from other projects). What is read:

* the department (name, code) and the year, from the title and the 部门职责-工作活动 table's caption;
* the sections (科室) of the 部门职责-工作活动绩效目标 table: name, duties (内容描述), annual amount;
* each 预算项目绩效表: 项目编码, 项目名称, 资金用途, 资金支出计划 (cumulative % at month ends),
  绩效目标, 绩效指标 (一级/二级/三级, 描述, 符号, 值, 单位, 依据); the project's amount (万元) comes
  from the 资金安排情况 sentence before its table.

Other provinces publish a project as a 财政项目支出绩效目标申报表 (or the central template's 项目支出绩效目标表)
instead: spending.document.declaration reads it (no 项目编码: a code made from the name; no 资金支出计划; the
year's budget 年度资金申请总额, the whole life's 项目资金总额 and period kept beside), also as pdftotext -layout
writes the PDF.

The layouts it comes in (tab-separated text, pipe tables, HTML tables, the .docx itself) are made
into the same lines of cells by spending/document_layout.py before the reader sees them.

Messy texts are expected: tables split over page breaks with the header repeated, cells wrapped
over lines (a continuation row holds text in the wrapped cell's column only), tabs and runs of
spaces, "3 月底" and "3月底", full-width digits and punctuation, amounts with or without
decimals, UTF-8 or GBK bytes. Every line that belongs to a table but could not be read is a
`Problem` with its line number; nothing is guessed.

Hostile texts are bounded: every pattern is linear, and a text is refused in one line (`Refused`)
above MAX_FILE_BYTES, a line above MAX_LINE_CHARS or more than MAX_LINES lines (before reading), more than MAX_PROJECTS,
MAX_SECTIONS or MAX_INDICATORS (of a project), or a wrapped cell above MAX_CELL_CHARS; the owners'
search is iterative and counts its steps. A repeated indicator row is a problem with its lines.

Which section owns a project is not written in these texts. `settle_owners` decides it only
where it is certain (see its docstring); everything else stays unassigned (未分配科室).

The package, along the reading: results (Document, Section, Project, Indicator, Problem), text (the
text helpers and the limits), parser (the lines, table by table) and tables (a reader per table),
owners (settle_owners), reviewed (the reviewed CSV formats the document is written as).
"""

# the names callers use (spending.document.X), and the few private ones the tests reach into
from spending.document.owners import DUTY_MATCH_CHARS, MAX_SEARCH, MAX_SETTLE, _amount_solutions, settle_owners
from spending.document.parser import parse_bytes, parse_docx, parse_file, parse_rows, parse_text
from spending.document.results import (RULE_AMOUNTS, RULE_DUTIES, RULE_GIVEN, RULE_KEPT, UNASSIGNED, Document,
                                       Indicator, Problem, Project, Section, problem)
from spending.document.reviewed import (INDICATOR_HEADER, PLAN_HEADER, SECTION_HEADER, indicator_rows,
                                        indicators_csv, plan_csv, plan_rows, section_rows, sections_csv)
from spending.document.declaration import made_code
from spending.document.tables import _AMOUNT_SENTENCE, MAX_TITLE_CHARS
from spending.document.tables import _CODE as CODE
from spending.document.text import (_CN_DIGITS, MAX_AMOUNT_WAN, MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_INDICATORS,
                                    MAX_LINE_CHARS, MAX_LINES, MAX_PROJECTS, MAX_SECTIONS, _untag, clean, decode, join,
                                    key, line_count, number, plain)
from spending.document_layout import Refused
