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
    "no_plan": ("未编制计划", "No plan"),      # issue 33 task G: a project without a checkpoint (SPEC §5)
    "pay_date": ("支付日期", "Pay date"),
    "voucher_no": ("凭证号", "Voucher"),
    "amount_wan": ("金额(万元)", "Amount (10k CNY)"),
    "payee": ("收款单位", "Payee"),
    "summary": ("摘要", "Summary"),
    # Task F (issue 33): what a payment line of the treasury system's export says
    "line_no": ("明细序号", "Detail line"),
    "quota_doc_no": ("指标文号", "Budget quota doc."),
    "source": ("资金来源", "Funding source"),
    "direct": ("直达资金", "Direct funds"),
    "procurement": ("政府采购", "Gov. procurement"),
    "unit_code": ("单位编码", "Unit code"),
    "unit_name": ("预算单位", "Budget unit"),
    "budget_unit": ("预算单位", "Budget unit"),
    # Task B (issue 33): the closed year on the pages
    "carry_over_wan": ("其中结转期支付(万元)", "Of which carry-over (10k CNY)"),
    # Task K (issue 34): the units' and sources' rollups
    "rank": ("排名", "Rank"),
    "unbudgeted_wan": ("无指标支付(万元)", "Paid without budget (10k CNY)"),
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
    "over_wan": ("超支金额(万元)", "Over budget (10k CNY)"),
    "paid_in_month_wan": ("当月支出(万元)", "Paid in the month (10k CNY)"),
    # accounts and the audit log (issue 10)
    "email": ("账号（登录邮箱）", "Account (login e-mail)"),
    "role": ("角色", "Role"),
    "name": ("姓名", "Name"),
    "sections": ("科室", "Sections"),
    "at": ("时间", "Time"),
    "actor": ("操作人", "Who"),
    "action": ("操作", "Action"),
    "object": ("对象", "Object"),
    "detail": ("详情", "Detail"),
    "audit_kind": ("读/写", "Read/write"),
    "version": ("版本", "Version"),
    "entered_at": ("填报时间", "Entered at"),
    # issue 12: the columns of the bulletin and the lists (were bulletin.EXTRA_LABELS), one set for pages and files
    "grade": ("执行率评级", "Grade"),
    "control_pct": ("预算控制率%", "Budget control %"),
    "control_score": ("预算控制得分", "Control score"),
    "indicator_status": ("指标状态", "Indicator status"),
    "actual_value": ("实际值", "Actual"),
    "forecast_wan": ("全年预计执行数(万元)", "Forecast (10k CNY)"),
    "forecast_method": ("预计方法", "Method"),
    "deviation_cause": ("偏差原因", "Cause"),
    "likelihood": ("完成可能性", "Likelihood"),
    "corrective_action": ("纠偏措施", "Corrective action"),
    "entered_by": ("填报人", "Entered by"),
    "month": ("月份", "Month"),
    "share_pct": ("占已支出比重%", "Share of spending %"),
    "plan_share_pct": ("占计划比重%", "Share of plan %"),
    "uneven": ("不均衡", "Uneven"),
    "plan_pct_by_then": ("9月底计划进度%", "Plan by September %"),
    # issue 14: this year against last year
    "last_actual_pct": ("去年同期执行率%", "Executed % same month last year"),
    "last_deviation_pp": ("去年同期计划偏差(百分点)", "Deviation from plan last year (pp)"),
    "change_pp": ("执行率同比变化(百分点)", "Change in executed % (pp)"),
    "with_year": ("比较年度", "Compared with"),
    # issue 20: saved 导入方案 (mappings list)
    "mapping": ("导入方案", "Mapping"),
    "columns": ("列对应（本系统列←文件表头）", "Columns (ours ← file header)"),
    "created_at": ("创建时间", "Created at"),
    "created_by": ("创建人", "Created by"),
}

# The audit log's detail keys that are not columns above (audit.describe writes the detail in words).
AUDIT_DETAIL = {
    "demo": ("含示例数据", "with sample data"),
    "added": ("新发出", "issued"),
    "kept": ("保留", "kept"),
    "due": ("答复期限", "reply by"),
    "yellow": ("滞后阈值", "lagging threshold"),
    "red": ("严重滞后阈值", "severe threshold"),
    "removed": ("删除行数", "rows removed"),
    "restored": ("恢复行数", "rows restored"),
    "batches": ("批次", "batches"),
    "judged_status": ("人工判断", "judged"),
    "forecast_yuan": ("全年预计执行数(元)", "forecast (CNY)"),
    "cause_text": ("偏差原因说明", "cause in words"),
    "catch_up_month": ("预计赶上月份", "back on plan in"),
    "budget_yuan": ("年初预算(元)", "initial budget (CNY)"),
    "checkpoints": ("检查点", "checkpoints"),
    "columns": ("列对应", "columns"),          # issue 20: a 导入方案
    "headers": ("文件表头", "file headers"),
    "size_bytes": ("文件大小(字节)", "size (bytes)"),   # issue 32 (task A): a downloaded backup
    "format": ("文件格式", "file format"),             # issue 37 (task L): a downloaded bulletin, Excel or PDF
}

