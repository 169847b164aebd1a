"""科室 — one section: its KPIs, its projects and its cumulative curve against its plan."""

import streamlit as st

from spending import charts, clock, ui

ctx = ui.guard(ui.context())
sections = ui.query("sections", year=ctx.year, scope=ctx.scope)     # a section user's own only
names = sections["section"].tolist()
wanted = ui.page_param("section")
ui.require(wanted is None or ctx.user.sees_section(wanted), ctx)
ui.money.check_address(ctx)     # a unit of another's sections: 无权查看 before anything of it is read
if "section_choice" not in st.session_state or st.session_state.section_choice not in names:
    st.session_state.section_choice = wanted if wanted in names else (names[0] if names else None)
    if wanted and wanted not in names:
        st.warning(ctx.t("bad_section", asked=ui.plain(wanted), year=ctx.year), icon=":material/link_off:")
section = st.selectbox(ctx.t("choose_section"), names, key="section_choice")
a, b, c = st.columns([2, 2, 1])
money = ui.money.filters(ctx, (a, b), "sections")    # issue 34: drill down 科室 → 预算单位 → 项目
through = ui.closed_year(ctx, "sections", c) if section else None    # issue 33: the year closed, its carry-over
ui.sync_address(ctx, section=section, **money.address(), closed=ui.closed_address(ctx, through))
st.title(f"{ui.plain(section or ctx.t('page_sections'))} · {ctx.month_label}", anchor=False)   # no heading anchor made of the data
if section is None:
    st.info(ctx.t("no_plan", year=ctx.year))
    st.stop()

info = sections[sections["section"] == section].iloc[0]
if info["duties"]:
    with st.expander(ctx.t("section_duties")):
        st.text(info["duties"])
if info["projects"] == 0:
    st.info(ctx.t("section_without_projects", section=ui.plain(section), year=ctx.year))
    st.stop()

curve = ui.query("section_curve", section=section, **ctx.params(scoped=False))
now = curve[curve["as_of_month"] == ctx.month].iloc[0]
free = ui.pace_metrics(ctx, now)
free.metric(f"{ctx.t('kpi_gap')}（{ctx.t('wan')}）", ui.fmt_wan(now["behind_wan"]), help=ctx.t("kpi_behind_help"))
last = ui.last_year(ctx, "section_curve", section=section, **ctx.params(scoped=False))
ui.last_year_caption(ctx, now, last)

# the section's 预算单位, ranked by 执行率 (counting the chosen source's money), then its projects of the chosen unit
units = ui.query("unit_status", month=ctx.month, scope=[section], sources=[money.source] if money.source else None,
                 direct=money.direct, **ctx.params(scoped=False))
if len(units) > 1:      # a section whose projects are of several units: their ranking first
    st.subheader(ctx.t("units_title"))
    ui.money.table(ctx, units, ui.money.UNIT_COLUMNS)

ui.negative_spending(ctx, sections=[section])
projects, matching = ui.projects_chosen(ctx.status_params(sections=[section], **money.params()))
if matching > len(projects):
    st.info(ctx.t("rows_capped", shown=f"{len(projects):,}", total=f"{matching:,}"))
st.subheader(ctx.t("projects_title"))
ui.project_table(ctx, projects, ["project_name", "status", "gap_wan", "deviation_pp", "actual_pct", "plan_pct",
                                  "budget_wan", "actual_wan", "unit_name", "project_code"])

meta = [(ctx.t("list_title"), ctx.month_label), (ctx.col("section"), section), *ui.money.meta(ctx, money),
        (ctx.t("thresholds", yellow=ctx.thresholds.yellow, red=ctx.thresholds.red), ""),
        (ctx.t("generated_at"), clock.now())]
ui.status_downloads(ctx, ctx.status_params(sections=[section], limit=None, **money.params()), meta,
                    f"{section}-{ctx.t('list_title')}-{ctx.year}-{ctx.month:02d}", matching)

if through is not None:     # the section's projects in the year closed, the carry-over payments shown as such
    cut_off = ui.closed_label(ctx, through)
    st.subheader(ctx.t("closed_section_title", year=ctx.year, cut_off=cut_off))
    params = ctx.closed_params(through, [section], unit=money.unit)
    closed = ui.query("closed_year_status", **params)
    carried = ui.query("carry_over_summary", year=ctx.year, through=through, scope=[section])
    st.caption(ctx.t("closed_note", year=ctx.year, cut_off=cut_off) + " "
               + ctx.t("closed_carried", n=f"{int(carried['payments'].iloc[0]):,}",
                       wan=ui.fmt_wan(carried["amount_wan"].iloc[0])))
    if money.source or money.direct:
        st.info(ctx.t("closed_all_sources"), icon=":material/info:")
    closed_count = int(closed["matching"].iloc[0]) if len(closed) else 0
    if closed_count > len(closed):
        st.info(ctx.t("rows_capped", shown=f"{len(closed):,}", total=f"{closed_count:,}"))
    ui.project_table(ctx, closed, ["project_name", "status", "gap_wan", "deviation_pp", "actual_pct", "plan_pct",
                                   "budget_wan", "actual_wan", "carry_over_wan", "unit_name", "project_code"])
    meta = [(ctx.t("list_title"), ctx.t("closed_title", year=ctx.year, cut_off=cut_off)),
            (ctx.col("section"), section), *ui.money.meta(ctx, ui.money.Money(money.unit)),
            (ctx.t("thresholds", yellow=ctx.thresholds.yellow, red=ctx.thresholds.red), ""),
            (ctx.t("generated_at"), clock.now())]
    ui.status_downloads(ctx, params | {"limit": None}, meta,
                        f"{section}-{ctx.t('list_title')}-{ctx.year}-{ui.closed_address(ctx, through)}", closed_count)

checkpoints = ui.query("checkpoint_months", year=ctx.year, section=section, scope=ctx.scope)["month"].tolist()
st.plotly_chart(charts.cumulative_curve(curve, ctx.month, ctx.t("section_curve_title", section=section), ctx.lang,
                                        checkpoints, last, ctx.year - 1), width="stretch")
