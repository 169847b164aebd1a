"""Chinese (default) and English labels: one name per idea, shared by the CLI and the pages."""

from __future__ import annotations

LANGUAGES = {"zh": "中文", "en": "English"}

# Column names of the queries (SQL, CSV and JSON use the English keys).
COLUMNS = {
    "fiscal_year": ("年度", "Fiscal year"),
    "as_of": ("截至", "As of"),
    "as_of_month": ("月份", "Month"),
    "section": ("科室", "Section"),
    "project_code": ("项目编码", "Project code"),
    "project_name": ("项目名称", "Project"),
    "projects": ("项目数", "Projects"),
    "budget_wan": ("调整后预算(万元)", "Adjusted budget (10k CNY)"),
    "initial_budget_wan": ("年初预算(万元)", "Initial budget (10k CNY)"),
    "actual_wan": ("累计支出(万元)", "Paid to date (10k CNY)"),
    "plan_wan": ("计划应支出(万元)", "Planned to date (10k CNY)"),
    "actual_pct": ("执行率%", "Executed %"),
    "plan_pct": ("计划进度%", "Plan %"),
    "time_pct": ("序时进度%", "Time elapsed %"),
    "deviation_pp": ("计划偏差(百分点)", "Deviation from plan (pp)"),
    "time_deviation_pp": ("序时偏差(百分点)", "Deviation from time (pp)"),
    "gap_wan": ("计划差额(万元)", "Behind plan (10k CNY)"),
    "status": ("状态", "Status"),
    "on_track": ("正常", "On track"),
    "lagging": ("滞后", "Lagging"),
    "severe": ("严重滞后", "Severely lagging"),
    "overspent": ("超支", "Overspent"),
    "pay_date": ("支付日期", "Pay date"),
    "voucher_no": ("凭证号", "Voucher"),
    "amount_wan": ("金额(万元)", "Amount (10k CNY)"),
    "payee": ("收款单位", "Payee"),
    "summary": ("摘要", "Summary"),
    "effective_date": ("调整日期", "Effective date"),
    "doc_no": ("文号", "Document"),
    "reason": ("调整原因", "Reason"),
    "is_sample": ("示例数据", "Sample"),
    "level_1": ("一级指标", "Level 1"),
    "level_2": ("二级指标", "Level 2"),
    "level_3": ("三级指标", "Indicator"),
    "description": ("绩效指标描述", "Description"),
    "symbol": ("符号", "Symbol"),
    "target_value": ("指标值", "Target"),
    "unit": ("单位", "Unit"),
    "basis": ("指标值确定依据", "Basis"),
    "duties": ("职责", "Duties"),
    "amount_yuan": ("金额(元)", "Amount (CNY)"),
    "batch_id": ("批次", "Batch"),
    "imported_at": ("导入时间", "Imported at"),
    "kind": ("类型", "Kind"),
    "file_name": ("文件名", "File"),
    "sha256": ("SHA-256", "SHA-256"),
    "rows_in_file": ("文件行数", "Rows in file"),
    "rows_loaded": ("导入行数", "Rows loaded"),
    "rows_skipped": ("跳过行数", "Rows skipped"),
    "imported_by": ("导入人", "Imported by"),
    "undone_at": ("撤销时间", "Undone at"),
    "payments": ("支付笔数", "Payments"),
    "paid_wan": ("支付合计(万元)", "Paid (10k CNY)"),
    "adjustments": ("调整笔数", "Adjustments"),
    "last_pay_date": ("最近支付日期", "Last payment"),
    "link": ("详情", "Details"),
    # issue 14: this year against last year
    "last_actual_pct": ("去年同期执行率%", "Executed % same month last year"),
    "last_deviation_pp": ("去年同期计划偏差(百分点)", "Deviation from plan last year (pp)"),
    "change_pp": ("执行率同比变化(百分点)", "Change in executed % (pp)"),
    "with_year": ("比较年度", "Compared with"),
}

