"""What was read, for people: the preview's lines for the command line."""

from __future__ import annotations

from decimal import Decimal

from spending.ingest.columns import COLUMNS, WAN_UNIT, mapped_by
from spending.ingest.parsing import Parsed


def _yuan(value) -> str:
    return f"{Decimal(value):,.2f}"


def read_notes(parsed: Parsed) -> list[str]:
    """What the 数据 page's preview says, as lines for the command line (Chinese | English): how each header
    was mapped, the columns nothing reads, the amount's unit, the title and total rows left out (with their lines), the rows matched
    by project name, the per-project subtotals in 元 to the fen and the negative cumulative spending."""
    kind, table = parsed.kind, parsed.table
    pairs = [(header, COLUMNS[parsed.layout or kind][name]) for name, header in parsed.mapping.items()]
    ways = mapped_by(parsed)
    marks = {"name": "", "alias": "，别名 | alias", "chosen": "，导入方案 | mapping"}
    lines = ["表头对应 | columns: " + "；".join(f"{h} → {c.zh}（{c.name}{marks[ways[c.name]]}）" for h, c in pairs)]
    if parsed.unused:
        lines.append(f"未使用的列（导入时不读取）：{'、'.join(parsed.unused)} | columns not used (nothing reads them): "
                     + ", ".join(parsed.unused))
    if parsed.layout == "spending_plan":   # task J: a 用款计划 in amounts, kept exactly
        lines.append(f"用款计划（按金额），单位：{parsed.unit}，已精确换算为元；各项目的检查点为累计计划金额 | a spending plan in "
                     f"amounts, in {parsed.unit}, kept exactly in 元: each project's checkpoints hold its cumulative amounts")
    if kind == "disbursements" and parsed.unit == WAN_UNIT:
        lines.append("金额单位为万元（表头或标题行所示），已精确换算为元 | the amounts are in 万元 (as the header or a title "
                     "row says), converted exactly to 元")
    if table.titles:
        zh = "、".join(f"第 {n} 行「{t}」" for n, t in table.titles)
        en = ", ".join(f'line {n} "{t}"' for n, t in table.titles)
        lines.append(f"已略去表头（第 {table.header_line} 行）上方的标题行：{zh} | left out the title rows above the header "
                     f"(line {table.header_line}): {en}")
    if parsed.total_lines:
        zh = "、".join(f"第 {n} 行（{label}）" for n, label in parsed.total_lines)
        en = ", ".join(f"line {n} ({label})" for n, label in parsed.total_lines)
        lines.append(f"已略去 {len(parsed.total_lines)} 个合计/小计/总计行：{zh} | left out {len(parsed.total_lines)} "
                     f"total line(s): {en}")
    if parsed.by_name:
        lines.append(f"按名称匹配 {len(parsed.by_name)} 行（文件没有项目编码，按年度计划中唯一的项目名称） | "
                     f"{len(parsed.by_name)} row(s) matched by the project's name (unique in the year's plan):")
        lines += [f"  第 {r['line']} 行 | line {r['line']}：{r['project_name']} → {r['project_code']}" for r in parsed.by_name]
    if parsed.subtotals:
        total = sum((r["amount_yuan"] for r in parsed.subtotals), Decimal(0))
        lines.append(f"按项目小计（元，与国库系统报表核对），文件合计 {_yuan(total)} 元 | per project (元, to check against the "
                     f"treasury system's report), file total {_yuan(total)} 元:")
        lines += [f"  {r['project_code']} {r['project_name']}：{r['rows']} 行，{_yuan(r['amount_yuan'])} 元 | {r['rows']} row(s)"
                  for r in parsed.subtotals]
    if parsed.negative_spending:
        lines.append("注意：以下项目导入后累计支出为负（有冲销/退款而无对应的原支付？） | warning: these projects' cumulative "
                     "spending turns negative (a reversal without its payment?):")
        lines += [f"  {r['project_code']} {r['project_name']}：{r['month']} 月底累计 {_yuan(r['cumulative_yuan'])} 元 | "
                  f"cumulative at the end of month {r['month']}" for r in parsed.negative_spending]
    return lines
