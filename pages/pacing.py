"""进度监控 — every project's pace for the treasury section: filter, sort, send the list."""

import streamlit as st

from spending import charts, clock, export, i18n, ui
from spending.rules import NO_PLAN, NOT_ON_TRACK, STATUSES

ctx = ui.guard(ui.context())
asked = [s for s in (ui.page_param("section") or "").split(",") if s]
ui.require(all(ctx.user.sees_section(s) for s in asked), ctx)
ui.money.check_address(ctx)     # a unit of another's sections: 无权查看 before anything of it is read
title = st.empty()

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
d, e, f = st.columns([2, 2, 1])
money = ui.money.filters(ctx, (d, e), "pacing")    # issue 34: whose money, from where
through = ui.closed_year(ctx, "pacing", f)         # issue 33: the year closed, with its carry-over payments
ui.sync_address(ctx, section=",".join(chosen_sections), status=",".join(statuses), **money.address(),
                closed=ui.closed_address(ctx, through))
gap = f"{min_gap:.2f}" if min_gap else None

# The database filters and sorts; the page gets the most behind MAX_TABLE_ROWS rows at most.
if through is None:
    title.title(f"{ctx.t('page_pacing')} · {ctx.month_label}")
    params = ctx.status_params(chosen_sections, statuses, gap, **money.params())
    shown, matching = ui.projects_chosen(params)
    ui.negative_spending(ctx, sections=chosen_sections or None)
else:   # December's budget and plan with the carry-over payments paid by the cut-off (queries/closed_year_status.sql)
    cut_off = ui.closed_label(ctx, through)
    title.title(f"{ctx.t('page_pacing')} · {ctx.t('closed_title', year=ctx.year, cut_off=cut_off)}")
    params = ctx.closed_params(through, chosen_sections, statuses, gap, money.unit)
    shown = ui.query("closed_year_status", **params)
    matching = int(shown["matching"].iloc[0]) if len(shown) else 0
    carried = ui.query("carry_over_summary", year=ctx.year, through=through, scope=params["sections"])
    st.caption(ctx.t("closed_note", year=ctx.year, cut_off=cut_off) + " "
               + ctx.t("closed_carried", n=f"{int(carried['payments'].iloc[0]):,}",
                       wan=ui.fmt_wan(carried["amount_wan"].iloc[0])))
    if money.source or money.direct:
        st.info(ctx.t("closed_all_sources"), icon=":material/info:")
st.caption(ctx.t("shown_projects", shown=f"{matching:,}", total=f"{total:,}") + " · "
           + ctx.t("thresholds", yellow=thresholds.yellow, red=thresholds.red))

# what matters first (a phone shows the first columns): the link, 项目, 状态 beside it, 科室, 计划差额
columns = ["project_name", "status", "section", "gap_wan", "deviation_pp", "actual_pct", "plan_pct",
           "budget_wan", "actual_wan", "time_deviation_pp", "unit_name", "project_code"]
if through is not None:     # the carry-over payments shown as such, beside what they add to
    columns.insert(columns.index("actual_wan") + 1, "carry_over_wan")
if matching > len(shown):   # never ship a province's 100,000 rows to the browser at once
    st.info(ctx.t("rows_capped", shown=f"{len(shown):,}", total=f"{matching:,}"))
ui.project_table(ctx, shown, columns, height=min(600, 38 + 35 * max(1, len(shown))))

if not shown.empty:
    st.plotly_chart(charts.deviation_bars(shown.head(ui.MAX_CHART_BARS), "project_name", ctx.t("deviation_chart"), ctx.lang,
                                          (float(thresholds.yellow), float(thresholds.red))), width="stretch")

# issue 33: the projects still without a plan, for the treasury to chase (never in the list behind plan)
if through is None:
    without_plan, without_plan_count = ui.projects_chosen(ctx.status_params(chosen_sections, [NO_PLAN]))
else:
    without_plan = ui.query("closed_year_status", **ctx.closed_params(through, chosen_sections, [NO_PLAN]))
    without_plan_count = int(without_plan["matching"].iloc[0]) if len(without_plan) else 0
if without_plan_count:
    st.subheader(ctx.t("without_plan_title", n=f"{without_plan_count:,}"))
    st.caption(ctx.t("without_plan_note"))
    ui.project_table(ctx, without_plan, ["project_name", "status", "section", "budget_wan", "actual_wan",
                                         "actual_pct", "project_code"])

meta = [(ctx.t("list_title"), ctx.month_label if through is None else ctx.t("closed_title", year=ctx.year, cut_off=cut_off)),
        (ctx.t("thresholds", yellow=thresholds.yellow, red=thresholds.red), ""),
        (ctx.t("filter_section"), "、".join(chosen_sections) or "—"),
        (ctx.t("filter_status"), "、".join(i18n.status(s, ctx.lang) for s in statuses) or "—"),
        *ui.money.meta(ctx, money if through is None else ui.money.Money(money.unit)),   # closed: every source
        (ctx.t("generated_at"), clock.now())]
period = f"{ctx.year}-{ctx.month:02d}" if through is None else f"{ctx.year}-{ui.closed_address(ctx, through)}"
ui.status_downloads(ctx, params | {"limit": None}, meta, f"{ctx.t('list_title')}-{period}", matching)
if ctx.user.is_admin and through is None:   # the packets are the month's (its inquiries), not the closed year's   # the treasury sends one Excel file per section, ready to answer
    ui.download(st, ctx.t("by_section"),
                lambda now: ui.read(export.section_packets, now.year, now.month, thresholds, now.lang, scope=now.scope),
                export.section_packets_name(ctx.year, ctx.month, thresholds, clock.now(), ctx.lang,
                                            ui.sample_loaded()),
                "application/zip", ctx, allowed=ui.admins, icon=":material/folder_zip:")