STATUS = {
    "on_track": ("正常", "On track"),
    "lagging": ("滞后", "Lagging"),
    "severe": ("严重滞后", "Severely lagging"),
    "overspent": ("超支", "Overspent"),
    "no_plan": ("未编制计划", "No plan"),      # issue 33 task G (SPEC §5)
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

# ---- document
# The rule that settled a project's 科室 when a 部门预算绩效文本 is read (spending.document.RULE_*;
# None: not settled, 未分配科室).
OWNER_RULES = {
    "amounts": ("科室金额唯一对应", "the sections' amounts settle it"),
    "duties": ("科室职责写明该项工作", "the section's duties name the work"),
    "given": ("由用户指定", "given by the user"),
    "kept": ("沿用已导入的科室", "kept the section already stored"),
    None: ("未能确定", "not settled"),
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
    # issue 37 (task L): the sum is of every project behind plan, within the tolerance too — said so beside
    # the counts of 滞后 / 严重滞后 (projects past a threshold)
    "kpi_gap": ("全部落后项目差额", "All projects behind"),
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
    "most_behind_line": ("落后计划最多：{project}（{section}），比计划少支出 {gap} 万元（偏差 {dev} 个百分点）。",
                         "Most behind plan: {project} ({section}), {gap} (10k CNY) less than planned ({dev} points)."),
    "unchanged": ("持平", "Unchanged"),
    # issue 37 (task L): the leader's first screen — each project lagging or overspent beside the totals
    "flagged_title": ("落后计划最多：", "Most behind plan:"),
    "flagged_over_title": ("超支：", "Overspent:"),
    "flagged_behind": ("{project}（{section}）{status}，落后计划 {amount} 万元",
                       "{project} ({section}) {status}, {amount} (10k CNY) behind plan"),
    "flagged_over": ("{project}（{section}）超出预算 {amount} 万元", "{project} ({section}) {amount} (10k CNY) over budget"),
    "flagged_more": ("另有 {n} 个滞后或超支项目，见「进度监控」。", "{n} more lagging or overspent: see Pacing."),
    "flagged_none": ("本月没有滞后、严重滞后或超支的项目。", "No project is lagging, severely lagging or overspent this month."),
    "user_remove_pick": ("选择要删除的账号", "Choose the account to remove"),
    # the file uploader's own words (Streamlit has no locale: ui.UPLOADER_CSS puts these in its place)
    "uploader_drop": ("可将文件拖到此处", "Drag and drop files here"),
    "uploader_limit": ("每个文件不超过 {mb} MB", "Limit {mb} MB per file"),
    "uploader_button": ("选择文件", "Browse files"),
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
    # issue 33 task G: the projects still without a plan (no_plan), for the treasury to chase
    "without_plan_title": ("尚未编制支出计划的项目（{n} 个）", "Projects still without a spending plan ({n})"),
    "without_plan_note": ("这些项目没有任何月份的计划进度，无法判断是否落后于计划，状态为「未编制计划」（不计入正常）。"
                          "请督促科室编制支出计划，并在「数据」页导入。",
                          "These projects have no checkpoint in any month, so whether they are behind plan cannot be "
                          "told: their status is No plan (never on track). Ask their sections for a spending plan and "
                          "import it on the Data page."),
    "kpi_no_plan": ("未编制计划项目", "No plan"),
    "choose_section": ("选择科室", "Section"),
    "section_without_projects": ("{section} 在 {year} 年度没有预算项目，无需监控支出进度。",
                                 "{section} has no projects in {year}: nothing to pace."),
    "section_duties": ("职责", "Duties"),
    "choose_project": ("选择项目", "Project"),
    "required_pace": ("要达到 {month} 月底 {pct}% 的计划进度，需在 {date} 前再支付 {need} 万元。",
                      "To reach the {pct}% checkpoint at the end of month {month}, {need} (10k CNY) must be paid by {date}."),
    "required_met": ("已达到下一检查点（{month} 月底 {pct}%）的要求。",
                     "Already at the next checkpoint ({pct}% at the end of month {month})."),
    "required_overspent": ("已超支：执行率 {pct}，超出预算 {over} 万元。请申请追加预算，或书面说明超支原因。",
                           "Overspent: {pct} executed, {over} (10k CNY) over budget. Apply for an additional "
                           "budget (追加预算), or explain the overspending in writing."),
    "required_final": ("已过最后一个检查点；计划进度保持在 {pct}%。",
                       "Past the last checkpoint; the plan stays at {pct}%."),
    "required_no_plan": ("本项目尚未编制支出计划（没有任何月份的计划进度），无法判断是否落后于计划。请科室编制支出计划后在「数据」页导入。",
                         "This project has no spending plan yet (no checkpoint in any month): whether it is behind "
                         "plan cannot be told. Its section should make one, to be imported on the Data page."),   # issue 33 task G
    "payments": ("支付明细", "Payments"),
    "adjustments": ("预算调整", "Adjustments"),
    "no_payments_project": ("截至本月没有支付。", "No payments up to this month."),
    # Task F (issue 33): carry-over payments on the project's page
    "carry_over_payments": ("结转期支付（跨年）", "Carry-over payments (next year)"),
    "carry_over_note": ("次年 1–6 月结转期内支付、动用 {year} 年度指标的支付，记入 {year} 年度；{year} 年各月末（截至 12 月 31 日）的执行数不含这些支付。",
                        "Paid in the carry-over period (January–June of the next year) from {year}'s budget, so booked "
                        "to {year}; no month end of {year} (up to 31 December) counts them."),
    "closed_through": ("结转期截至", "Carry-over period up to"),
    "closed_month": ("{year}年{month}月底", "end of {month}/{year}"),
    "closed_note": ("{year} 年度决算口径：12 月底的预算与计划，加上截至 {cut_off} 的结转期支付。",
                    "{year} closed: December's budget and plan, with the carry-over payments paid by the {cut_off}."),
    # Task B (issue 33): the closed year on 进度监控 and 科室 (closed=YYYY-MM in the address)
    "closed_none": ("不含结转期（按所选月份）", "None (the month chosen)"),
    "closed_title": ("{year} 年度决算（截至 {cut_off}）", "{year} closed (by the {cut_off})"),
    "closed_section_title": ("{year} 年度决算：本科室项目（截至 {cut_off}）", "{year} closed: the section's projects (by the {cut_off})"),
    "closed_carried": ("计入的结转期支付：{n} 笔，合计 {wan} 万元。", "Carry-over payments counted: {n}, {wan} (10k CNY) in all."),
    "closed_all_sources": ("决算口径按项目的全部资金计算，资金来源筛选只用于按月份查看。",
                           "The closed year counts all of a project's money: the funding source filter applies to the months only."),
    "overview_carried": ("{year} 年度有结转期支付 {n} 笔，合计 {wan} 万元（次年 1–6 月支付，各月末的执行数不含）："
                         "[按决算口径查看（截至 {cut_off}）]({link})",
                         "Carry-over payments of {year}: {n}, {wan} (10k CNY) in all (paid January–June of the next year; "
                         "no month end counts them): [see the year closed (by the {cut_off})]({link})"),
    "bad_closed": ("地址中的结转期截至「{asked}」无效（应为 {first} 至 {last}），已按所选月份显示。",
                   "The address's carry-over cut-off \"{asked}\" is not one ({first} to {last}): showing the month chosen."),
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
    "dual_note": ("填写截至 {month} 的指标实际值和监控表；每次保存都记入审计日志，监控表保留全部版本。",
                  "Enter the indicators' actual values and the return as of {month}; every save is audited and "
                  "every version of a return is kept."),
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
    "uneven_months": ("支出不均衡的月份：{months}", "Uneven months: {months}"),
    "even_ok": ("没有支出不均衡的月份。", "No uneven month."),
    "last_year_line": ("与 {year} 年同期相比：执行率 {change} 个百分点，累计支出 {paid} 万元，计划偏差 {dev_change} 个百分点，"
                       "全部落后项目差额 {behind} 万元（灰线为 {year} 年执行率）。",   # issue 37: the KPI's own name
                       "Against the same month of {year}: {change} pp executed, {paid} (10k CNY) paid, {dev_change} pp "
                       "deviation, {behind} (10k CNY) behind plan (grey: {year}'s execution)."),
    "last_year_project": ("{year} 年执行情况（同一项目编码）", "{year}: the same project code, by month"),
    "error_query": ("读取数据时出错：{error}", "Could not read the data: {error}"),
    # accounts, roles and the audit log (issue 10)
    "page_users": ("用户", "Users"),
    "page_audit": ("审计", "Audit log"),
    "local_mode": ("本机模式（未启用登录）：仅本机可访问，本机使用者即管理员。",
                   "Local mode (no login): served to this machine only; its user is the administrator."),
    "local_only_title": ("仅限本机访问", "This machine only"),
    "local_only": ("本仪表板未启用登录（本机模式），只接受本机访问。如需在局域网使用，请按 README 配置统一身份认证（OIDC）登录。",
                   "This dashboard runs without login (local mode) and serves this machine only. To use it on the "
                   "network, configure an OIDC login as the README says."),
    "login_needed": ("请使用单位统一身份认证登录后查看。", "Please log in with your organisation's account."),
    "login": ("登录", "Log in"),
    "logout": ("退出", "Log out"),
    "logged_in_as": ("当前用户：{who}", "Logged in: {who}"),
    # a login that 退出 ended (issue 32, task C): an identity issued before the login's last sign-out
    "login_ended": ("这次登录已结束（已退出，或账号已被删除），请重新登录。",
                    "This login has ended (logged out, or the account was removed): please log in again."),
    "no_access_title": ("无权访问", "No access"),
    "no_access": ("账号 {login} 尚未开通本系统的权限。请联系预算国库科为你开通账号。",
                  "The login {login} has no account here. Ask the treasury section to add one."),
    "login_refused_title": ("登录被拒绝", "Login refused"),
    "login_refused_unverified": (
        "登录提供方未验证邮箱 {login}（email_verified 为 false）。未验证的邮箱不能识别身份，不予登录；请先在登录提供方验证该邮箱。",
        "The login provider has not verified the e-mail {login} (email_verified is false). An unverified e-mail "
        "is no identity: verify it at the provider first."),
    "login_refused_no_verified_claim": (
        "登录提供方没有说明邮箱 {login} 是否经过验证（未发送 email_verified），不予登录。若该提供方从不发送此项且只发放经核实的邮箱，"
        "管理员可在 secrets.toml 中设置 `[spending]` `{setting} = true`。",
        "The login provider does not say whether the e-mail {login} is verified (no email_verified claim). If this "
        "provider never sends the claim and only issues checked e-mails, the administrator may set `[spending]` "
        "`{setting} = true` in secrets.toml."),
    "login_refused_not_normal": (
        "登录邮箱 {login} 含有兼容或变体字符（规范化后为 {normal}），可能冒充他人账号，不予登录。",
        "The login {login} holds compatibility characters (normalised: {normal}) and could pass for another "
        "account: refused."),
    "forbidden_title": ("无权查看", "Not allowed"),
    "forbidden": ("您的账号无权查看该页面或该科室、项目的数据。", "Your account may not see this page, section or project."),
    "negative_spending_pages": ("累计支出为负（有冲销/退款而没有对应的原支付，请核对并补导入）：{projects}。这些项目的执行率不代表支出进度。",
                          "Payments to date below 0 (a reversal without the payment it reverses; check and import it): "
                          "{projects}. Their execution rate is not a pace."),
    "document_title": ("导入部门预算绩效文本", "Import a published budget performance text"),
    "document_note": ("直接读取公开的《部门预算绩效文本》（Word 文件 .docx，或 UTF-8、GBK 文本，表格可为制表符、"
                      "Markdown 竖线表或 HTML 表格）：科室、项目、资金支出计划和绩效指标；确认后按计划文件导入（可撤销）。"
                      "文本未写明科室的项目沿用已导入的科室。",
                      "Reads the published text (a Word file .docx, or UTF-8 or GBK text with tab-separated, Markdown "
                      "pipe or HTML tables): sections, projects, schedules and indicators; on confirmation it is "
                      "imported like a plan file. Projects whose section the text does not settle keep the stored one."),
    "document_file": ("选择 Word 文件或文本文件（.docx、.txt、.md、.html）", "Choose the Word or text file (.docx, .txt, .md, .html)"),
    "document_read": ("{department}（{year} 年度，{encoding}）：{sections} 个科室，{projects} 个项目",
                      "{department} ({year}, {encoding}): {sections} sections, {projects} projects"),
    "document_owner": ("{project} 的科室（文本未写明）", "Section of {project} (the text does not say)"),
    "document_owner_open": ("未分配科室（暂不指定）", "Unassigned for now"),
    "document_amount": ("金额(万元)", "Amount (10k CNY)"),
    "document_checkpoints": ("资金支出计划", "Schedule"),
    "document_indicators": ("指标数", "Indicators"),
    "document_rule": ("科室依据", "Section settled by"),
    "document_line": ("行号/位置", "Line / place"),
    "document_owner_changes": ("{n} 个已导入项目的科室将按文本改变（原 → 新），请核对：",
                               "The text moves {n} stored project(s) to another section (before → after); check:"),
    "document_owner_change": ("科室（原 → 新）", "Section before → after"),
    "document_unassigned": ("{n} 个项目的科室仍未确定，将放在「未分配科室」下；可在上方指定。",
                            "{n} project(s) still have no section and load under 未分配科室; choose above."),
    "document_import": ("确认导入该文本", "Import this text"),
    # task I (issue 35): the 绩效目标申报表 — a code made from the name, the whole life's total and period
    "document_made_code": ("{name} 的项目编码（文本未写明，暂用 {code}）",
                           "Project code of {name} (the text gives none; {code} for now)"),
    "document_made_codes": ("{n} 个项目使用由项目名称生成的编码（文本中没有项目编码；同名项目在以后的文件中得到同一编码）；"
                            "真实编码可用 --code 名称=编码 或在「数据」页的编码栏填写。",
                            "{n} project(s) use a code made from the name (the text gives no 项目编码; the same name "
                            "gets the same code in later files); give the real one with --code NAME=CODE or in the "
                            "数据 page's code field."),
    "document_total": ("项目资金总额(万元)", "Whole-life total (10k CNY)"),
    "document_period": ("实施期", "Period"),
    "document_matched": ("「{name}」已导入，按名称沿用其编码 {code}", "{name} is stored: its code {code} kept, found by name"),
    # issue 35 (task D): a project stored under its made code given its real one (--code, the page's field)
    "document_recoded": ("「{name}」已以由名称生成的编码 {before} 导入，将改用编码 {after}（支付、调整、指标和导入历史随之保留）",
                         "{name} is stored under its made code {before}: it takes the code {after} (its payments, "
                         "adjustments, indicators and import history kept)"),
    "terms_total": ("项目资金总额（全周期）{total} 万元", "whole-life total {total} (10k CNY)"),
    "terms_period": ("实施期 {start} 至 {end}", "period {start} to {end}"),
    "terms_code_made": ("项目编码由项目名称生成（申报表未写明编码）", "code made from the name (the 申报表 gives none)"),
    "document_no_plan": ("{n} 个项目没有资金支出计划（绩效目标申报表不含计划），将按「未编制计划」导入；"
                         "计划请另行导入用款计划或计划文件。",
                         "{n} project(s) have no schedule (a 绩效目标申报表 holds none) and load as no plan (未编制计划); "
                         "import their plan from a 用款计划 or a plan file."),
    "cause_text": ("偏差原因说明", "Cause in words"),
    "return_prefilled": ("本月尚未填报，已按上月监控表预填，请核实后保存。",
                         "Nothing entered this month: pre-filled from last month's return; check and save."),
    "saved_n": ("已保存 {n} 项。", "Saved {n}."),
    "read_only_return": ("只读：只有该项目所属科室和预算国库科可以填报。", "Read only: only the project's section and the treasury may enter it."),
    "entered_as": ("填报人：{who}", "Entered by {who}"),
    "return_version_saved": ("已保存（第 {version} 版）。", "Saved (version {version})."),
    "return_history": ("本月监控表的全部 {n} 个版本", "All {n} versions of this month's return"),
    "users_local_note": ("本机模式下无需登录；这里开通的账号在配置统一身份认证登录（README）后生效。",
                         "Local mode needs no login; the accounts here take effect once an OIDC login is configured (README)."),
    "no_accounts": ("还没有账号。", "No accounts yet."),
    "user_add": ("开通或修改账号", "Add or change an account"),
    "user_sections": ("科室（仅科室账号）", "Sections (section accounts only)"),
    "user_sections_hint": ("选择一个或多个科室", "Choose one or more"),
    "user_save": ("保存账号", "Save the account"),
    "user_saved": ("已保存账号：{who}", "Saved: {who}"),
    "user_remove": ("删除账号", "Remove an account"),
    "user_remove_confirm": ("确认删除该账号（之后该登录无权访问）", "Yes, remove it (the login loses access)"),
    "user_removed": ("已删除账号 {who}", "Removed {who}"),
    "audit_since": ("起始日期", "Since"),
    "audit_empty": ("该日期以来没有记录。", "Nothing recorded since that day."),
    "audit_capped": ("显示最近 {n} 条；完整日志用 python -m spending audit 导出。",
                     "The latest {n} entries; export all with python -m spending audit."),
    "audit_download": ("下载审计日志（CSV）", "Download the log (CSV)"),
    "audit_read": ("读取", "read"),
    "audit_write": ("写入", "write"),
    "audit_before": ("原", "before"),
    "audit_after": ("新", "after"),
    "audit_nothing": ("无", "none"),
    "audit_all": ("全部", "all"),
    # the shared sidebar and the address (issue 12)
    "thresholds_title": ("滞后阈值", "Thresholds"),
    "thresholds_order": ("严重滞后阈值不能小于滞后阈值，已使用默认值 10 / 20。",
                         "The severe threshold must not be below the lagging one: using 10 / 20."),
    "bad_year": ("地址中的年度「{asked}」没有预算数据，已显示 {shown} 年度。", "The address asks for year \"{asked}\", which has no plan: showing {shown}."),
    "bad_month": ("地址中的月份「{asked}」无效（应为 1–12），已显示 {shown}。", "The address's month \"{asked}\" is not 1–12: showing {shown}."),
    "bad_thresholds": ("地址中的阈值无效，已使用默认值 10 / 20。", "The address's thresholds are not valid: using 10 / 20."),
    "bad_section": ("地址中的科室「{asked}」在 {year} 年度不存在。", "The address's section \"{asked}\" does not exist in {year}."),
    "bad_page": ("地址中的页面「{asked}」不存在，下面是总览。", "The address's page \"{asked}\" does not exist: here is the overview."),
    "bad_code_pick": ("在进度监控中选择项目", "Choose a project in Pacing"),
    "bad_code": ("地址中的项目编码「{asked}」在 {year} 年度不存在。", "The address's project code \"{asked}\" does not exist in {year}."),
    "bad_status": ("地址中的状态「{asked}」无效，已忽略。", "The address's status \"{asked}\" is not one: ignored."),
    # Task K (issue 34): 预算单位 and 资金来源 on the pages and in the bulletin
    "bad_unit": ("地址中的预算单位「{asked}」在 {year} 年度不存在。", "The address's budget unit \"{asked}\" does not exist in {year}."),
    "bad_source": ("地址中的资金来源「{asked}」在该月没有资金，已忽略。", "The address's funding source \"{asked}\" has no money that month: ignored."),
    "direct_all": ("直达资金（全部）", "Direct funds (all)"),
    "direct_pace_title": ("直达资金支出进度", "Direct funds' pace"),
    "direct_pace_whole": ("全部资金 执行率", "All funds: executed"),
    "direct_pace_direct": ("直达资金 执行率", "Direct funds: executed"),
    "direct_pace_none": ("本月没有直达资金。", "No direct funds this month."),
    "sources_title": ("资金来源", "Funding sources"),
    "sources_note": ("按资金来源：预算 = 该来源的年初预算数 + 该来源的调整；支出按支付的资金来源（未注明的记入项目的默认来源）。无指标支付：项目在该来源下没有预算的支付，计入合计。",
                     "By source: budget = the source's initial budget + its adjustments; payments by their source (else the project's default). "
                     "Paid without budget: payments from a source the project has no budget in, counted in the totals."),
    "units_title": ("预算单位", "Budget units"),
    "projects_title": ("项目", "Projects"),
    "units_ranked": ("预算单位支出进度排名", "Budget units ranked by execution"),
    "units_top": ("执行率前五的预算单位", "The five units with the highest execution"),
    "units_bottom": ("执行率后五的预算单位", "The five units with the lowest execution"),
    "kpi_behind_help": ("所有落后于计划的项目（含落后未超过滞后阈值的）合计还应支付的金额，不扣减超前项目；滞后、严重滞后只计超过阈值的项目",
                        "What every project behind plan, within the tolerance too, still had to pay by now (projects ahead "
                        "are not netted); lagging and severely lagging count only the projects past a threshold"),
    "behind_nets": ("落后项目合计落后 {behind} 万元，超前项目合计超前 {ahead} 万元，相抵后净落后 {net} 万元",
                    "Projects behind: {behind}; projects ahead: {ahead}; net {net} (10k CNY)"),
    "sections_colour_note": ("条形颜色为科室汇总的状态；标注和描边为其中滞后、严重滞后、超支的项目数。",
                             "A bar's colour is the section's own status; its label and outline count the projects behind or overspent in it."),
    "overspent_projects": ("超支项目", "Overspent projects"),
    "nothing_overspent": ("本月没有超支项目。", "No project is overspent this month."),
    "page_failed": ("页面出错，已记录在服务器日志中。请刷新重试，或联系管理员。",
                    "Something went wrong; it is recorded in the server's log. Reload, or tell the administrator."),
    # issue 11 (database side): plan changes in the import preview
    "plan_changes": ("该计划将替换 {n} 个已有项目的计划（原版本会保留，导入后可撤销恢复）：",
                     "This plan replaces the plan of {n} stored projects (the old versions are kept; undo the import to bring them back):"),
    # issue 12: what leaves the building (lists, 按科室分发, bulletin, grades, evenness)
    "grade_rule": ("执行率评级：1—11 月按计划完成度（执行率 ÷ 计划进度）评级，12 月按执行率评级；优 ≥95%，良 ≥90%，"
                   "中 ≥80%，差 <80%；累计支出超过预算为「超支」（不评优）；计划进度为 0 时不评级（—）。",
                   "Grade: January to November on plan completion (executed % ÷ plan %), December on the executed % "
                   "itself; A ≥95 %, B ≥90 %, C ≥80 %, D below; spending above the budget is marked Overspent (never A); "
                   "no grade (—) while the plan is still 0."),
    "evenness_rule": ("均衡性：某月支出占全年已支出的比重超过 25%，且比该月在支出计划中的比重高出 10 个百分点以上，"
                      "才提示不均衡（按计划自身的分布比较，1 月不会因“占 100%”而误报）。",
                      "Evenness: a month is flagged when its share of the year's spending so far is above 25 % and "
                      "more than 10 points above that month's share of the plan (so January is not flagged for being 100 %)."),
    "data_as_of": ("数据截至 {date}", "Data as of {date}"),
    "data_as_of_key": ("数据截至", "Data as of"),
    "data_as_of_none": ("数据截至：本年度尚未导入支付", "Data as of: no payments imported for this year"),
    "month_not_imported": ("{month} 的支付数据尚未导入（最近一笔支付 {date}），本月数字不完整。",
                           "Payments of {month} are not imported yet (last payment {date}): this month's figures are incomplete."),
    "issuing_unit": ("发文单位", "Issued by"),
    "page_footer": ("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
    # files that leave the building (issue 21): sample marks, a section's own bulletin
    "sample_mark": ("示例数据", "SAMPLE"),
    "sample_file_note": ("本文件含示例数据，仅供演示，不是真实支付；在「数据」页删除示例数据后重新下载即无此标记。",
                         "This file holds SAMPLE data, for demonstration only, not real payments; remove the sample "
                         "on the 数据 page and download again to lose this mark."),
    "sample_page_banner": ("示例数据 · 仅供演示，不是真实支付", "SAMPLE DATA · for demonstration only, not real payments"),
    "bulletin_title_section": ("月度支出进度通报（{section}，{month}）", "Monthly spending bulletin ({section}, {month})"),
    "whole_bureau": ("全局", "the bureau's"),
    "report_section": ("通报范围", "Covers"),
    "kpi_behind": ("落后计划金额（落后项目合计）", "Behind plan (sum over projects behind)"),
    "kpi_ahead": ("超前计划金额（超前项目合计）", "Ahead of plan (sum over projects ahead)"),
    "kpi_net_gap": ("净差额（落后 − 超前）", "Net gap (behind − ahead)"),
    "opening_rate": ("截至 {month}，{who}调整后预算 {budget} 万元，累计支出 {actual} 万元，执行率 {actual_pct}，"
                     "计划进度 {plan_pct}，{direction}。",
                     "By the end of {month}, of {who} adjusted budget of {budget} (10k CNY), {actual} was paid: "
                     "{actual_pct} executed against a plan of {plan_pct}, {direction}."),
    "opening_behind": ("落后计划 {pp} 个百分点", "{pp} pp behind plan"),
    "opening_ahead": ("超前计划 {pp} 个百分点", "{pp} pp ahead of plan"),
    "opening_even": ("与计划持平", "on plan"),
    "opening_gap": ("{behind_projects} 个项目落后于计划，合计落后 {behind} 万元（另有 {ahead_projects} 个项目超前 {ahead} 万元，"
                    "相抵后净差额 {net} 万元）。",
                    "{behind_projects} projects are behind plan by {behind} (10k CNY) in all ({ahead_projects} are ahead "
                    "by {ahead}; net {net})."),
    # issue 37 (task L): nothing ahead to net — the sum said once, never 「另有 0 个项目超前 0.00 万元」
    "opening_gap_none_ahead": ("{behind_projects} 个项目落后于计划，合计落后 {behind} 万元，没有项目超前。",
                               "{behind_projects} projects are behind plan by {behind} (10k CNY) in all; none is ahead."),
    "opening_counts": ("按状态：正常 {on_track} 个，滞后 {lagging} 个，严重滞后 {severe} 个，超支 {overspent} 个。",
                       "By status: {on_track} on track, {lagging} lagging, {severe} severely lagging, {overspent} overspent."),
    # issue 33 task G
    "opening_no_plan": ("另有 {n} 个项目尚未编制支出计划（未编制计划），无法判断进度，请督促编制。",
                        "{n} more project(s) have no spending plan yet (No plan): their pace cannot be judged until one is made."),
    "opening_sections": ("落后最多的科室：{sections}。", "Sections most behind: {sections}."),
    "opening_projects": ("落后最多的项目：{projects}。", "Projects most behind: {projects}."),
    "opening_overspent": ("超支项目：{projects}。", "Overspent: {projects}."),
    "opening_project": ("{project}（{section}，落后 {amount} 万元）", "{project} ({section}, {amount} (10k CNY) behind)"),
    "opening_overspent_project": ("{project}（{section}，执行率 {pct}）", "{project} ({section}, {pct} executed)"),
    "opening_section": ("{section}（落后 {pp} 个百分点）", "{section} ({pp} pp behind)"),
    "opening_none_behind": ("没有科室落后于计划。", "No section is behind plan."),
    "opening_last_year": ("与 {year} 年同期（执行率 {last_pct}）相比：执行率变化 {change} 个百分点，累计支出变化 {paid} 万元，计划偏差变化 {dev_change} 个百分点。",
                          "Against the same month of {year} ({last_pct} executed): {change} pp executed, {paid} (10k CNY) paid, "
                          "{dev_change} pp deviation from plan."),
    "indicator_counts": ("共 {total} 个指标：达成 {met} 个，有风险 {at_risk} 个，未达成 {not_met} 个，未评价 {none} 个。",
                         "{total} indicators: {met} met, {at_risk} at risk, {not_met} not met, {none} not judged."),
    "indicators_flagged": ("未达成和有风险的指标", "Indicators not met or at risk"),
    "no_flagged_indicators": ("没有未达成或有风险的指标。", "No indicator is not met or at risk."),
    "sheet_context": ("说明", "About"),
    "list_month": ("清单月份", "Month"),
    "list_rule": ("清单范围", "Holds"),
    "list_rule_behind": ("落后于计划（滞后、严重滞后）或超支的项目", "Projects behind plan (lagging, severe) or overspent"),
    "by_section": ("按科室分发（每科室一个 Excel，zip）", "One Excel file per section (zip)"),
    "by_section_none": ("{month} 没有落后于计划或超支的项目。", "No project is behind plan or overspent in {month}."),
    "opening_key": ("通报摘要", "Summary"),
    "thresholds_key": ("阈值", "Thresholds"),
    "grade_rule_key": ("评级规则", "Grading rule"),
    "evenness_rule_key": ("均衡性规则", "Evenness rule"),
    "grade_优": ("优", "A"),
    "grade_良": ("良", "B"),
    "grade_中": ("中", "C"),
    "grade_差": ("差", "D"),
    "grade_超支": ("超支", "Overspent"),
    "yes": ("是", "Yes"),
    "cut_mark": ("…（全文见系统）", "… (full text in the system)"),
    "read_summary": ("编码：{encoding} · 文件行数：{rows} · 新增：{new} · 已存在（跳过）：{skipped} · "
                     "新增合计：{wan} 万元（{yuan} 元）",
                     "Encoding: {encoding} · Rows: {rows} · New: {new} · Already stored (skipped): {skipped} · "
                     "New total: {wan} 10k CNY ({yuan} 元)"),
    # Task B (issue 33): a 用款计划's preview says its planned total (not the budgets), the budgets beside it
    "read_summary_spending_plan": ("编码：{encoding} · 文件行数：{rows} · 新增项目：{new} · 已存在（跳过）：{skipped} · "
                                   "计划用款合计：{wan} 万元（{yuan} 元）· 这些项目的调整后预算合计：{budget} 万元",
                                   "Encoding: {encoding} · Rows: {rows} · New projects: {new} · Already stored (skipped): "
                                   "{skipped} · Planned total: {wan} 10k CNY ({yuan} 元) · These projects' adjusted "
                                   "budgets: {budget} 10k CNY"),
    "checkpoint_at": ("{month}月底 {pct}%", "end of {month}: {pct}%"),
    "checkpoints_sep": ("，", "; "),
    "template_file": ("模板-{kind}.xlsx", "模板-{kind}.xlsx"),   # one file name, whatever the language
    "no": ("否", "No"),
    # issue 14: the document import and this year against last year
    "curve_last_year": ("{year} 年同期执行率", "Executed % in {year}"),
    "last_year_title": ("{year} 年逐月执行情况", "Execution by month in {year}"),
    "unassigned_section": ("未分配科室", "Section not settled"),
    # ---- issue 11 (files): the import preview
    "kind_detected": ("按表头识别为「{kind}」文件，已选择该类型。", "The headers say this is a {kind} file: that kind is chosen."),
    "kind_mismatch": ("{file} 的表头像是「{kind}」文件：请检查上面的文件类型。",
                      "{file}'s headers look like a {kind} file: check the kind above."),
    "title_rows": ("表头在第 {line} 行（跳过上方 {n} 行标题）", "header on line {line} ({n} title row(s) above skipped)"),
    # issue 20: the 数据 page's mapping step and saved 导入方案
    "mapping_step": ("对应表头：这个文件的表头与本系统的列对不上", "Map the headers: this file's headers do not match the columns"),
    "mapping_step_note": ("请为每个必需的列选择文件中对应的表头（已按最接近的表头预填），确认后起个名称保存为导入方案。"
                          "以后表头相同的文件会自动按此方案导入，不再询问。",
                          "Choose the file's header for each required column (pre-filled with the closest one), then name "
                          "and save the mapping. A later file with the same headers is imported by it without asking."),
    "mapping_none": ("（不导入）", "(not imported)"),
    "mapping_months": ("计划进度列（至少选一列）", "Checkpoint columns (choose at least one)"),
    "mapping_name": ("导入方案名称", "Mapping name"),
    "mapping_save": ("保存导入方案并预览", "Save the mapping and preview"),
    "mapping_missing": ("请为这些列选择表头：{columns}", "Choose a header for: {columns}"),
    "mapping_no_month": ("请至少为一个计划进度列选择表头", "Choose a header for at least one checkpoint column"),
    "mapping_saved": ("已保存导入方案「{name}」，文件已按它预览。", "Saved the mapping \"{name}\"; the file is previewed with it."),
    "mapping_used": ("已按导入方案「{name}」对应表头（{columns}）。", "Headers mapped by the saved mapping \"{name}\" ({columns})."),
    "mappings_title": ("已保存的导入方案", "Saved mappings"),
    "mappings_none": ("还没有导入方案。", "No saved mappings yet."),
    "mapping_remove": ("删除导入方案", "Remove the mapping"),
    "mapping_removed": ("已删除导入方案「{name}」。", "Removed the mapping \"{name}\"."),
    "total_lines": ("已略去 {n} 个合计/小计/总计行：{lines}", "Left out {n} total line(s) (合计/小计/总计): {lines}"),
    # Task F (issue 33): nothing dropped without a word
    "unused_columns": ("未使用的列（导入时不读取）：{columns}", "Columns not used (nothing reads them): {columns}"),
    "subtotals": ("按项目小计（与国库系统报表核对）", "Per project (to check against the treasury system's report)"),
    "negative_spending": ("注意：以下项目导入后累计支出为负（有冲销而无对应支付？）", "Warning: these projects' cumulative spending would be negative (a reversal without its payment?)"),
    # issue 20: real exports
    "title_lines": ("已略去表头上方的标题行：{lines}", "Left out the title rows above the header: {lines}"),
    "amount_in_wan": ("金额单位为万元（{why}），已精确换算为元。", "The amounts are in 万元 ({why}), converted exactly to 元."),
    "wan_by_header": ("表头「{header}」", "header \"{header}\""),
    "wan_by_title": ("标题行", "a title row"),
    # Task J (issue 33): the unit of a budget amount that names none is asked, never guessed (SPEC §5)
    "unit_question": ("金额列「{header}」没有写明单位：请选择它的单位（不作猜测）",
                      "The amount column \"{header}\" names no unit: choose it (never guessed)"),
    "unit_yuan": ("元", "元 (yuan)"),
    "unit_wan": ("万元", "万元 (10,000 yuan)"),
    "budget_in_unit": ("金额单位为{unit}（{why}），已精确换算为元存储。", "The amounts are in {unit} ({why}), kept exactly in 元."),
    "unit_chosen": ("所选单位", "the unit chosen"),
    "spending_plan_read": ("用款计划（按金额），单位为{unit}（{why}）：各项目的检查点为累计计划金额，精确存储；只改动文件中列出的项目。",
                           "A spending plan in amounts, in {unit} ({why}): each project's checkpoints hold its cumulative "
                           "amounts, kept exactly; only the projects the file names change."),
    "mapped_by": ("识别方式", "Recognised by"),
    "mapped_name": ("列名", "its name"),
    "mapped_alias": ("别名", "an alias"),
    "mapped_chosen": ("导入方案", "the mapping"),
    "by_name": ("以下 {n} 行没有项目编码，按名称匹配（年度计划中唯一的项目名称）：", "{n} row(s) have no project code and were matched by name (unique in the year's plan):"),
    "total_yuan": ("文件合计 {yuan} 元", "File total {yuan} 元"),
    "choose_kind": ("请选择文件类型（表头未能识别）。", "Choose the kind of file (its headers were not recognised)."),
    "line_no": ("行号", "Line"),
    "problem_line": ("行号", "Line"),
    "problem_column": ("列", "Column"),
    "problem_value": ("值", "Value"),
    "problem_reason": ("原因", "Reason"),
    "column_zh": ("列名", "Column name"),
    "rows_count": ("行数", "Rows"),
    "amount_wan": ("金额(万元)", "Amount (10k CNY)"),
    "month_no": ("月份", "Month"),
    "cumulative_wan": ("累计支出(万元)", "Cumulative (10k CNY)"),
    # issue 13: 预警与问询
    "page_notices": ("预警与问询", "Warnings & inquiries"),
    "notices_today": ("今天：{today}（答复期限和逾期按这一天计算）", "Today: {today} (reply-by dates and overdue count from it)"),
    "notices_no_year": ("还没有预算项目。", "No projects yet."),
    "notices_warnings": ("{month} 预警", "Warnings, {month}"),
    "notices_no_warnings": ("本月没有滞后或超支的项目。", "No project is behind plan or overspent this month."),
    "notices_level_rule": ("黄色：滞后；红色：严重滞后，或连续三个月滞后；紫色：超支（阈值 滞后 {yellow} / 严重滞后 {red} 个百分点）",
                           "Yellow: lagging; red: severely lagging, or lagging three months in a row; purple: "
                           "overspent (thresholds {yellow} / {red} points)"),
    "notices_issue": ("发出本月问询", "Issue this month's inquiries"),
    "notices_due": ("答复期限", "Reply by"),
    "notices_issue_note": ("已发出的问询不会重复发出，已有答复保持不变。", "Inquiries already issued are not issued again; answers stay."),
    # issue 37 (task L): no inquiries on a month whose payments are not imported (the command line refuses too)
    "notices_month_past_data": ("{month} 在数据截至 {date} 之后：支付数据尚未导入，不能据此问询。",
                                "{month} is after the data's last payment ({date}): no inquiries until its payments are imported."),
    "notices_list": ("{month} 问询", "Inquiries, {month}"),
    "notices_none": ("本月还没有发出问询。", "No inquiries issued for this month yet."),
    "notices_letters": ("问询函", "Inquiry letters"),
    "notices_letter_section": ("科室", "Section"),
    "notices_letter_pdf": ("生成 PDF", "Make the PDF"),
    "notices_download_pdf": ("下载问询函（PDF）", "Download the letter (PDF)"),
    "notices_download_xlsx": ("下载问询函（Excel）", "Download the letter (Excel)"),
    "notices_summary": ("各科室答复情况", "Answers by section"),
    "notices_red_answers": ("红色预警项目的答复", "Answers for the red projects"),
    "notices_no_red_answers": ("红色预警项目还没有答复。", "No answer yet for the red projects."),
    "notices_escalated": ("约谈名单（连续两个月被问询且未恢复进度）", "To meet leadership (inquired two months running, not back on pace)"),
    "notices_no_escalated": ("没有需要约谈的项目。", "No project to escalate."),
    "notices_waiting": ("待答复的问询（{n} 条）", "Inquiries waiting for your answer ({n})"),
    "notices_nothing_waiting": ("没有待答复的问询。", "No inquiry is waiting for your answer."),
    "notices_answered_list": ("已答复和已销号的问询", "Answered and closed inquiries"),
    "notices_inquiry": ("{month} · {name}（{code}）· {level} · 答复期限 {due} · {state}",
                        "{month} · {name} ({code}) · {level} · reply by {due} · {state}"),
    "notices_figures": ("调整后预算 {budget} 万元，累计支出 {actual} 万元，执行率 {actual_pct}，计划进度 {plan_pct}，计划偏差 {dev} 个百分点",
                        "Budget {budget}, paid {actual} (10k CNY); executed {actual_pct} against a plan of {plan_pct}: {dev} points"),
    "notices_cause": ("偏差原因类别", "Cause (category)"),
    "notices_cause_text": ("偏差原因说明", "Cause in words"),
    "notices_action": ("纠偏措施", "Corrective measures"),
    "notices_catch_up": ("预计恢复进度的月份", "Back on plan by"),
    "notices_forecast": ("全年预计执行数（万元）", "Year's forecast (10k CNY)"),
    "notices_answer": ("提交答复", "Send the answer"),
    "notices_answer_note": ("答复即本月的绩效运行监控表（同一条记录）。", "The answer is this month's monitoring return (one record)."),
    "notices_answer_saved": ("已提交答复（监控表第 {version} 版）", "Answer sent (return version {version})"),
    # issue 21: what each inquiry asks for, the forecast's method, the treasury's decision
    "notices_ask_overspent": ("已超支：超出预算 {over} 万元。请说明超支原因，并申请追加预算或书面说明超支情况（无需填写恢复进度月份）。",
                              "Overspent: {over} (10k CNY) over budget. Give the cause, and apply for an additional "
                              "budget (追加预算) or explain the overspending in writing (no catch-up month)."),
    "notices_ask_year_end": ("年度终了：未支出 {unspent} 万元。请说明原因，以及这部分资金拟结转还是结余、如何处理。",
                             "The year ends with {unspent} (10k CNY) unspent. Give the cause, and whether this money "
                             "is carried over (结转) or returned (结余), and how."),
    "notices_action_overspent": ("追加预算申请或超支情况说明", "Additional budget applied for, or the explanation"),
    "notices_action_year_end": ("未支出资金的处理安排", "How the unspent money will be handled"),
    "notices_handling": ("结转 / 结余", "Carried over or returned"),
    "notices_method": ("全年预计执行数的测算方法", "How the year's forecast is made"),
    "notices_decide": ("国库科决定销号", "Close by the treasury's decision"),
    "notices_decide_note": ("超支和年终（12 月）问询没有后续月份可恢复进度：由预算国库科根据答复决定销号；"
                            "逾期未答复的，也可由预算国库科径行决定。",
                            "Overspending and year-end (December) inquiries have no later month to be back on pace: "
                            "the treasury closes them by its decision on the answer, or without one once overdue."),
    "notices_decide_which": ("问询", "Inquiry"),
    "notices_decision": ("决定", "Decision"),
    "notices_decision_note": ("决定说明（可选）", "Note (optional)"),
    "notices_decided": ("已销号：{name}（{decision}）", "Closed: {name} ({decision})"),
    "notices_nothing_to_decide": ("没有待国库科决定的超支或年终问询。", "No overspending or year-end inquiry awaits a decision."),
    "notices_sidebar": ("待答复问询：{n} 条", "Inquiries waiting: {n}"),
    "notices_today_bad": ("今天的日期无法确定，待答复问询暂不计数：{error}", "Today is not known, inquiries are not counted: {error}"),
    "sheet_inquiries": ("预警问询答复情况", "Inquiries and answers"),
    "sheet_red_answers": ("红色预警项目答复", "Answers for red projects"),
    "notices_totals": ("共 {issued} 条问询：已答复 {answered} 条，待答复 {open} 条，逾期 {overdue} 条，已销号 {closed} 条",
                       "{issued} inquiries: {answered} answered, {open} open, {overdue} overdue, {closed} closed"),
    # issue 33: a file of another kind says what it looks like and which verb takes it (ingest.columns.OTHER_KINDS)
    "other_kind_spending_plan": ("用款计划（按月或按季度的计划金额）", "a spending plan in amounts (用款计划, monthly or quarterly)"),
    "other_kind_monitoring": ("绩效运行监控表（年初预算数、调整后预算数、1-X月执行数、全年预计执行数）",
                              "a performance monitoring return (绩效运行监控表: 年初预算数, 调整后预算数, 1-X月执行数, 全年预计执行数)"),
    "other_kind_quota_payments": ("指标与支付情况汇总表（预算金额 / 支付金额 两行表头）",
                                  "a summary of budget authority against payments (two header rows 预算金额 / 支付金额)"),
    "other_kind_verb": ("这个文件看起来是{kind}：请用 {verb} 导入", "the file looks like {kind}: import it with {verb}"),
    "other_kind_none": ("这个文件看起来是{kind}，不是可导入的文件：本系统还没有导入这类文件的命令",
                        "the file looks like {kind}, which nothing here imports yet"),
}

# Error codes of queries/import/*.sql and of the checks in ingest and here, in Chinese and English.
REASONS = {
    "blank": ("不能为空", "must not be blank"),
    "not_number": ("不是有效的数字", "not a valid number"),
    "decimals_2": ("小数位数超过 2 位", "more than 2 decimal places"),
    "decimals_6": ("小数位数超过 6 位", "more than 6 decimal places"),
    "too_large": ("数值超出可存储的范围", "the number is beyond the range the database can hold"),
    "zero": ("金额不能为 0", "the amount must not be 0"),
    "negative": ("预算数不能为负", "the budget must not be negative"),
    "pct_range": ("百分比必须在 0 到 100 之间", "the percentage must be between 0 and 100"),
    "date_format": ("日期格式应为 YYYY-MM-DD 或 YYYY/MM/DD", "the date must be YYYY-MM-DD or YYYY/MM/DD"),
    "no_such_date": ("不存在的日期", "no such date"),
    "year_format": ("年度应为四位整数", "the fiscal year must be a 4-digit integer"),
    "year_range": ("年度应在 2000 到 2100 之间", "the fiscal year must be between 2000 and 2100"),
    "year_missing": ("缺少年度（或用 --year 指定）", "fiscal year missing (or give --year)"),
    "year_mismatch": ("与指定的年度 {year} 不一致", "disagrees with --year {year}"),
    # Task F (issue 33): 预算年度 of a payment line, its 是/否 columns
    "paid_before_budget_year": ("支付日期早于预算年度：支付不能动用以后年度的指标",
                                "paid before its budget year (预算年度): a payment cannot spend a later year's budget"),
    "carry_over_late": ("预算年度的指标只能在当年或次年 1–6 月结转期内支付（跨年支付）；支付日期晚于次年 6 月 30 日：请核对预算年度或支付日期",
                        "a budget year's (预算年度) quota is paid in that year or, carried over, by 30 June of the next; "
                        "this pay date is later: check the budget year or the pay date"),
    "flag": ("应为 是 或 否", "must be 是 (yes) or 否 (no)"),
    # Task J (issue 33): a 用款计划 in amounts
    "plan_period": ("月份应为 1–12（如 3 或 3月），季度应为 1–4（如 第一季度、一季度、Q1）",
                    "the month must be 1–12 (3 or 3月), the quarter 1–4 (第一季度, 一季度, Q1)"),
    "plan_amount_negative": ("计划金额不能为负", "a planned amount must not be negative"),
    "plan_period_twice": ("该项目的同一月份（季度）已在第 {first} 行给出", "this project's month (quarter) is already given on {unit} {first}"),
    "plan_mixed": ("同一项目不能既按月又按季度编制用款计划", "one project's plan cannot be both monthly and quarterly"),
    "plan_over_budget": ("用款计划累计 {planned} 元，超过该项目的预算 {budget} 元",
                         "the plan adds up to {planned} 元, more than the project's budget of {budget} 元"),
    "plan_no_project": ("缺少项目编码或项目名称", "neither a project code nor a project name"),
    "decreasing": ("计划进度不能低于前面月份的检查点", "checkpoints must not decrease"),
    "duplicate": ("与第 {first} 行重复（同一文件内键重复）", "repeats the key of {unit} {first} in this file"),
    "unplanned": ("{year} 年度没有该项目的预算计划", "no plan for this project in fiscal year {year}"),
    # Task K (issue 34): a row naming another 预算单位 than its project's
    "unit_mismatch": ("预算单位与该项目的预算单位（{project_unit}）不一致",
                      "the budget unit (预算单位) is not the project's ({project_unit})"),
    "unknown_indicator": ("{year} 年度该项目没有序号 {seq} 的绩效指标", "the project has no indicator {seq} in {year}"),
    "not_index": ("序号应为正整数", "must be a positive whole number"),
    "month_range": ("月份应为 1 到 12", "the month must be 1 to 12"),
    "judgement": ("人工评价应为 达成 / 有风险 / 未达成", "the judgement must be met, at_risk or not_met"),
    "conflict": ("已存储的同一键内容不同（{differs}），冲突：已存 {stored}；文件 {file}",
                 "conflicts with the stored row of the same key (differs in {differs}): stored {stored}; file {file}"),
    "negative_budget": ("调整后预算在 {day} 将低于 0", "the adjusted budget would go below 0 on {day}"),
    "ragged_more": ("该行有 {cells} 个单元格，表头只有 {header} 列（未加引号的千分位逗号？）",
                    "the row has {cells} cells, the header has {header} (a thousands separator without quotes?)"),
    "ragged_less": ("该行只有 {cells} 个单元格，表头有 {header} 列", "the row has {cells} cells, the header has {header}"),
    "project_total": ("项目 {project} 当月支付合计将超出可存储的范围", "project {project}'s payments in that month would add up beyond the range the database can hold"),
    "split_amount": ("金额后面一格是三位数字：像是未加引号的千分位逗号把金额拆开了（1,000 应写作 \"1,000\" 或 1000），无法确定金额",
                     "the amount is followed by a cell of three digits: an unquoted thousands separator seems to have "
                     "split it (write 1,000 as \"1,000\" or 1000); the amount is ambiguous"),
    "control": ("含有控制字符（如终端转义 ESC）或双向文字覆盖字符（如 U+202E），会让显示的文字与实际不同：请删去后再导入",
                "holds a control character (such as a terminal escape, ESC) or a bidi override (such as U+202E) that "
                "makes the text show as something else: remove it and import again"),
    "total_with_data": ("标为合计/小计/总计，但项目编码、日期和金额都像一笔有效的记录：是合计行还是一笔记录？请改正或删去该行",
                        "is labelled as a total (合计/小计/总计) but has a valid project code, date and amount like a "
                        "record: a total line or a record? Correct or delete the line"),
    "excel_digits": ("Excel 已把该列存为数字，超过 15 位的编码已失真：请将该列设为文本后重新导出",
                     "Excel stored this column as numbers: a code of more than 15 digits has lost digits; "
                     "format the column as text and export again"),
    "name_unknown": ("{year} 年度计划中没有这个名称的项目（按名称匹配需名称完全一致）：请给出项目编码",
                     "no project of this name in the {year} plan (matching by name needs the exact name): give the project code"),
    "name_ambiguous": ("{year} 年度计划中有 {n} 个项目同名，无法按名称匹配：请给出项目编码",
                       "{n} projects of the {year} plan have this name: it cannot be matched by name; give the project code"),
    "name_mismatch": ("与 {year} 年度计划中该项目编码的名称「{stored}」不一致",
                      "differs from the name the {year} plan gives this project code (\"{stored}\")"),
    # issue 32 (task E): a key or code holding a line break inside (ingest.parsing._key_line_breaks)
    "line_break": ("含有换行：一格里像是有两个值，不会合并成一个编号：请每格只填一个值",
                   "holds a line break: two values in one cell? They are never joined into one key; give one value "
                   "per cell"),
    "lookalike": ("与已存储的「{stored}」只差看不见的字符或全角/半角等写法，视为同一键：请使用已存储的写法",
                  "differs from the stored \"{stored}\" only by invisible characters or full-/half-width forms: "
                  "use the stored form"),
}

# Excel's formats of a date and a moment in each language: formal in Chinese (2021年11月25日).
DATE_FORMATS = {"zh": ('yyyy"年"m"月"d"日"', 'yyyy"年"m"月"d"日" hh:mm'),
                "en": ("d mmm yyyy", "d mmm yyyy hh:mm")}

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def t(key: str, lang: str = "zh", **values) -> str:
    return _pick(TEXT[key], lang).format(**values)


# --------------------------------------------------------------------------- messages (issue 38)
# A message of spending/ (an error the user can act on, an import's summary) is a key of MESSAGES and its
# values, never words written where it is raised: Message(key, **values). The page shows it in one language
# (Message.text), the command line in both, line by line "中文 | English" (str(message)). A value that
# itself depends on the language is a (中文, English) pair or another Message.

MESSAGES: dict[str, tuple[str, str]] = {
    # issue 38: messages of ui.downloads (a file refused at the click: the account was removed or demoted)
    "download_refused": ("{login} 已无权下载 {file}", "{login} may no longer download {file}"),
    "download_no_one_click": ("媒体存储不是 Streamlit 的内存存储：无法给出一次性下载地址",
                              "the media storage is not Streamlit's memory storage: no one-click address"),
    # issue 38: messages of workdays (a reply-by date counted Mon–Fri)
    "reply_by_guessed": ("注意：答复期限 {due} 按周一至周五推算——{years} 年的法定节假日和调休安排尚未收录"
                         "（chinese-calendar {version} 收录 {first}–{last} 年），请核对",
                         "note: the reply-by date {due} is counted Mon–Fri — the public holidays and 调休 working "
                         "days of {years} are not known yet (chinese-calendar {version} knows {first}–{last}); "
                         "check it"),
    # issue 38: messages of notices, notice_rules and notice_letters (inquiries: issued, answered, decided,
    # reviewed; a value (中文, "") is said in Chinese only)
    "inquiries_issued": ("已发出问询 {added} 条，此前已发 {kept} 条未变{due}",
                         "issued {added} inquiries, {kept} issued before left as they were{due}"),
    "inquiries_issued_due": ("；答复期限 {due}", "; reply by {due}"),
    "inquiries_issue_admin_only": ("只有管理员（预算国库科）可以发出问询", "only an administrator may issue inquiries"),
    "inquiries_due_past": ("答复期限 {due} 早于今天 {today}", "the reply-by date{due} is before today{today}"),
    "inquiries_month_not_imported": ("{year} 年 {month} 月的支付数据尚未导入（已导入至 {imported} 月），不能据此问询",
                                     "the payments of {year}-{month} are not imported yet: no inquiries on them{imported}"),
    "inquiry_none_about": ("{month} 没有关于项目 {code} 的问询", "no inquiry about {code} for {month}"),
    "inquiries_decide_admin_only": ("只有管理员（预算国库科）可以决定销号", "only an administrator may close an inquiry"),
    "field_decision_note": ("决定说明", "the decision's note"),
    "inquiry_closes_itself": ("项目 {code} 的问询在后续月份恢复进度后自动销号，不由国库科决定",
                              "the inquiry about {code} closes when a later month puts it back on pace"),
    "inquiry_decision_choose": ("请选择国库科的决定（{allowed}）", "choose the treasury's decision{allowed}"),
    "inquiry_not_decidable_yet": ("项目 {code} 的问询尚未答复，答复期限（{due}）也未到：请等科室答复",
                                  "the inquiry about {code} is neither answered nor overdue (reply by {due})"),
    "inquiry_already_closed": ("{month}项目 {code} 的问询已由国库科销号", "{month}the inquiry about {code} is already closed by the treasury"),
    "inquiries_review_admin_only": ("只有管理员（预算国库科）可以审核答复", "only an administrator may review answers"),
    "answer_return_reason_missing": ("退回答复请写明理由", "say why the answer is returned"),
    "answers_review_choose": ("请选择要审核的答复", "choose the answers to review"),
    "inquiry_not_reviewable": ("项目 {code} 的问询{state}，只有已答复（未审核）的问询可以审核",
                               "the inquiry about {code} is {state}: only an answered one can be reviewed"),
    "inquiries_not_issued": ("{month} 还没有发出问询", "no inquiries issued for {month}"),
    "answer_cause_choose": ("请选择偏差原因类别（{causes}）", "choose the cause's category{causes}"),
    "answer_cause_text": ("请说明偏差原因", "say what caused the deviation"),
    "answer_action_behind": ("请填写纠偏措施", "give the corrective measures"),
    "answer_action_overspent": ("请填写追加预算申请或超支情况说明", "apply for an additional budget or explain the overspending"),
    "answer_action_year_end": ("请说明未支出资金的处理安排", "say how the unspent money will be handled"),
    "answer_catch_up_choose": ("请选择预计恢复进度的月份", "choose the month to be back on plan by"),
    "answer_catch_up_range": ("预计恢复进度月份应在 {month} 月至 12 月之间", "the month to be back on plan by must be between {month} and 12"),
    "answer_unspent_choose": ("请选择未支出资金的处理方式（{handling}）", "choose how the unspent money is handled (carried over or returned){handling}"),
    "answer_forecast_missing": ("请填写全年预计执行数", "give the year's forecast"),
    # issue 38: messages of __main__ and cli (what the command line prints; a value ("", English) is said in
    # English only, (中文, "") in Chinese only)
    "database_error": ("数据库错误{error}", "database error: {error}"),
    "internal_error": ("内部错误{error}", "internal error: {error}"),
    "year_no_projects": ("该年度没有预算项目", "no projects in that year"),
    "as_of": ("截至 {as_of}", "as of {as_of}"),
    "account_saved": ("已保存账号{user}", "saved account: {user}"),
    "account_removed": ("已删除账号 {login}", "removed account {login}"),
    "accounts_none": ("还没有账号", "no accounts yet"),
    "audit_empty": ("审计日志为空", "the audit log is empty"),
    "sample_removed": ("已删除 {removed} 行示例数据", "removed {removed} sample rows"),
    "backed_up": ("已备份到 {target}", "backed up to {target}"),
    "parquet_exported": ("已导出{counts}", "exported: {counts}"),
    "answer_reviewed": ("{month}项目 {project} 的答复：{verdict}", "{month}the answer about {project}: {verdict}"),
    "inquiries_none": ("{month} 没有问询", "no inquiries for {month}"),
    "inquiries_as_of": ("截至 {month}，今天 {today}", "as of {month}, today {today}"),
    "file_written": ("已生成 {path}", "wrote {path}"),
    "section_not_in_year": ("{year} 年度没有科室「{section}」；该年度的科室：{listed}",
                            'no section "{section}" in {year}; its sections: {listed}'),
    "year_not_as_of": ("--year {year} 与 --as-of {as_of} 不符：结转期为次年 1–{last} 月",
                       "--year {year} does not fit --as-of {as_of}: the carry-over period is January to {last} of the next year"),
    "compare_no_projects": ("{year} 年和 {other} 年都没有预算项目", "no projects in {year} or {other}"),
    "compare_as_of": ("截至 {as_of}，与 {against} 比较", "as of {as_of}, against {against}"),
    "out_is_folder": ("--out {out} 是文件夹，请给出文件名（.xlsx 或 .pdf）", "--out {out} is a folder: give a file name (.xlsx or .pdf)"),
    "out_unwritable": ("无法写入 {out}：{reason}", "cannot write {out}: {reason}"),
    "bulletin_written": ("已生成月度通报 {path}", "wrote the bulletin {path}"),
    "import_reading": ("已读取 {rows} 行，正在校验并写入…", "read {rows} rows, checking and writing…"),
    "import_replaced_plans": ("其中替换了 {n} 个已有项目的计划（原版本已保留，可撤销批次 {batch}）",
                              "replaced the plan of {n} stored projects (kept; undo batch {batch} to bring them back):"),
    "mapping_used": ("使用{how}导入方案「{name}」：{columns}", 'using the saved mapping "{name}" ({how}){columns}'),
    "mapping_removed": ("已删除导入方案「{name}」", 'removed the mapping "{name}"'),
    "mappings_none": ("还没有导入方案", "no saved mappings yet"),
    "imports_none": ("没有导入记录", "no imports yet"),
    "document_read": ("{where}{sections} 个科室，{projects} 个项目", "{where}{sections} sections, {projects} projects"),
    "document_owners_moved": ("以下 {n} 个已导入项目的科室按文本改变（原 → 新）",
                              "the text moves {n} stored project(s) to another section (before → after):"),
    "document_unassigned": ("以下 {n} 个项目的科室未能确定，已放在「{unassigned}」下，可用 --section 项目编码=科室 重新导入指定",
                            "{n} project(s) loaded under {unassigned}; settle them with --section CODE=科室:"),
    # issue 38: messages of db (the database file: opened, damaged, full, backed up; a value (中文, "") is said
    # in Chinese only)
    "database_damaged": ("数据库文件已损坏：请从备份恢复（恢复步骤见 {steps}）：{path}",
                         "the database file is damaged: restore it from a backup (steps in {steps}): {path}"),
    "database_is_folder": ("{path} 是文件夹，不是数据库文件", "{path} is a folder, not a database file"),
    "database_unreadable": ("无法读取数据库 {path}：{reason}", "cannot read database {path}: {reason}"),
    "database_is_sqlite": ("{path} 是 SQLite 数据库，不是本系统的 DuckDB 数据库",
                           "{path} is a SQLite database, not a DuckDB database of this system"),
    "database_is_zip": ("{path} 是 Excel/ZIP 文件，不是数据库；导入请用 import-* 命令",
                        "{path} is an Excel/ZIP file, not a database: use the import-* verbs to import it"),
    "database_is_text": ("{path} 是 CSV/文本文件，不是数据库；导入数据请用 import-* 命令",
                         "{path} is a CSV/text file, not a database: use the import-* verbs to import data"),
    "database_not_duckdb": ("{path} 不是 DuckDB 数据库文件", "{path} is not a DuckDB database file"),
    "database_missing": ("数据库 {path} 不存在，请先运行 python -m spending init",
                         "database {path} does not exist: run `python -m spending init` first"),
    "database_not_initialised": ("数据库 {path} 尚未初始化，请先运行 python -m spending init",
                                 "database {path} is not initialised: run `python -m spending init` first"),
    "database_being_written": ("数据库 {path} 正在被另一个进程{who}写入，查询不等待：请在其完成后再试",
                               "database {path} is being written by another process{who}: reads do not wait, "
                               "try again when it is done"),
    "database_locked": ("数据库 {path} 正被另一个进程{who}占用{after}，请稍后再试或用 --wait 等待更久",
                        "database {path} is locked by another process{who}{after}: try again later or wait longer with --wait"),
    "database_read_only": ("无法写入数据库 {path}（只读）{error}", "database {path} cannot be written (read-only): {error}"),
    "database_cannot_open": ("无法打开数据库 {path}{error}", "cannot open database {path}: {error}"),
    "database_upgrade_read_only": ("数据库 {path} 需要升级到第 {version} 版，但它是只读的",
                                   "database {path} needs an upgrade to schema {version} but is read-only"),
    "disk_full": ("磁盘空间不足，写入未完成，数据库未改变{where}；请腾出磁盘空间后重试",
                  "not enough disk space: the write did not complete and the database is unchanged{where}; "
                  "free some space and try again"),
    "backup_exists": ("备份文件 {target} 已存在", "backup file {target} already exists"),
    "backup_folder_failed": ("无法创建文件夹 {folder}：{reason}", "cannot create the folder {folder}: {reason}"),
    "backup_disk_full": ("磁盘空间不足，备份未完成，未留下任何文件：{target}",
                         "not enough disk space: the backup did not complete and left no file: {target}"),
    "backup_unwritable": ("无法写入备份 {target}：{detail}", "cannot write the backup {target}{detail}"),
    # issue 38: messages of files.problems (where a problem is; an import's report: the first line, the rest)
    "problem_in_column": ("列 {column}：{reason}", "column {column}: {reason}"),
    "problem_on_line": ("第 {line} {unit}：{reason}", "{unit} {line}: {reason}"),
    "problem_on_line_value": ("第 {line} {unit}，值「{value}」：{reason}", '{unit} {line}, value "{value}": {reason}'),
    "problem_on_line_column_value": ("第 {line} {unit}，列 {column}，值「{value}」：{reason}",
                                     '{unit} {line}, column {column}, value "{value}": {reason}'),
    "import_rejected_report": ("导入被拒绝，未写入任何数据：{file} 有 {total} 个问题",
                               "import rejected, nothing written: {file} has {total} problem(s)"),
    "import_rejected_more": ("…… 另有 {more} 个问题", "… and {more} more"),
    # issue 38: messages of files.reading, files.encodings and files.header (a file's bytes, encoding, header)
    "file_unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "file_empty": ("文件为空", "the file is empty"),
    "csv_cell_too_long": ("第 {start} 行起有一个超过 {limit:,} 个字符的单元格（引号不配对？）：{name}",
                          "a cell of more than {limit:,} characters from line {start} (unbalanced quotes?) in {name}"),
    "csv_malformed": ("CSV 格式错误（第 {at} 行）：{error}", "malformed CSV at line {at}: {error}"),
    "file_utf16": ("文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV", "the file is UTF-16: save it as a UTF-8 or GBK CSV"),
    "file_mixed_encodings": ("文件混用了两种编码：第 {this_line} 行是 {this}，而第 {first_line} 行是 {that}；请整个文件另存为同一种编码",
                             "the file mixes two encodings: line {this_line} is {this}, line {first_line} is {that}; "
                             "save the whole file in one encoding"),
    "file_nul_byte": ("第 {at} 行含有 NUL 字符（0x00）：不是文本 CSV，或文件已损坏",
                      "line {at} holds a NUL byte (0x00): not a text CSV, or the file is damaged"),
    "file_bad_byte": ("第 {at} 行的编码与文件前面不同（不是 {encoding}）：文件混用了两种编码，请整个文件另存为同一种编码",
                      "line {at} is not {encoding} like the lines before it: the file mixes two encodings; "
                      "save the whole file in one encoding"),
    "file_unreadable_content": ("无法识别文件内容：不是 UTF-8/GBK 编码的 CSV，也不是 XLSX",
                                "unreadable content: not a UTF-8/GBK CSV nor an XLSX file"),
    "file_no_header": ("没有表头行", "there is no header row"),
    # issue 38: messages of files.limits, files.excel, files.xlsx_guard and files.xls_guard (an Excel file refused;
    # a value ("", English) is said in English only)
    "excel_too_big": ("Excel 文件过大，未读取：{extent}（上限 {max_rows:,} 行、{max_cells:,} 个单元格）；请删去空白区域，或另存为 CSV",
                      "the Excel file is too large and was not read: {extent} (limit {max_rows:,} rows, "
                      "{max_cells:,} cells); delete the empty area or save it as CSV"),
    "excel_first_sheet_extent": ("第一张工作表{how} {rows:,} 行 × {columns:,} 列",
                                 "the first sheet {how} {rows:,} rows × {columns:,} columns"),
    "xlsx_sheet_unreadable": ("不是有效的 Excel (.xlsx) 文件（无法读取其中的工作表）{error}", "not a valid Excel (.xlsx) file: {error}"),
    "xlsx_not_workbook": ("不是有效的 Excel (.xlsx) 文件（无法按 Excel 工作簿读取）{error}", "not a valid Excel (.xlsx) file: {error}"),
    "xlsx_unpacks_too_big": ("Excel 文件解压后过大（{total_mb:,.0f} MB，其中 {entry} {entry_mb:,.0f} MB；上限 {limit_mb} MB）："
                             "请另存为 CSV 或分成几个文件",
                             "the Excel file unpacks to {total_mb:,.0f} MB ({entry} {entry_mb:,.0f} MB; limit {limit_mb} MB): "
                             "save it as CSV or split it"),
    "xlsx_cell_too_long": ("单元格超过 {limit:,} 个字符（至少 {chars:,} 个），未读取：不是国库导出的数据",
                           "a cell of more than {limit:,} characters (at least {chars:,}), not read: not a treasury export"),
    "xls_invalid": ("不是有效的旧版 Excel (.xls) 文件，未读取（{why}）；请另存为 .xlsx 或 CSV 再导入",
                    "not a valid old Excel (.xls) file, not read ({why}); save it as .xlsx or CSV"),
    "xls_as_read": ("{reason}", "{reason}"),
    "xls_too_big": ("Excel 文件过大，未读取：超过 {limit:,} 字节的上限；请另存为 CSV",
                    "the Excel file is too large and was not read: over the limit of {limit:,} bytes; save it as CSV"),
    "xls_sheet_extent": ("第 {number} 张工作表含有 {rows:,} 行 × {columns:,} 列", "sheet {number} holds {rows:,} rows × {columns:,} columns"),
    "xls_not_ole2": ("不是 OLE2 复合文档", "not an OLE2 compound file"),
    "xls_sector_sizes": ("扇区大小无效", "impossible sector sizes"),
    "xls_sector_beyond": ("扇区 {i} 超出文件", "sector {i} lies beyond the file"),
    "xls_chain_broken": ("扇区链断开或循环", "a sector chain is broken or loops"),
    "xls_allocation_size": ("分配表大小无效", "the allocation table's size is impossible"),
    "xls_no_root": ("没有根目录", "no root entry"),
    "xls_no_workbook": ("没有工作簿数据流（可能是 Word 等其他 OLE2 文件）", "no Workbook stream (another OLE2 file?)"),
    "xls_stream_too_large": ("数据流比文件还大", "a stream larger than the file"),
    "xls_stream_cut": ("数据流被截断", "a stream is cut short"),
    "xls_sheets_overlap": ("工作表互相重叠", "its sheets overlap"),
    # issue 38: messages of document_load (a text read and imported; a value (中文, "") is said in Chinese only)
    "document_unreadable": ("无法读取文件 {path}：{reason}", "cannot read {path}: {reason}"),
    "document_refused": ("{file}：{reason}", "{file}: {reason}"),
    "document_not_text": ("{file} 既不是 UTF-8 也不是 GBK 编码的文本", "{file} is neither UTF-8 nor GBK text"),
    "document_nothing_new": ("{file}：文本中的 {skipped} 个项目、科室和指标均已存在，未作改动",
                             "{file}the text's {skipped} projects, sections and indicators are already stored; nothing changed"),
    "document_loaded": ("{file}（{year} 年）：导入项目 {loaded} 个、跳过已存在的 {skipped} 个，科室 {sections} 个，绩效指标 {indicators} 条",
                        "{file}{year}: imported {loaded} projects (skipped {skipped} already stored), {sections} sections, "
                        "{indicators} indicators"),
    "document_section_no_code": ("--section {code}={section}：文本中没有项目编码 {code}",
                                 "--section {code}={section}: the text has no project {code}"),
    "document_section_no_section": ("--section {code}={section}：文本中没有科室「{section}」（可选：{sections}）",
                                    "--section {code}={section}: the text has no section {section}{sections}"),
    "document_code_no_name": ("--code {name}={code}：文本中没有名为「{name}」的项目（无编码的项目：{uncoded}）",
                              "--code {name}={code}: the text has no project named {name}{uncoded}"),
    "document_code_names_many": ("--code {name}={code}：文本中有多个名为「{name}」的项目（无编码的项目：{uncoded}）",
                                 "--code {name}={code}: the text has more than one project named {name}{uncoded}"),
    "document_code_invalid": ("--code {name}={code}：编码只能由字母、数字和 - _ . 组成",
                              "--code {name}={code}: a code is letters, digits and - _ ."),
    "document_code_taken": ("项目「{name}」已以由名称生成的编码 {made} 导入；编码 {code} 已属于已导入的项目「{other}」，"
                            "不能再给它（同一编码只能属于一个项目）",
                            "project {name} is stored under the code made from its name, {made}; {code} is already the "
                            "code of the stored project {other} (one code, one project)"),
    "document_no_project_table": ("文本中没有预算项目绩效表（查找的是以「项目编码」开头的行，其后有「资金支出计划」行和 N月底 的月份，"
                                  "如「3月底」「12月底」），也没有财政项目支出绩效目标申报表（以其标题或「项目名称」行开头）",
                                  "the text has no project table (looked for a row beginning 项目编码, followed by a "
                                  "资金支出计划 row of N月底 months such as 3月底, 12月底), nor a 财政项目支出绩效目标申报表 "
                                  "(its title, or a row beginning 项目名称)"),
    "document_year_differs": ("文本的年度是 {text_year}，与 --year {year} 不一致", "the text is for {text_year}, not --year {year}"),
    "document_no_year": ("文本中没有年度（如标题「2023年部门预算信息公开」或「预算年度：2026」），请在标题中写明年度，或在命令行用 --year 指定",
                         "the text names no year (a title such as 2023年部门预算信息公开, or 预算年度：2026): give --year"),
    "document_whole_text": ("{problem}", "{problem}"),
    # issue 38: messages of document (a line of the text that could not be read: a Problem)
    "document_problem_at": ("{place}：{problem}", "{place}: {problem}"),
    "document_amount_unclear": ("资金安排情况中有多个金额，无法确定项目金额",
                                "several amounts in the 资金安排情况 sentence: the project's amount is unclear"),
    "document_no_amount": ("项目 {code} 前没有找到「资金安排情况」中的金额（万元）",
                           "no amount (万元) in a 资金安排情况 sentence before project {code}"),
    "document_activity_row_unread": ("职责活动表中的行无法识别", "a row of the 部门职责-工作活动 table that could not be read"),
    "document_section_amount_not_number": ("科室金额「{amount}」不是数字", "the section's amount '{amount}' is not a number"),
    "document_section_amount_out_of_range": ("科室金额「{amount}」应为 0 至 {most:,} 万元、最多 6 位小数",
                                             "the section's amount '{amount}' is not 0 to {most:,} 万元 with at most 6 decimals"),
    "document_schedule_month_unread": ("资金支出计划的月份「{month}」无法识别", "the schedule's month '{month}' is not N月底"),
    "document_schedule_no_month": ("资金支出计划没有月份", "the schedule names no month"),
    "document_schedule_row_unread": ("项目 {code} 的资金支出计划进度行无法识别",
                                     "project {code}: the schedule's row of percentages could not be read"),
    "document_schedule_counts_differ": ("项目 {code} 的资金支出计划有 {months} 个月份、{percentages} 个进度",
                                        "project {code}: the schedule names {months} months but has {percentages} percentages"),
    "document_schedule_out_of_range": ("{month}月底的进度 {value} 不在 0–100 之间", "{month}月底: {value} is not within 0–100"),
    "document_schedule_goes_down": ("{month}月底的进度 {value} 低于前一个月份", "{month}月底: {value} is below an earlier month"),
    "document_schedule_no_row": ("项目 {code} 的资金支出计划缺少进度行", "project {code}: the 资金支出计划 has no row of percentages"),
    "document_no_schedule": ("项目 {code} 没有资金支出计划", "project {code} has no 资金支出计划 (schedule)"),
    "document_goal_row_unread": ("项目 {code} 的绩效目标行无法识别", "project {code}: a 绩效目标 row could not be read"),
    "document_indicator_row_too_wide": ("项目 {code} 的指标行多于 8 列", "project {code}: an indicator row has more than 8 cells"),
    "document_first_indicator_no_level_1": ("项目 {code} 的第一个指标没有一级指标",
                                            "project {code}: the first indicator has no 一级指标"),
    "document_indicator_row_unread": ("项目 {code} 的指标行无法识别（缺三级指标）",
                                      "project {code}: an indicator row could not be read (no 三级指标)"),
    "document_code_row_incomplete": ("项目编码行缺少编码或名称", "the 项目编码 row lacks the code or the name"),
    "document_project_row_unread": ("项目 {code} 的表格中有无法识别的行", "a row of project {code}'s table that could not be read"),
    "document_rows_unplaced": ("{count} 个表格行不属于任何可识别的表格，未读取：{rows}{more}",
                               "{count} table row(s) outside any known table, not read: {rows}{more}"),
    "document_unplaced_more": ("等（共 {count} 行）", " … ({count} in all)"),
    "document_code_repeats": ("项目编码 {code} 与第 {first} 行重复", "project code {code} repeats line {first}"),
    "document_too_many_goals": ("项目 {code} 有 {goals} 个绩效目标，计划文件只能保存两个", "project {code} has {goals} goals; a plan holds two"),
    "document_section_repeats": ("科室「{section}」与第 {first} 行重复", "section {section} repeats line {first}"),
    "document_indicator_repeats": ("项目 {code} 的绩效指标「{name}」在第 {shown} 行重复（与第 {first} 行相同，共重复 {repeats} 行）",
                                   "project {code}: the indicator '{name}' on line(s) {shown} repeats line {first} "
                                   "({repeats} repeated row(s))"),
    "declaration_no_name": ("绩效目标申报表缺少项目名称", "a 绩效目标申报表 has no 项目名称"),
    "declaration_no_annual": ("项目「{name}」没有年度资金申请总额（或「{year}年度预算安排 X 万元」）",
                              "project {name}: no 年度资金申请总额 (nor a sentence '{year}年度预算安排 X 万元')"),
    # {most}: the limit in Chinese, nothing in English (the English named none before the keys)
    "declaration_amount_out_of_range": ("项目「{name}」的{label}「{amount}」不是 0 至 {most} 万元的金额",
                                        "project {name}: {label} '{amount}' is no amount{most}"),
    "declaration_indicator_incomplete": ("项目「{name}」的指标行缺少一级或三级指标",
                                         "project {name}: an indicator row lacks its 一级 or 三级指标"),
    # issue 38: messages of document (a text beyond a limit, refused before or while reading it)
    "document_file_too_large": ("文件超过 {most} MB（{size:,.1f} MB），不予读取", "the file is over {most} MB ({size:,.1f} MB); not read"),
    "document_too_many_lines": ("文本超过 {most:,} 行（{lines:,} 行），不予读取",
                                "the text has more than {most:,} lines ({lines:,}); not read"),
    "document_line_too_long": ("{place}超过 {most:,} 个字符（{chars:,} 个），不予读取",
                               "{place} is longer than {most:,} characters ({chars:,}); not read"),
    "document_cell_too_long": ("第 {line} 行：续行拼接后的单元格超过 {most:,} 个字符，不予读取",
                               "line {line}: a cell wrapped over lines is longer than {most:,} characters; not read"),
    "document_too_many_sections": ("第 {line} 行：文本超过 {most:,} 个科室，不予读取",
                                   "line {line}: the text has more than {most:,} sections; not read"),
    "document_too_many_projects": ("第 {line} 行：文本超过 {most:,} 个项目，不予读取",
                                   "line {line}: the text has more than {most:,} projects; not read"),
    "document_project_too_many_indicators": ("第 {line} 行：项目 {code} 超过 {most:,} 个绩效指标，不予读取",
                                             "line {line}: project {code} has more than {most:,} indicators; not read"),
    "declaration_project_too_many_indicators": ("第 {line} 行：项目「{name}」超过 {most:,} 个绩效指标，不予读取",
                                                "line {line}: project {name} has more than {most:,} indicators; not read"),
    "declaration_too_many_indicators": ("第 {line} 行：项目超过 {most:,} 个绩效指标，不予读取",
                                        "line {line}: a project has more than {most:,} indicators; not read"),
    # issue 38: messages of document_layout (a text's or a Word file's layout refused, a line's place)
    "layout_line": ("第 {line} 行", "line {line}"),
    "docx_paragraph": ("第 {paragraph} 段", "paragraph {paragraph}"),
    "docx_table_row": ("表 {table} 第 {row} 行", "table {table} row {row}"),
    "layout_row_too_wide": ("{place}的表格行超过 {most} 列，不予读取", "{place}: a table row has more than {most} cells; not read"),
    "layout_cell_too_wide": ("第 {line} 行的表格单元格跨 {span} 列，超过 {most} 列，不予读取",
                             "line {line}: a table cell spans {span} columns, more than {most}; not read"),
    "docx_cell_too_wide": ("表 {table} 第 {row} 行的单元格跨 {span} 列，超过 {most} 列，不予读取",
                           "table {table} row {row}: a cell spans {span} columns, more than {most}; not read"),
    "docx_too_large": ("Word 文件超过 {most} MB（{size:,.1f} MB），不予读取",
                       "the Word file is over {most} MB ({size:,.1f} MB); not read"),
    "docx_not_docx": ("不是有效的 Word 文件（.docx），无法读取；请在 Word 中另存为 .docx 或导出为文本（.txt）",
                      "not a valid Word file (.docx); save it again as .docx in Word, or as text (.txt)"),
    "docx_unpacks_too_large": ("Word 文件解压后过大（正文 {body:,.1f} MB，共 {total:,.1f} MB，{parts:,} 个部件；上限为正文 "
                               "{body_most} MB、共 {all_most} MB），不予读取",
                               "the Word file is too large unpacked (body {body:,.1f} MB, {total:,.1f} MB in all, "
                               "{parts:,} parts; the limits: {body_most} MB and {all_most} MB); not read"),
    "docx_part_unpacks_too_large": ("Word 文件解压后过大（{part} 解压后超过 {seen:,.1f} MB，与其声明的大小不符；上限为正文 "
                                    "{body_most} MB、共 {all_most} MB），不予读取",
                                    "the Word file is too large unpacked ({part} unpacks to more than {seen:,.1f} MB, "
                                    "not what it declares; the limits: {body_most} MB for the body and {all_most} MB "
                                    "in all); not read"),
    "docx_too_many_elements": ("Word 文件的内容过多（正文 {paragraphs:,} 个段落、{rows:,} 个表格行，共 {elements:,} 个 XML 元素；"
                               "上限为 {paragraphs_most:,} 个段落、{rows_most:,} 个表格行、{elements_most:,} 个元素），不予读取",
                               "the Word file holds too much ({paragraphs:,} paragraphs and {rows:,} table rows in its "
                               "body, {elements:,} XML elements in all; the limits: {paragraphs_most:,} paragraphs, "
                               "{rows_most:,} rows, {elements_most:,} elements); not read"),
    # issue 38: messages of ingest.notes (what was read, for the command line)
    "notes_mark_alias": ("，别名", "alias"),
    "notes_mark_chosen": ("，导入方案", "mapping"),
    "notes_columns": ("表头对应{mapped}", "columns: {mapped}"),
    "notes_unused": ("未使用的列（导入时不读取）：{columns}", "columns not used (nothing reads them): {columns}"),
    "notes_spending_plan": ("用款计划（按金额），单位：{unit}，已精确换算为元；各项目的检查点为累计计划金额",
                            "a spending plan in amounts, in {unit}, kept exactly in 元: each project's checkpoints hold "
                            "its cumulative amounts"),
    "notes_in_wan": ("金额单位为万元（表头或标题行所示），已精确换算为元",
                     "the amounts are in 万元 (as the header or a title row says), converted exactly to 元"),
    "notes_titles": ("已略去表头（第 {line} 行）上方的标题行：{titles}",
                     "left out the title rows above the header (line {line}): {titles}"),
    "notes_totals": ("已略去 {count} 个合计/小计/总计行：{lines}", "left out {count} total line(s): {lines}"),
    "notes_by_name": ("按名称匹配 {count} 行（文件没有项目编码，按年度计划中唯一的项目名称）",
                      "{count} row(s) matched by the project's name (unique in the year's plan):"),
    "notes_by_name_row": ("  第 {line} 行{matched}", "line {line}{matched}"),
    "notes_subtotals": ("按项目小计（元，与国库系统报表核对），文件合计 {total} 元",
                        "per project (元, to check against the treasury system's report), file total {total} 元:"),
    "notes_subtotal_row": ("{project}{rows} 行，{amount} 元", "{project}{rows} row(s){amount}"),
    "notes_negative": ("注意：以下项目导入后累计支出为负（有冲销/退款而无对应的原支付？）",
                       "warning: these projects' cumulative spending turns negative (a reversal without its payment?):"),
    "notes_negative_row": ("{project}{month} 月底累计 {amount} 元", "{project}cumulative at the end of month {month}{amount}"),
    # issue 38: messages of ingest.loading (an import's summary)
    "import_nothing_new": ("{file}：{rows} 行均已存在，未作改动", "{file}: all {rows} rows already stored, nothing changed"),
    "import_loaded": ("{file}：导入 {loaded} 行，跳过已存在的 {skipped} 行，合计 {wan} 万元（{yuan:,.2f} 元）（批次 {batch}）",
                      "{file}: imported {loaded} rows, skipped {skipped} already stored, total {wan} 万元 ({yuan:,.2f} 元) "
                      "(batch {batch})"),
    # issue 38: messages of ingest.undoing (taking a batch back)
    "undo_done": ("已撤销批次 {batch}：删除 {removed} 行{restored}{kept}", "undid batch {batch}: removed {removed} rows{restored}{kept}"),
    "undo_restored": ("，恢复 {projects} 个项目的上一版计划", ", restored the previous plan of {projects} projects"),
    "undo_kept": ("，保留 {rows} 行（之后的批次也导入了这些行，现归该批次）",
                  ", kept {rows} rows that a later batch also brought (they now belong to it)"),
    "undo_no_batch": ("批次 {batch} 不存在或已撤销", "batch {batch} does not exist or was already undone"),
    "undo_not_undoable": ("批次 {batch} 是{kind}，只能撤销计划、支付或调整批次",
                          "batch {batch} is {kind}: only plan, payment and adjustment batches can be undone"),
    "undo_budget_below_zero": ("撤销后 {code} 的调整后预算在 {day} 将低于 0，未撤销",
                               "undoing would take {code}'s adjusted budget below 0 on {day}: nothing undone"),
    "undo_plan_changed_later": ("无法撤销批次 {batch}：之后的计划批次又修改了这些项目：{codes}；请先撤销那些批次",
                                "cannot undo batch {batch}: a later plan batch changed these projects again: {codes}; "
                                "undo those batches first"),
    "undo_plan_in_use": ("无法撤销批次 {batch}：它新增的项目已有支付、调整、绩效指标或监控表：{codes}",
                         "cannot undo batch {batch}: projects it added already hold payments, adjustments, indicators "
                         "or returns: {codes}"),
    # issue 38: messages of ingest.columns (a file's columns: found, missing, chosen, their unit)
    "column_twice": ("该列出现了两次", "the column appears twice"),
    "column_ambiguous": ("表头「{headers}」都可能是「{label}」：请在导入方案中选择其中一列",
                         "the headers \"{headers}\" could each be {label}: choose one in an import mapping (导入方案)"),
    "column_missing": ("缺少必需的列「{label}」", "required column missing ({label})"),
    "plan_no_checkpoint": ("缺少计划进度列（1月底 … 12月底）", "no checkpoint column (m01 … m12)"),
    "headers_of_other_kind": ("这个文件的表头像是「{other}」文件，而不是「{kind}」：请选择正确的文件类型（命令行：{verb}）",
                              "the headers look like a {other} file, not {kind}: choose that kind of file (command line: {verb})"),
    "mapped_column_not_of_kind": ("导入方案中的列 {name} 不属于「{kind}」文件",
                                  "the mapping names a column {name} that a {kind} file does not have"),
    "mapped_header_absent": ("导入方案把「{name}」对应到表头「{header}」，但文件中没有这一列",
                             "the mapping takes {name} from the header \"{header}\", which the file does not have"),
    "amount_unit_conflict": ("金额列「{header}」写明单位为{unit}，与指定的单位（{chosen}）不符",
                             "the amount column \"{header}\" says {unit}, not the unit given ({chosen})"),
    "spending_plan_no_project": ("缺少项目列（项目编码或项目名称）", "no project column (项目编码 or 项目名称)"),
    "spending_plan_no_amount": ("缺少计划金额列（1月 … 12月、第一季度 … 第四季度，或 金额）",
                                "no amount column (1月 … 12月, 第一季度 … 第四季度, or 金额)"),
    "spending_plan_long_no_month": ("长表的计划金额需要「月份」或「季度」列", "a long plan's 金额 needs a 月份 or 季度 column"),
    "spending_plan_no_year": ("缺少年度列（或用 --year 指定）", "no fiscal year column (or give --year)"),
    "spending_plan_two_units": ("计划金额列的单位不一致（元和万元）", "the amount columns name two units (元 and 万元)"),
    # issue 38: messages of export (PDF by Chromium)
    "pdf_needs_chromium": ("生成 PDF 需要 Chromium（apt-get install chromium fonts-noto-cjk）",
                           "the PDF needs Chromium: apt-get install chromium fonts-noto-cjk"),
    "pdf_not_made": ("Chromium 未能生成 PDF{why}", "Chromium made no PDF{why}"),
    # issue 38: messages of clock
    "day_invalid": ("{what}「{text}」不是日期 YYYY-MM-DD", "{what} \"{text}\" is not a day YYYY-MM-DD"),
    "day_out_of_range": ("{what}「{text}」超出可用范围 {first}～{last}", "{what} \"{text}\" is outside {first} – {last}"),
    # issue 38: messages of seed (init)
    "init_already": ("数据库 {path} 已初始化，未作改动", "database {path} is already initialised; nothing changed"),
    "init_created": ("已创建数据库 {path}：{projects} 个项目，年初预算 {wan:.2f} 万元{sample}",
                     "created {path}: {projects} projects, {wan:.2f} 万元 initial budget{sample}"),
    "init_sample": ("，含示例支付数据及示例上一年度（2020，仅供演示）",
                    ", with SAMPLE payments and a SAMPLE previous year 2020 (demo only)"),
    "sample_plan_in_use": ("示例计划批次 {batch} 的项目已有真实支付或调整，未删除",
                           "sample plan batch {batch} has real payments or adjustments: not removed"),
    "plan_files_missing": ("缺少计划文件：{files}", "missing plan files: {files}"),
    # issue 38: messages of rules
    "text_too_long": ("{field}不能超过 {limit:,} 个字（现为 {length:,} 个字）",
                      "{field} may hold at most {limit:,} characters (it has {length:,})"),
    # issue 38: messages of monitoring (双监控 writes)
    "monitoring_no_project": ("{year} 年度没有项目 {code}", "no project {code} in {year}"),
    "monitoring_not_yours": ("您的账号无权填报该项目", "your account may not enter values for this project"),
    "field_indicator_actual": ("第 {seq} 项指标的实际完成值", "the actual value of indicator #{seq}"),
    "forecast_not_amount": ("全年预计执行数「{wan}」不是有效的金额", "the forecast \"{wan}\" is not an amount"),
    "forecast_out_of_range": ("全年预计执行数 {wan} 万元超出范围（0 至 1,000,000,000,000 万元）",
                              "the forecast {wan} (10k CNY) is out of range"),
    # issue 38: messages of mail (the outbox's settings and who may send)
    "mail_settings_wrong": ("邮件设置有误：{why}", "the mail settings are wrong: {why}"),
    "mail_settings_missing": ("没有邮件设置：请设置环境变量 {variable} 或 secrets.toml 的 [smtp]",
                              "no mail settings: set {variable} or [smtp] in secrets.toml"),
    "mail_letters_admin_only": ("只有管理员（预算国库科）可以发送问询函", "only an administrator may send the letters"),
    "mail_reminders_admin_only": ("只有管理员（预算国库科）可以发送提醒", "only an administrator may send reminders"),
    # issue 38: messages of auth (accounts)
    "account_login_invalid": ("账号「{login}」无效：应为登录邮箱（或 sub），不含空格",
                              "invalid account \"{login}\": a login e-mail (or sub) without spaces"),
    "account_login_compatibility": ("账号「{login}」含兼容字符（规范化后为「{normal}」），不能作为账号",
                                    "account \"{login}\" holds compatibility characters (NFKC: \"{normal}\")"),
    "account_role_unknown": ("角色应为 admin / leader / section{role}", "role must be admin, leader or section{role}"),
    "account_sections_missing": ("科室账号至少需要一个科室（--section）", "a section account needs at least one --section"),
    "account_sections_not_for_role": ("只有科室账号有科室", "only section accounts have sections"),
    "account_sections_unknown": ("未知科室：{unknown}{known}", "unknown section(s): {unknown}{known}"),
    "account_unknown": ("没有账号 {login}", "no account {login}"),
    # issue 38: messages of mappings (saved 导入方案)
    "mapping_name_blank": ("请为导入方案起一个名称", "give the mapping a name"),
    "mapping_name_long": ("导入方案名称最多 {limit} 个字符", "a mapping name has at most {limit} characters"),
    "mapping_unknown_kind": ("未知的文件类型 {kind}", "unknown file kind {kind}"),
    "mapping_no_column": ("导入方案至少要对应一列", "a mapping must map at least one column"),
    "mapping_column_not_of_kind": ("「{kind}」文件没有列 {column}", "a {kind} file has no column {column}"),
    "mapping_header_absent": ("文件中没有表头「{header}」", "the file has no header \"{header}\""),
    "mapping_header_twice": ("表头「{header}」被同时选为「{first}」和「{second}」",
                             "the header \"{header}\" is chosen for both {first} and {second}"),
    "mapping_of_other_kind": ("导入方案「{name}」用于「{its_kind}」文件，不能用于「{kind}」",
                              "the mapping {name} is for {its_kind} files, not {kind}"),
    "mapping_unknown": ("没有名为「{name}」的导入方案；已保存的导入方案：{known}（mappings list）",
                        "no saved mapping named \"{name}\"; saved: {known} (mappings list)"),
    "mapping_admin_only": ("只有预算国库科（管理员）可以保存或删除导入方案", "only an administrator may save or remove mappings"),
    "mapping_name_taken": ("已有名为「{name}」的导入方案，请换一个名称", "a mapping named \"{name}\" exists already"),
    "mapping_headers_taken": ("这种表头已有导入方案「{name}」；如需改动，请先删除它",
                              "the mapping \"{name}\" is already saved for these headers: remove it first"),
    "mapping_not_saved": ("无法保存导入方案{why}", "cannot save the mapping{why}"),
    "no_projects": ("{year} 年度没有预算项目", "no projects in {year}"),
}


class Message:
    """A catalogue key and its values: the words come from MESSAGES in the language asked for."""

    def __init__(self, key: str, /, **values):
        if key not in MESSAGES:
            raise KeyError(f"no message {key!r} in i18n.MESSAGES")
        self.key = key
        self.values = values

    def text(self, lang: str = "zh") -> str:
        return _pick(MESSAGES[self.key], lang).format(**{name: in_language(value, lang)
                                                       for name, value in self.values.items()})

    def __str__(self) -> str:
        if "\n" not in "".join(MESSAGES[self.key]):     # one line written: a value's line breaks stay inside its half
            return f"{self.text('zh')} | {self.text('en')}"
        return bilingual(self.text("zh"), self.text("en"))


    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.values!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Message) and (self.key, self.values) == (other.key, other.values)


class Lines:
    """Messages one a line (a summary and its note): text(lang) and str() as each message's, joined."""

    def __init__(self, *messages: Message):
        self.messages = messages

    def text(self, lang: str = "zh") -> str:
        return "\n".join(m.text(lang) for m in self.messages)

    def __str__(self) -> str:
        return "\n".join(str(m) for m in self.messages)


def in_language(value, lang: str):
    """A message's value in the language: a (中文, English) pair or anything with text(lang) picked, the rest as it is."""
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return _pick(value, lang)
    if hasattr(value, "text") and callable(value.text):
        return value.text(lang)
    return value


def bilingual(zh: str, en: str) -> str:
    """Both languages for the command line and the logs, line by line "中文 | English" (a line the same in
    both, or empty, once)."""
    zh_lines, en_lines = zh.split("\n"), en.split("\n")
    if len(zh_lines) != len(en_lines):
        return f"{zh} | {en}"
    return "\n".join(z if z == e else f"{z} | {e}" for z, e in zip(zh_lines, en_lines))


def column(name: str, lang: str = "zh") -> str:
    return _pick(COLUMNS[name], lang) if name in COLUMNS else name


def detail_label(key: str, lang: str = "zh") -> str:
    """A key of an audit entry's detail: its own label, else the column's of the same name."""
    return _pick(AUDIT_DETAIL[key], lang) if key in AUDIT_DETAIL else column(key, lang)


def status(code: str, lang: str = "zh") -> str:
    return _pick(STATUS[code], lang)


def indicator_status(code: str | None, lang: str = "zh") -> str:
    """met / at_risk / not_met in words; anything else (None, NaN) is not judged yet."""
    return _pick(INDICATOR_STATUS[code if code in INDICATOR_STATUS else None], lang)


def grade(mark, lang: str = "zh") -> str:
    """A grade mark of rules.execution_grade (优 良 中 差 超支) in the language; no grade is "—"."""
    return t(f"grade_{mark}", lang) if isinstance(mark, str) and f"grade_{mark}" in TEXT else "—"


def kind(code: str, lang: str = "zh") -> str:
    """The name of a kind of file or batch; an unknown one as it is stored."""
    return _pick(KINDS[code], lang) if code in KINDS else code


def owner_rule(rule: str | None, lang: str = "zh") -> str:
    """The rule that settled a project's 科室 (spending.document.RULE_*), in words."""
    return _pick(OWNER_RULES[rule], lang)


def month_label(year: int, month: int, lang: str = "zh") -> str:
    return t("month_label", lang, year=year, month=month, month_en=MONTHS_EN[month - 1])


def month_name(month: int, lang: str = "zh") -> str:
    return MONTHS_EN[month - 1] if lang == "en" else f"{month}月"


def day_label(day, lang: str = "zh") -> str:
    """A date as formal documents write it: 2021年11月25日 (25 Nov 2021)."""
    if lang == "en":
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


# ---- notices, audit, accounts (issue 22: the tables that lived in notices, audit and auth)

# auth.ROLES in words.
ROLES = {"admin": ("管理员（预算国库科）", "Administrator (treasury)"),
         "leader": ("领导", "Leadership"),
         "section": ("科室", "Section")}

# What each audit action means, for people (the 审计 view and the CLI's table).
ACTIONS = {
    "init": ("创建数据库", "database created"),
    "import": ("导入", "import"),
    "undo": ("撤销导入", "undo"),
    "plan_replaced": ("替换计划", "plan replaced"),
    "recode": ("更正项目编码", "project code set"),         # issue 35 (task D): a made code replaced by the real one
    "sample_removed": ("删除示例数据", "sample removed"),
    "indicator_values": ("填报指标实际值", "indicator values"),
    "monitoring_return": ("填报监控表", "monitoring return"),
    "account_added": ("新增账号", "account added"),
    "account_changed": ("修改账号", "account changed"),
    "account_removed": ("删除账号", "account removed"),
    "logout": ("退出登录", "logged out"),                     # issue 32 (task C)
    "bulletin_downloaded": ("下载通报", "bulletin downloaded"),
    "bulletin_issued": ("下载通报", "bulletin downloaded"),   # the same, as entries made before 2026-12 call it
    "backup": ("备份数据库", "backup"),
    # issue 32 (task A): a backup downloaded from the 数据 page (a reading, audited as the bulletin's is)
    "backup_downloaded": ("下载数据库备份", "backup downloaded"),
    "inquiries_issued": ("发出问询", "inquiries issued"),      # issue 13
    "mapping_saved": ("保存导入方案", "mapping saved"),        # issue 20
    "mapping_removed": ("删除导入方案", "mapping removed"),
}

# 预警与问询 (issue 13): warning levels, inquiry states, and the columns whose label there differs from
# COLUMNS (or that COLUMNS has not).
LEVELS = {"yellow": ("黄色", "Yellow"), "red": ("红色", "Red"), "purple": ("紫色", "Purple")}
INQUIRY_STATES = {"open": ("待答复", "Open"), "overdue": ("逾期", "Overdue"), "answered": ("已答复", "Answered"),
                  "closed": ("已销号", "Closed")}
INQUIRY_COLUMNS = {
    "level": ("预警等级", "Warning level"),
    "state": ("问询状态", "Inquiry state"),
    "issued_at": ("发出时间", "Issued at"),
    "issued_by": ("发出人", "Issued by"),
    "due": ("答复期限", "Reply by"),
    "answered_at": ("答复时间", "Answered at"),
    "answered_by": ("答复人", "Answered by"),
    "deviation_cause": ("偏差原因类别", "Cause (category)"),
    "cause_text": ("偏差原因", "Cause"),
    "corrective_action": ("纠偏措施", "Corrective measures"),
    "catch_up_month": ("预计恢复进度月份", "Back on plan by"),
    "forecast_wan": ("全年预计执行数(万元)", "Year's forecast (10k CNY)"),
    "issued": ("已发问询", "Issued"),
    "answered": ("已答复", "Answered"),
    "overdue": ("逾期", "Overdue"),
    "closed": ("已恢复进度（销号）", "Back on pace (closed)"),
    "open": ("待答复", "Open"),
    "months": ("连续问询月份", "Months inquired"),
    "latest_status": ("最新状态", "Latest status"),
    "unspent_handling": ("结转/结余", "Carried over or returned"),
    "forecast_method": ("测算方法", "Forecast method"),
    "decision": ("国库科决定", "Treasury's decision"),
    "decision_note": ("决定说明", "Decision note"),
    "decided_by": ("决定人", "Decided by"),
    "decided_at": ("决定时间", "Decided at"),
}

# 国库科's decisions that close an inquiry (销号) without a later month, per what it asked (notice_rules.ask()):
# stored as written, in Chinese.
DECISIONS = {"overspent": ("同意追加预算", "说明合理，予以销号"),
             "year_end": ("同意结转", "收回结余资金", "部分结转、部分收回", "说明合理，予以销号")}

# ---- issue 36 (task H): the treasury's review of an answer, the inquiry by mail, one date
COLUMNS.update({"entered_by_name": ("填报人", "Entered by"),       # the account's name (the login without one)
                "cause_text": ("偏差原因说明", "Cause in words")})
INQUIRY_STATES.update({"returned": ("退回", "Returned"), "accepted": ("已审核", "Accepted")})
INQUIRY_COLUMNS.update({
    "accepted": ("已审核", "Accepted"),
    "returned": ("退回", "Returned"),
    "verdict": ("审核结果", "Review"),
    "review_reason": ("退回理由", "Why returned"),
    "reviewed_by": ("审核人", "Reviewed by"),
    "reviewed_at": ("审核时间", "Reviewed at"),
    "answer_version": ("答复版本", "Answer version"),
    "kind": ("类型", "Kind"),
    "recipients": ("收件人", "To"),
    "subject": ("主题", "Subject"),
    "attachments": ("附件", "Attachments"),
    "queued_at": ("排队时间", "Queued at"),
    "last_tried_at": ("最近尝试", "Last tried"),
    "attempts": ("尝试次数", "Attempts"),
    "sent_at": ("发送时间", "Sent at"),
    "error": ("失败原因", "Why it failed"),
})
ACTIONS.update({"inquiry_reviewed": ("审核答复", "answer reviewed"), "mail_sent": ("发送邮件", "mail sent")})
TEXT.update({
    "field_return_reason": ("退回理由", "the reason for returning"),
    "notices_totals_review": ("；已审核 {accepted} 条，退回 {returned} 条", "; accepted {accepted}, returned {returned}"),
    "notices_returned_reason": ("预算国库科已退回此前的答复，请重新答复。退回理由：{reason}（{by}，{at}）",
                                "The treasury returned your answer; please answer again. Why: {reason} ({by}, {at})"),
    "notices_review": ("审核答复", "Review the answers"),
    "notices_review_note": ("接受答复即审核通过（已审核）；退回须写明理由，科室将重新答复（新的监控表版本），每一版答复和退回理由均保留。",
                            "Accepting an answer marks it 已审核; returning it needs a reason, and the section answers "
                            "again (a new 监控表 version). Every version and reason is kept."),
    "notices_nothing_to_review": ("没有待审核的答复", "No answers waiting for review"),
    "notices_review_pick": ("选择要接受的答复（可多选）", "Answers to accept (several at once)"),
    "notices_review_placeholder": ("选择一项或多项答复", "Choose one or more answers"),
    "notices_accept": ("接受所选答复", "Accept the chosen answers"),
    "notices_return_which": ("退回哪一项答复", "Answer to return"),
    "notices_return_reason": ("退回理由", "Why it is returned"),
    "notices_return": ("退回", "Return"),
    "notices_accepted": ("已审核 {n} 项答复", "{n} answer(s) accepted"),
    "notices_returned": ("已退回「{name}」的答复", "Returned the answer about {name}"),
    # the mail (spending/mail.py)
    "mail_subject": ("【问询函】{section}：{month}支出进度问询，请于{due}前答复", "Inquiry letter to {section}: spending "
                     "pace at the end of {month}, answer by {due}"),
    "mail_reply_by": ("答复期限：{due}。请在支出进度监控系统「预警与问询」页逐项答复（答复即本月监控表）：{address}\n问询函 PDF 和 Excel 附后。",
                      "Reply by {due}, in the dashboard's 预警与问询 page (the answer is the month's 监控表): {address}\n"
                      "The letter is attached as PDF and Excel."),
    "mail_remind_subject": ("【提醒】{section}：{n} 项问询待答复（{day}）", "Reminder to {section}: {n} inquiry(ies) "
                            "waiting for an answer ({day})"),
    "mail_remind_opening": ("以下 {n} 项问询即将到期或已逾期，请尽快答复：", "These {n} inquiry(ies) are due soon or overdue:"),
    "mail_remind_item": ("· {month} {name}（{code}）：答复期限 {due}，{state}", "· {month} {name} ({code}): reply by {due}, "
                         "{state}"),
    "mail_remind_where": ("答复地址：{address}", "Answer at: {address}"),
    "mail_summary": ("已发送 {sent} 封，此前已发 {already} 封未重发，失败 {failed} 封", "sent {sent}, {already} sent before "
                     "(not again), {failed} failed"),
    "mail_sent_to": ("已发送 {section} → {to}", "sent {section} → {to}"),
    "mail_failed": ("未发送 {section}：{why}", "not sent {section}: {why}"),
    "mail_unreachable": ("无法送达 {section}：该科室没有科室账号（user add --role section）", "unreachable {section}: the "
                         "section has no account (user add --role section)"),
    "mail_refused": ("收件人被拒绝：{who}", "recipient refused: {who}"),
    "mail_failed_count": ("{n} 封邮件未发出（原因见上），再次发送只发这些 | {n} message(s) not sent (why: above); "
                          "sending again sends only these", "{n} message(s) not sent (why: above); sending again sends "
                          "only these"),
    "notices_mail": ("邮件发送", "Mail"),
    "notices_mail_note": ("把本月各科室的问询函（PDF 和 Excel 附件，写明答复期限和本页地址）发到科室账号的邮箱；"
                          "再次发送只发此前未发出的。提醒由服务器每天自动发送（notices remind）。",
                          "Sends each section its letter of the month (PDF and Excel attached, with the reply-by date "
                          "and this page's address) to the section's accounts; sending again sends only what was not "
                          "sent. Reminders go out daily from the server (notices remind)."),
    "notices_send": ("发送本月问询函", "Send the month's letters"),
    "notices_outbox": ("发件记录", "Outbox"),
    "notices_outbox_none": ("还没有发送过邮件", "Nothing sent yet"),
    "notices_no_mail_settings": ("没有邮件设置，无法发送", "No mail settings: nothing can be sent"),
    "letters_zip_name": ("问询函_{year}-{month}_全部科室", "inquiry-letters_{year}-{month}_all-sections"),
    "notices_download_zip": ("下载全部问询函（zip）", "Download every letter (zip)"),
    # one channel, one date: the 按科室分发 packet asks for the answer where the 问询函 does, by its date
    "by_section_answer": ("请核对本科室落后于计划或超支的项目，并于{due}前在支出进度监控系统「预警与问询」页逐项答复"
                          "（答复即本月监控表，与问询函的答复期限相同）。",
                          "Check your section's projects behind plan or overspent and answer each in the dashboard's "
                          "预警与问询 page by {due} (the answer is the month's 监控表; the inquiry letter's reply-by date)."),
    "by_section_answer_later": ("请核对本科室落后于计划或超支的项目。本月问询发出后，请按问询函的答复期限在支出进度监控系统"
                                "「预警与问询」页逐项答复（答复即本月监控表）。",
                                "Check your section's projects behind plan or overspent. Once the month's inquiries are "
                                "issued, answer each in the dashboard's 预警与问询 page by the inquiry letter's "
                                "reply-by date (the answer is the month's 监控表)."),
    "mail_kind_inquiry": ("问询函", "Letter"),
    "mail_kind_reminder": ("提醒", "Reminder"),
})

TEXT.update({
    "letter_title": ("问询函", "Inquiry letter"),
    "letter_sheet": ("问询函", "Letter"),
    "letter_projects_sheet": ("项目", "Projects"),
    "letter_month": ("问询月份", "Month"),
    # the letter's paragraphs (notice_letters.letter_text)
    "letter_to": ("{section}：", "To {section}:"),
    "letter_opening": ("截至{month}末，你科室以下 {n} 个项目支出进度滞后于计划或超支。"
                       "请于{due}前在支出进度监控系统「预警与问询」页逐项答复。",
                       "At the end of {month} the {n} project(s) below are behind their spending plan or overspent. "
                       "Please answer each in the dashboard's 预警与问询 page by {due}."),
    # issue 37 (task L): the letter's requests get their verb (请说明 …)
    "letter_behind": ("进度滞后的 {n} 个项目：请说明偏差原因（类别及说明）、纠偏措施、预计恢复进度的月份和全年预计执行数。",
                      "For the {n} project(s) behind plan: the cause (category and words), the corrective "
                      "measures, the month you expect to be back on plan, and the year's forecast."),
    "letter_over_item": ("{name}超出预算 {amount} 万元", "{name}: {amount} (10k CNY) over budget"),
    "letter_over_sep": ("；", "; "),
    "letter_overspent": ("超支项目（{named}）：说明超支原因，并申请追加预算或书面说明超支情况。",
                         "Overspent ({named}): the cause, and an application for an additional budget (追加预算) "
                         "or a written explanation of the overspending."),
    "letter_year_end": ("年度终了，{n} 个项目未按计划支出：请说明偏差原因（类别及说明）、未支出资金拟结转还是结余、"
                        "处理安排（申请结转下年使用或收回财政）和全年预计执行数。",
                        "The year ends with {n} project(s) not spent as planned: the cause, whether the "
                        "unspent money is to be carried over (结转) or returned as a balance (结余), how it will be "
                        "handled, and the year's forecast."),
    "letter_closes_behind": ("进度滞后的项目支出进度恢复至阈值以内后，问询自动销号。",
                             "An inquiry about a project behind plan is closed when a later month's data puts it back "
                             "within the thresholds."),
    "letter_closes_decided": ("超支及年终问询由预算国库科根据答复决定销号；逾期未答复的，由预算国库科径行决定。",
                              "An inquiry about overspending or the year's end is closed by the treasury's decision on "
                              "your answer (or without one, once the reply-by day has passed)."),
    # the bulletin's 概况 and lists (were literals in bulletin and export)
    "in_wan": ("（万元）", " (10k CNY)"),
    "in_pp": ("（个百分点）", " (pp)"),
    "control_value": ("{rate}%（{score} 分）", "{rate}% (score {score})"),
    "names_sep": ("、", ", "),          # between sections named in a title
    "items_sep": ("、", "; "),          # between the items of an opening sentence
    "by_section_file": ("按科室", "by-section"),
    "template_notes": ("填写说明", "Notes"),
    "template_note": ("说明", "Note"),
    # the fields a too-long text is refused for (rules.check_text), in monitoring and notices alike
    "field_cause_text": ("偏差原因说明", "the cause in words"),
    "field_action": ("纠偏措施", "the corrective measures"),
})


def role(code: str, lang: str = "zh") -> str:
    return _pick(ROLES[code], lang)


def action(code: str, lang: str = "zh") -> str:
    """An audit action in words; an action without a label as it is."""
    return _pick(ACTIONS[code], lang) if code in ACTIONS else code


def level(code: str, lang: str = "zh") -> str:
    return _pick(LEVELS[code], lang)


def inquiry_state(code: str, lang: str = "zh") -> str:
    return _pick(INQUIRY_STATES[code], lang)


def inquiry_column(name: str, lang: str = "zh") -> str:
    """A column of the 预警与问询 tables and letters: its own label there, else the column's."""
    return _pick(INQUIRY_COLUMNS[name], lang) if name in INQUIRY_COLUMNS else column(name, lang)