STATUS = {
    "on_track": ("正常", "On track"),
    "lagging": ("滞后", "Lagging"),
    "severe": ("严重滞后", "Severely lagging"),
    "overspent": ("超支", "Overspent"),
}

INDICATOR_STATUS = {
    "met": ("达成", "Met"),
    "at_risk": ("有风险", "At risk"),
    "not_met": ("未达成", "Not met"),
    None: ("未评价", "Not judged"),
}

KINDS = {
    "plan": ("预算项目支出计划", "Plan"),
    "disbursements": ("支付明细", "Payments"),
    "adjustments": ("预算调整", "Adjustments"),
    "sections": ("科室职责", "Sections"),
    "indicators": ("绩效指标", "Indicators"),
    "indicator_values": ("绩效指标实际值", "Indicator values"),
}

TEXT = {
    "app_title": ("支出进度监控", "Spending pace monitor"),
    "page_overview": ("总览", "Overview"),
    "page_pacing": ("进度监控", "Pacing"),
    "page_sections": ("科室", "Sections"),
    "page_project": ("项目", "Project"),
    "page_data": ("数据", "Data"),
    "fiscal_year": ("年度", "Fiscal year"),
    "as_of_month": ("截至月份", "As of month"),
    "language": ("语言 / Language", "语言 / Language"),
    "sample_banner": ("当前数据库含有【示例支付数据】，仅供演示，不是真实支付。可在「数据」页一键删除。",
                      "The database holds SAMPLE payments for demonstration only, not real ones. "
                      "Remove them on the Data page."),
    "no_database": ("还没有数据库。请在项目目录运行 `make run`（或 `python -m spending init --demo`）。",
                    "There is no database yet. Run `make run` (or `python -m spending init --demo`) in the project folder."),
    "no_plan": ("{year} 年度还没有预算项目。请在「数据」页导入支出计划。",
                "No projects in {year} yet. Import a plan on the Data page."),
    "no_payments": ("{year} 年度截至 {month} 还没有支付数据；进度按 0 计算。请在「数据」页导入支付明细。",
                    "No payments in {year} up to {month}; pace counts them as 0. Import payments on the Data page."),
    "thresholds": ("阈值：落后计划超过 {yellow} 个百分点为滞后，超过 {red} 个百分点为严重滞后",
                   "Thresholds: more than {yellow} pp behind plan is lagging, more than {red} pp is severe"),
    "month_label": ("{year}年{month}月", "{month_en} {year}"),
    "change_vs_prev": ("指标下方为较上月变化", "Changes are against the previous month"),
    "kpi_budget": ("调整后预算", "Adjusted budget"),
    "kpi_actual": ("累计支出", "Paid to date"),
    "kpi_actual_pct": ("执行率", "Executed"),
    "kpi_plan_pct": ("计划进度", "Plan"),
    "kpi_time_pct": ("序时进度", "Time elapsed"),
    "kpi_deviation": ("计划偏差", "Deviation"),
    "kpi_gap": ("落后计划金额", "Behind plan"),
    "kpi_lagging": ("滞后项目", "Lagging"),
    "kpi_severe": ("严重滞后项目", "Severely lagging"),
    "kpi_overspent": ("超支项目", "Overspent"),
    "wan": ("万元", "10k CNY"),
    "pp": ("个百分点", "pp"),
    "curve_title": ("累计支出进度（全局）", "Cumulative progress (bureau)"),
    "section_curve_title": ("{section} 累计支出进度", "Cumulative progress: {section}"),
    "project_curve_title": ("{project} 支出进度", "Progress: {project}"),
    "sections_ranked": ("各科室计划偏差（百分点）", "Deviation from plan by section (pp)"),
    "most_behind": ("落后计划最多的项目", "Projects most behind plan"),
    "nothing_behind": ("截至本月没有落后于计划的项目。", "No project is behind plan this month."),
    "curve_plan": ("计划进度", "Plan"),
    "curve_actual": ("实际执行率", "Executed"),
    "curve_time": ("序时进度", "Time elapsed"),
    "curve_checkpoint": ("计划检查点", "Checkpoint"),
    "month_axis": ("月份", "Month"),
    "pct_axis": ("累计进度（%）", "Cumulative (%)"),
    "all": ("全部", "All"),
    "rows_capped": ("表中显示最落后的 {shown} 个项目（共 {total} 个）；下载的清单包含全部。",
                    "The table shows the {shown} projects most behind (of {total}); the downloads hold them all."),
    "sections_most_behind": ("图中为偏差最大的 {shown} 个科室（共 {total} 个），全部见「科室」页和通报。",
                             "The {shown} sections most behind (of {total}); all are on the Sections page and in the bulletin."),
    "large_download": ("清单共 {rows} 行：Excel 文件需要较长时间生成（10 万行约 20 秒），CSV 快得多。",
                       "The list has {rows} rows: the Excel file takes a while to build (about 20 s per 100,000 rows); CSV is much faster."),
    "first_rows": ("仅列出前 {shown} 个（共 {total} 个）；Excel 通报包含全部。",
                   "Only the first {shown} of {total} are listed; the Excel bulletin holds them all."),
    "filter_section": ("科室", "Section"),
    "filter_status": ("状态", "Status"),
    "filter_min_gap": ("计划差额不少于（万元）", "Behind plan at least (10k CNY)"),
    "yellow": ("滞后阈值（百分点）", "Lagging threshold (pp)"),
    "red": ("严重滞后阈值（百分点）", "Severe threshold (pp)"),
    "deviation_chart": ("各项目计划偏差", "Deviation from plan by project"),
    "download_xlsx": ("下载滞后项目清单（Excel）", "Download list (Excel)"),
    "download_csv": ("下载滞后项目清单（CSV）", "Download list (CSV)"),
    "list_title": ("滞后项目清单", "Lagging projects"),
    "generated_at": ("生成时间", "Generated at"),
    "shown_projects": ("显示 {shown} / {total} 个项目", "Showing {shown} of {total} projects"),
    "choose_section": ("选择科室", "Section"),
    "section_without_projects": ("{section} 在 {year} 年度没有预算项目，无需监控支出进度。",
                                 "{section} has no projects in {year}: nothing to pace."),
    "section_duties": ("职责", "Duties"),
    "choose_project": ("选择项目", "Project"),
    "required_pace": ("要达到 {month} 月底 {pct}% 的计划进度，需在 {date} 前再支付 {need} 万元。",
                      "To reach the {pct}% checkpoint at the end of month {month}, {need} (10k CNY) must be paid by {date}."),
    "required_met": ("已达到下一检查点（{month} 月底 {pct}%）的要求。",
                     "Already at the next checkpoint ({pct}% at the end of month {month})."),
    "required_final": ("已过最后一个检查点；计划进度保持在 {pct}%。",
                       "Past the last checkpoint; the plan stays at {pct}%."),
    "payments": ("支付明细", "Payments"),
    "adjustments": ("预算调整", "Adjustments"),
    "no_payments_project": ("截至本月没有支付。", "No payments up to this month."),
    "no_adjustments": ("本年度没有预算调整。", "No budget adjustments this year."),
    "goals": ("资金用途与绩效目标", "Purpose and goals"),
    "purpose": ("资金用途", "Purpose"),
    "goal": ("目标 {n}", "Goal {n}"),
    "indicators": ("绩效指标", "Performance indicators"),
    "no_indicators": ("没有绩效指标。", "No indicators."),
    "data_loaded": ("已载入的数据", "What is loaded"),
    "last_import": ("最近一次导入：{file}（{kind}，{time}）", "Last import: {file} ({kind}, {time})"),
    "import_title": ("导入文件", "Import a file"),
    "import_kind": ("文件类型", "File kind"),
    "import_year": ("年度（计划文件没有年度列时使用）", "Fiscal year (for a plan file without a year column)"),
    "import_file": ("选择 CSV 或 Excel 文件", "Choose a CSV or Excel file"),
    "import_button": ("导入", "Import"),
    "import_done": ("导入完成：", "Imported: "),
    "import_rejected": ("导入被拒绝，数据库未作任何改动：", "Import rejected, nothing was written:"),
    "history": ("导入历史", "Import history"),
    "remove_sample": ("删除示例数据", "Remove sample data"),
    "remove_sample_confirm": ("确认删除全部示例支付和调整", "Yes, remove all sample payments and adjustments"),
    "sample_removed": ("已删除 {n} 行示例数据。", "Removed {n} sample rows."),
    "optional": ("可选", "optional"),
    "encoding": ("编码", "Encoding"),
    "rows": ("文件行数", "Rows"),
    "new_rows": ("新增", "New"),
    "skipped_rows": ("已存在（跳过）", "Already stored (skipped)"),
    "total": ("新增合计", "New total"),
    "file_header": ("文件表头", "File header"),
    "spec_column": ("对应字段", "Column"),
    "problems": ("发现 {n} 个问题，此文件不能导入（数据库未改动）：", "{n} problem(s): this file cannot be imported (nothing written):"),
    "download_problems": ("下载问题清单", "Download the problems"),
    "valid_file": ("校验通过，确认后导入。", "Valid: confirm to import."),
    "importing": ("正在导入……", "Importing…"),
    "undo_title": ("撤销一个批次", "Undo a batch"),
    "undo_choose": ("选择批次（仅支付或调整）", "Batch (payments or adjustments only)"),
    "undo_confirm": ("确认删除该批次导入的全部行", "Yes, remove every row this batch brought in"),
    "undo_button": ("撤销", "Undo"),
    "undone": ("已撤销批次 {batch}，删除 {n} 行。", "Undid batch {batch}: removed {n} rows."),
    "templates": ("模板与备份", "Templates and backup"),
    "backup": ("下载数据库备份", "Download a backup"),
    "backup_note": ("恢复备份：停止仪表板，用备份文件替换 data/spending.duckdb（或 SPENDING_DB 指向的文件），再启动。",
                    "To restore: stop the dashboard, put the backup file in place of data/spending.duckdb "
                    "(or the file SPENDING_DB names), start again."),
    "dual_title": ("绩效运行监控（双监控）", "Performance monitoring (goals and money)"),
    "dual_note": ("填写截至 {month} 的指标实际值和监控表；同月再次保存会覆盖。",
                  "Enter the indicators' actual values and the return as of {month}; saving again replaces them."),
    "actual_value": ("本月实际值", "Actual value"),
    "judged": ("人工评价", "Judgement"),
    "indicator_status": ("指标状态", "Indicator status"),
    "entered_by": ("填报人", "Entered by"),
    "save_indicators": ("保存指标实际值", "Save indicator values"),
    "saved": ("已保存。", "Saved."),
    "return_title": ("绩效运行监控表", "Monitoring return"),
    "forecast_plan_shape": ("按计划形态预计全年（万元）", "Year-end forecast, plan shape (10k CNY)"),
    "forecast_run_rate": ("按当前进度预计全年（万元）", "Year-end forecast, run rate (10k CNY)"),
    "method_plan_shape": ("按计划形态", "Plan shape"),
    "method_run_rate": ("按当前进度", "Run rate"),
    "method_manual": ("手工填报", "Entered by hand"),
    "forecast_method": ("预计方法", "Forecast method"),
    "forecast_wan": ("全年预计执行数（万元）", "Year-end forecast (10k CNY)"),
    "deviation_cause": ("偏差原因", "Cause of deviation"),
    "likelihood": ("完成可能性", "Likelihood of completion"),
    "corrective_action": ("纠偏措施", "Corrective action"),
    "save_return": ("保存监控表", "Save the return"),
    "return_saved": ("最近填报：{who}，{when}", "Last entered by {who}, {when}"),
    "bulletin_title": ("月度支出进度通报（{month}）", "Monthly spending bulletin ({month})"),
    "bulletin_month": ("通报月份", "Month"),
    "budget_control": ("预算控制率（得分）", "Budget control rate (score)"),
    "sheet_summary": ("概况", "Summary"),
    "sheet_sections": ("各科室执行情况", "Sections"),
    "sheet_behind": ("滞后与超支项目", "Lagging and overspent projects"),
    "sheet_returns": ("绩效运行监控表", "Monitoring returns"),
    "sheet_indicators": ("绩效指标完成情况", "Indicators"),
    "sheet_evenness": ("支出均衡性", "Evenness"),
    "evenness_title": ("各月支出占全年已支出比重", "Each month's share of the year's spending"),
    "back_loaded_title": ("支出计划集中在年底的项目", "Plans back-loaded to the year end"),
    "back_loaded_note": ("9 月底计划进度不足 50% 的项目：资金集中在第四季度支付，序时进度风险大，建议提前安排支出。",
                         "Projects planning less than half by the end of September: spending piles up in Q4."),
    "no_returns": ("本月尚无监控表。", "No monitoring returns this month."),
    "thresholds_short": ("滞后 / 严重滞后阈值（百分点）", "Lagging / severe thresholds (pp)"),
    "tab_pace": ("支出进度", "Spending pace"),
    "tab_dual": ("双监控与通报", "Goals, control and bulletin"),
    "grades_title": ("各科室执行率评级与预算控制", "Section grades and budget control"),
    "bureau_control": ("全局预算控制率 {rate}，得分 {score}", "Bureau budget control {rate}, score {score}"),
    "indicator_overview": ("绩效指标状态（截至本月）", "Indicator status (to this month)"),
    "download_bulletin_xlsx": ("下载月度通报（Excel）", "Download the bulletin (Excel)"),
    "download_bulletin_pdf": ("生成并下载月度通报（PDF）", "Download the bulletin (PDF)"),
    "uneven_months": ("支出超过全年已支出 25% 的月份：{months}", "Months above 25 % of the year's spending: {months}"),
    "even_ok": ("没有单月支出超过全年已支出的 25%。", "No month above 25 % of the year's spending."),
    "error_query": ("读取数据时出错：{error}", "Could not read the data: {error}"),
    # issue 14: the document import and this year against last year
    "curve_last_year": ("{year} 年同期执行率", "Executed % in {year}"),
    "last_year_title": ("{year} 年逐月执行情况", "Execution by month in {year}"),
    "unassigned_section": ("未分配科室", "Section not settled"),
}

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def t(key: str, lang: str = "zh", **values) -> str:
    return _pick(TEXT[key], lang).format(**values)


def column(name: str, lang: str = "zh") -> str:
    return _pick(COLUMNS[name], lang) if name in COLUMNS else name


def status(code: str, lang: str = "zh") -> str:
    return _pick(STATUS[code], lang)


def indicator_status(code: str | None, lang: str = "zh") -> str:
    """met / at_risk / not_met in words; anything else (None, NaN) is not judged yet."""
    return _pick(INDICATOR_STATUS[code if code in INDICATOR_STATUS else None], lang)


def kind(code: str, lang: str = "zh") -> str:
    return _pick(KINDS[code], lang)


def month_label(year: int, month: int, lang: str = "zh") -> str:
    return t("month_label", lang, year=year, month=month, month_en=MONTHS_EN[month - 1])


def month_name(month: int, lang: str = "zh") -> str:
    return MONTHS_EN[month - 1] if lang == "en" else f"{month}月"
