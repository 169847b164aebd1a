"""The words of the 财政项目支出绩效目标申报表 (declaration.py reads it): its labels and the fields they name, the
indicator table's headers, the national framework's 一级/二级 names, the patterns of its amounts, values,
dates and sentences, and the starts of wrapped labels. No reading here."""

from __future__ import annotations

import re
from decimal import Decimal

# the title of the table, wherever it stands (a paragraph, a row of one cell)
TITLE = re.compile(r"(项目支出绩效目标申报表|项目支出绩效目标表|项目绩效目标申报表)")
LABELS = {            # label (as key() writes it) -> field
    "项目名称": "name", "项目性质": "nature", "项目属性": "nature", "主管部门": "department",
    "主管部门名称": "department", "实施单位": "implementer", "项目实施单位": "implementer",
    "计划开始日期": "start", "计划完成日期": "end", "项目资金总额": "total", "资金总额": "total",
    "年度资金申请总额": "annual", "年度资金总额": "annual", "其中:当年财政拨款": "current",
    "当年财政拨款": "current", "上年结转资金": "carried", "其他资金": "other", "年度总体目标": "goal",
    "项目负责人": "-", "联系电话": "-", "项目编码": "code",
    # the 项目支出绩效目标表 of the central template most provinces publish
    "主管部门及代码": "department", "其中:财政拨款": "current", "财政拨款": "current", "年度绩效目标": "goal",
    "年度目标": "goal",
    "项目类别": "-", "项目总体目标": "-", "项目总目标": "-",   # one cell per line: labels whose value is not read
}
NOISE = {"项目资金", "(万元)", "项目资金(万元)", "其中:"}
MONEY = ("total", "annual", "current", "carried", "other")
HEADER = {"一级指标": "level_1", "二级指标": "level_2", "三级指标": "level_3", "指标值": "value",
           "年度指标值": "value", "指标解释": "description", "指标说明": "description", "指标内容": "level_3",
           "计量单位": "unit", "单位": "unit", "备注": "basis", "指标值确定依据": "basis"}
# the national framework's 二级 -> 一级 (财政部 项目支出绩效指标框架): an 一级 cell merged over rows
# whose text stands on another row than this one's
LEVEL_1 = {"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "成本指标": "产出指标",
            "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
            "环境效益指标": "效益指标", "可持续影响指标": "效益指标", "服务对象满意度指标": "满意度指标",
            "经济成本指标": "成本指标", "社会成本指标": "成本指标", "生态环境成本指标": "成本指标"}
TOTAL_SENTENCE = re.compile(r"(?:项目总投资|总投资|项目资金总额|项目总预算)(\d{1,12}+(?:\.\d{1,6}+)?)万元")
DEPT_CODE = re.compile(r"^[\[【(（]?(\d{2,12}+)[\]】)）]?(?=\D)")   # [104]示范省教育厅
BUDGET_SENTENCE = re.compile(r"(?<!\d)(\d{4})年度?预算安排(?:资金)?(\d{1,12}+(?:\.\d{1,6}+)?)万元")
VALUE = re.compile(r"^(>=|<=|≥|≤|>|<|=|＞|＜|＝)?([+-]?\d{1,15}+(?:\.\d{1,6}+)?)(\D{0,20}+)$")
SYMBOL = re.compile(r"^(>=|<=|≥|≤|>|<|=|＞|＜|＝)(.+)$")
SYMBOLS = {"≥": ">=", "≤": "<=", "＞": ">", "＜": "<", "＝": "="}
DATE = re.compile(r"(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})日?")
TOKEN = re.compile(r"\S+")
CJK = re.compile(r"[\u3400-\u9fff]")


# every start of 4 and more characters of a label (a label wrapped over lines: 计划开始日 … 期): one look-up
PREFIXES: dict[str, str] = {}
RESTS: dict[str, str] = {}          # a wrapped label's start -> its rest (计划开始日 -> 期, 主管部门 -> 及代码)
for _label_text, _field in LABELS.items():
    if _field != "-":
        for _end in range(4, len(_label_text)):
            PREFIXES.setdefault(_label_text[:_end], _field)
            RESTS.setdefault(_label_text[:_end], _label_text[_end:])
# a label and its value in one cell or token: 资金总额:10606.75万元, 项目名称：某某项目
LABEL_VALUE = re.compile("^(" + "|".join(sorted(map(re.escape, LABELS), key=len, reverse=True)) + ")[:](.+)$")
MAX_SUFFIXES = 8     # the rests of wrapped labels waited for (a label's rest comes within a line or two)

# one cell per line (a PDF's text as pypdf, pdfplumber and the like write it: 项目名称 / 拆违经费 / 项目性质 / …)
IN_YUAN = {"(元)", "项目资金(元)", "单位:元", "金额单位:元"}
CELL_COLUMNS = ((0, "level_1"), (1, "level_2"), (2, "level_3"), (3, "value"))
CELL_HEADER = re.compile(r"^(?:一级指标|二级指标|三级指标|指标值|年度指标值|年度\(/项目\)指标值|指标解释)$")
LEVEL_1_NAMES = {"产出指标", "效益指标", "满意度指标", "成本指标"}
LOOKS_VALUE = re.compile(r"^(?:>=|<=|≥|≤|>|<|=|＞|＜|＝)|^[+-]?\d")


# the table of one row per indicator: its header's cells read, and the unit's 代码-名称
WIDE_FIELDS = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位")
HEADER_WIDE = {"一级指标": "level_1", "二级指标": "level_2", "三级指标": "level_3", "指标性质": "symbol",
                "指标值": "value", "度量单位": "unit"}
YUAN_PER_WAN = Decimal(10000)
UNIT_CELL = re.compile(r"^(\d{2,12}+)\s*-\s*(\S.*)$")
