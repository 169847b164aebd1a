"""进度监控 — every project's pace for the treasury section: filter, sort, send the list."""

import streamlit as st

from spending import charts, clock, export, i18n, ui
from spending.rules import NO_PLAN, NOT_ON_TRACK, STATUSES

ctx = ui.context()
ui.guard(ctx)
asked = [s for s in (ui.page_param("section") or "").split(",") if s]
ui.require(all(ctx.user.sees_section(s) for s in asked), ctx)
ui.money.check_address(ctx)     # a unit of another's sections: 无权查看 before anything of it is read
st.title(f"{ctx.t('page_pacing')} · {ctx.month_label}")

thresholds = ctx.thresholds      # one pair for the whole dashboard (sidebar, address)
sections = ui.query("sections", year=ctx.year, scope=ctx.scope)
section_options = sections.loc[sections["projects"] > 0, "section"].tolist()
if not section_options:
    st.info(ctx.t("no_plan", year=ctx.year))
    st.stop()
total = int(sections["projects"].sum())

wanted_sections = [s for s in asked if s in section_options]
asked_status = [s for s in (ui.page_param("status") or "").split(",") if s]
wanted_status = [s for s in asked_status if s in STATUSES]
for unknown in [s for s in asked if s not in section_options]:
    if unknown in set(sections["section"]):      # a section of the year that has no projects: say that, not "no such section"
        st.info(ctx.t("section_without_projects", section=ui.plain(unknown), year=ctx.year), icon=":material/info:")
    else:
        st.warning(ctx.t("bad_section", asked=ui.plain(unknown), year=ctx.year), icon=":material/link_off:")
for unknown in [s for s in asked_status if s not in STATUSES]:
    st.warning(ctx.t("bad_status", asked=ui.plain(unknown)), icon=":material/link_off:")
a, b, c = st.columns([2, 2, 1])
chosen_sections = a.multiselect(ctx.t("filter_section"), section_options, default=wanted_sections,
                                key="pacing_sections", placeholder=ctx.t("all"))
# issue 12: by default the list holds the projects behind plan or overspent, not every project
statuses = b.multiselect(ctx.t("filter_status"), list(STATUSES), default=wanted_status or NOT_ON_TRACK,
                         key="pacing_status",
                         format_func=lambda s: i18n.status(s, ctx.lang), placeholder=ctx.t("all"))
min_gap = c.number_input(ctx.t("filter_min_gap"), value=0.0, step=1.0, key="pacing_min_gap")
money = ui.money.filters(ctx, st.columns([2, 2, 1])[:2], "pacing")    # issue 34: whose money, from where
ui.sync_address(ctx, section=",".join(chosen_sections), status=",".join(statuses), **money.address())

# The database filters and sorts; the page gets the most behind MAX_TABLE_ROWS rows at most.
params = ctx.status_params(chosen_sections, statuses, f"{min_gap:.2f}" if min_gap else None, **money.params())
shown, matching = ui.projects_chosen(params)
ui.negative_spending(ctx, sections=chosen_sections or None)
st.caption(ctx.t("shown_projects", shown=f"{matching:,}", total=f"{total:,}") + " · "
           + ctx.t("thresholds", yellow=thresholds.yellow, red=thresholds.red))

# what matters first (a phone shows the first columns): the link, 项目, 状态 beside it, 科室, 计划差额
columns = ["project_name", "status", "section", "gap_wan", "deviation_pp", "actual_pct", "plan_pct",
           "budget_wan", "actual_wan", "time_deviation_pp", "unit_name", "project_code"]
if matching > len(shown):   # never ship a province's 100,000 rows to the browser at once
    st.info(ctx.t("rows_capped", shown=f"{len(shown):,}", total=f"{matching:,}"))
ui.project_table(ctx, shown, columns, height=min(600, 38 + 35 * max(1, len(shown))))

if not shown.empty:
    st.plotly_chart(charts.deviation_bars(shown.head(ui.MAX_CHART_BARS), "project_name", ctx.t("deviation_chart"), ctx.lang,
                                          (float(thresholds.yellow), float(thresholds.red))), width="stretch")

# issue 33: the projects still without a plan, for the treasury to chase (never in the list behind plan)
without_plan, without_plan_count = ui.projects_chosen(ctx.status_params(chosen_sections, [NO_PLAN]))
if without_plan_count:
    st.subheader(ctx.t("without_plan_title", n=f"{without_plan_count:,}"))
    st.caption(ctx.t("without_plan_note"))
    ui.project_table(ctx, without_plan, ["project_name", "status", "section", "budget_wan", "actual_wan",
                                         "actual_pct", "project_code"])

meta = [(ctx.t("list_title"), ctx.month_label),
        (ctx.t("thresholds", yellow=thresholds.yellow, red=thresholds.red), ""),
        (ctx.t("filter_section"), "、".join(chosen_sections) or "—"),
        (ctx.t("filter_status"), "、".join(i18n.status(s, ctx.lang) for s in statuses) or "—"),
        *ui.money.meta(ctx, money),
        (ctx.t("generated_at"), clock.now())]
ui.status_downloads(ctx, params | {"limit": None}, meta, f"{ctx.t('list_title')}-{ctx.year}-{ctx.month:02d}", matching)
if ctx.user.is_admin:   # the treasury sends one Excel file per section, ready to answer
    ui.download(st, ctx.t("by_section"),
                lambda now: ui.read(export.section_packets, now.year, now.month, thresholds, now.lang, scope=now.scope),
                export.section_packets_name(ctx.year, ctx.month, thresholds, clock.now(), ctx.lang,
                                            ui.sample_loaded()),
                "application/zip", ctx, allowed=ui.admins, icon=":material/folder_zip:")
