"""总览 — the month on one screen for leadership: what is behind, by how much, and whose."""

import streamlit as st

from spending import bulletin, charts, export, i18n, rules, ui

SECTION_BARS = 15   # sections in the ranked chart: the most behind (a province has 200)

page = ui.context()
ui.sync_address(page)
ctx = ui.guard(page)
st.title(f"{ctx.t('page_overview')} · {ctx.month_label}")
# the leader's question first (issue 21): whose money is most behind — on the first screen of a laptop
behind = ui.query("most_behind", month=ctx.month, limit=10, **ctx.params())

pace_tab, dual_tab = st.tabs([ctx.t("tab_pace"), ctx.t("tab_dual")])

with pace_tab:
    curve = ui.query("bureau_curve", **ctx.params())
    now = curve[curve["as_of_month"] == ctx.month].iloc[0]
    before = curve[curve["as_of_month"] == ctx.month - 1]
    before = before.iloc[0] if len(before) else None
    if now["actual_wan"] == 0:
        st.info(ctx.t("no_payments", year=ctx.year, month=ctx.month_label))

    def delta(column: str, fmt: str = "{:+,.2f}", color: str = "normal") -> dict:
        """The metric's change against last month; a zero change is 持平 in grey (never a red ↑ +0)."""
        return ui.change(None if before is None else now[column] - before[column], ctx.lang, fmt, color)

    wan = ctx.t("wan")
    # issue 37: the totals and, beside them, each project lagging or overspent (up to five) with its 科室
    # and amount — what is behind, by how much and whose, on a 1366×768 laptop's first screen
    totals, flagged = st.columns([3, 2])
    money = [column for _ in range(2) for column in totals.columns(2)]
    named = ui.query("flagged_projects", month=ctx.month, limit=ui.FLAGGED, **ctx.params())
    said = ui.flagged_lines(ctx, named, int(now["lagging"] + now["severe"] + now["overspent"]))
    if named.empty:
        flagged.success(said, icon=":material/check_circle:")
    else:
        flagged.warning(said, icon=":material/trending_down:")
    money[0].metric(f"{ctx.t('kpi_budget')}（{wan}）", ui.fmt_wan(now["budget_wan"]), **delta("budget_wan", color="off"))
    money[1].metric(f"{ctx.t('kpi_actual')}（{wan}）", ui.fmt_wan(now["actual_wan"]), **delta("actual_wan"))
    money[2].metric(f"{ctx.t('kpi_gap')}（{wan}）", ui.fmt_wan(now["behind_wan"]), **delta("behind_wan", color="inverse"),
                    help=ctx.t("kpi_behind_help"))
    money[3].metric(f"{ctx.t('kpi_deviation')}（{ctx.t('pp')}）", ui.fmt_pp(now["deviation_pp"]),
                    **delta("deviation_pp", "{:+.2f}"))
    rates = st.columns(6)
    rates[0].metric(ctx.t("kpi_actual_pct"), ui.fmt_pct(now["actual_pct"]), **delta("actual_pct", "{:+.2f}"))
    rates[1].metric(ctx.t("kpi_plan_pct"), ui.fmt_pct(now["plan_pct"]), **delta("plan_pct", "{:+.2f}", "off"))
    rates[2].metric(ctx.t("kpi_time_pct"), ui.fmt_pct(now["time_pct"]))
    for column, key in zip(rates[3:], ("lagging", "severe", "overspent")):
        column.metric(ctx.t(f"kpi_{key}"), f"{int(now[key]):,}", **delta(key, "{:+,.0f}", "inverse"))
    st.caption(ctx.t("behind_nets", behind=ui.fmt_wan(now["behind_wan"]), ahead=ui.fmt_wan(now["ahead_wan"]),
                     net=ui.fmt_wan(now["gap_wan"])) + " · " + ctx.t("change_vs_prev") + " · "
               + ctx.t("thresholds", yellow=ctx.thresholds.yellow, red=ctx.thresholds.red))

    if now["no_plan"]:          # issue 33: projects without a plan are never on track, nor behind a plan
        st.info(ctx.t("opening_no_plan", n=f"{int(now['no_plan']):,}"), icon=":material/event_busy:")
    carried = ui.query("carry_over_summary", year=ctx.year, through=None, scope=ctx.scope)
    if int(carried["payments"].iloc[0]):    # issue 33: the year closed, with its carry-over payments, is on 进度监控
        last = int(carried["last_month"].iloc[0])
        st.info(ctx.t("overview_carried", year=ctx.year, n=f"{int(carried['payments'].iloc[0]):,}",
                      wan=ui.fmt_wan(carried["amount_wan"].iloc[0]), cut_off=ui.closed_label(ctx, last),
                      link=ui.closed_link(ctx, last)), icon=":material/event_repeat:")

    # issue 34: 直达资金's pace against 序时进度, beside the whole (the province asks for it each month)
    st.subheader(ctx.t("direct_pace_title"))
    paces = ui.query("direct_pace", year=ctx.year, month=ctx.month, scope=ctx.scope)
    whole, direct = paces[paces["direct"].isna()], paces[paces["direct"].notna()]
    cols = st.columns(4)
    for column, label, row in ((cols[0], "direct_pace_whole", whole), (cols[1], "direct_pace_direct", direct)):
        if len(row):
            row = row.iloc[0]
            against_time = ui.fmt_pp(row["time_deviation_pp"])     # against 序时进度: "—" without budget
            column.metric(ctx.t(label), ui.fmt_pct(row["actual_pct"]),
                          None if against_time == "—" else f"{against_time} {ctx.t('pp')}",
                          help=f"{ctx.col('time_deviation_pp')}；{ctx.col('budget_wan')} {ui.fmt_wan(row['budget_wan'])}，"
                               f"{ctx.col('actual_wan')} {ui.fmt_wan(row['actual_wan'])}")
    cols[2].metric(ctx.t("kpi_time_pct"), ui.fmt_pct(now["time_pct"]))
    if direct.empty:
        cols[1].caption(ctx.t("direct_pace_none"))

    ui.negative_spending(ctx)
    last_year = ui.last_year(ctx, "bureau_curve", **ctx.params())
    ui.last_year_caption(ctx, now, last_year)

    left, right = st.columns([3, 2])
    checkpoints = ui.query("checkpoint_months", year=ctx.year, section=None, scope=ctx.scope)["month"].tolist()
    title = ctx.t("curve_title") if ctx.scope is None else ctx.t("section_curve_title", section="、".join(ctx.scope))
    left.plotly_chart(charts.cumulative_curve(curve, ctx.month, title, ctx.lang, checkpoints, last_year, ctx.year - 1),
                      width="stretch")
    sections = ui.query("section_status", month=ctx.month, **ctx.params())
    # a section on track as a whole still shows the projects behind it holds (label and outline)
    right.plotly_chart(charts.deviation_bars(sections.head(SECTION_BARS), "section", ctx.t("sections_ranked"),
                                             ctx.lang, height=380), width="stretch")
    right.caption(ctx.t("sections_colour_note"))
    if len(sections) > SECTION_BARS:
        right.caption(ctx.t("sections_most_behind", shown=SECTION_BARS, total=f"{len(sections):,}"))

    def project_table(frame, columns):
        ui.project_table(ctx, frame, columns)

    left, right = st.columns([3, 2])
    with left:
        st.subheader(ctx.t("most_behind"))
        if behind.empty:
            st.success(ctx.t("nothing_behind"))
        else:
            project_table(behind, ["project_name", "status", "section", "gap_wan", "deviation_pp", "actual_pct",
                                   "plan_pct"])
    with right:
        st.subheader(ctx.t("overspent_projects"))
        over = ui.query("project_status", **ctx.status_params(statuses=["overspent"], limit=10))
        if over.empty:
            st.success(ctx.t("nothing_overspent"))
        else:
            project_table(over.assign(over_wan=[float(rules.over_budget_wan(a, b)) for a, b in zip(over["actual_wan"], over["budget_wan"])]),
                          ["project_name", "status", "section", "over_wan", "actual_pct"])
    with st.expander(ctx.t("sources_title")):      # every source, 直达资金 first (issue 34)
        ui.money.table(ctx, ui.query("source_status", year=ctx.year, month=ctx.month, scope=ctx.scope, unit=None),
                       ui.money.SOURCE_COLUMNS)
        st.caption(ctx.t("sources_note"))

with dual_tab:
    review = ui.review(ctx)
    st.subheader(ctx.t("grades_title"))
    rate, score = review.control
    st.caption(ctx.t("bureau_control", rate="—" if rate is None else f"{rate:.2f}%", score="—" if score is None else score))
    graded = bulletin.table(review.sections, bulletin.SECTION_COLUMNS, ctx.lang)
    st.dataframe(graded, hide_index=True, width="stretch", column_config=ui.two_decimals(graded))
    st.caption(ctx.t("grade_rule"))   # issue 12: the grading rule named on screen
    left, right = st.columns(2)
    with left:
        spending = review.spending.assign(share_pct=review.spending["share_pct"].astype(float))
        st.plotly_chart(charts.monthly_shares(spending, float(rules.EVEN_MONTH_LIMIT), ctx.t("evenness_title"),
                                              ctx.lang), width="stretch")
        uneven = [i18n.month_name(m, ctx.lang) for m in review.spending.loc[review.spending["uneven"], "month"]]
        if uneven:
            st.warning(ctx.t("uneven_months", months="、".join(uneven)))
        else:
            st.caption(ctx.t("even_ok"))
        st.caption(ctx.t("evenness_rule"))   # issue 12: the evenness rule named on screen
    with right:
        st.markdown(f"**{ctx.t('back_loaded_title')}**")
        st.caption(ctx.t("back_loaded_note"))
        back = bulletin.table(review.back_loaded.head(ui.MAX_TABLE_ROWS),
                              ["section", "project_name", "budget_wan", "plan_pct_by_then"], ctx.lang)
        st.dataframe(back, hide_index=True, width="stretch", column_config=ui.two_decimals(back))
        if len(review.back_loaded) > len(back):
            st.caption(ctx.t("first_rows", shown=f"{len(back):,}", total=f"{len(review.back_loaded):,}"))
    st.subheader(ctx.t("indicator_overview"))
    counts = review.indicators["indicator_status"].value_counts(dropna=False)
    cols = st.columns(4)
    for column, code in zip(cols, ("met", "at_risk", "not_met", None)):
        column.metric(i18n.indicator_status(code, ctx.lang),
                      int(counts.get(code, 0)) if code else int(review.indicators["indicator_status"].isna().sum()))
    st.subheader(ctx.t("sheet_returns"))
    if review.returns.empty:
        st.caption(ctx.t("no_returns"))
    else:
        returns = ui.blank_text(bulletin.table(review.returns, bulletin.RETURN_COLUMNS, ctx.lang))
        st.dataframe(returns, hide_index=True, width="stretch", column_config=ui.two_decimals(returns))
    name = export.marked(ctx.t("bulletin_title_section", section="、".join(ctx.scope), month=ctx.month_label)
                         if ctx.scope else ctx.t("bulletin_title", month=ctx.month_label), ui.sample_loaded(), ctx.lang)
    a, b, _ = st.columns([1, 1, 2])
    ui.download(a, ctx.t("download_bulletin_xlsx"), lambda now: bulletin.to_xlsx(ui.bulletin_review(now, "xlsx"), now.lang),
                f"{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ctx,
                icon=":material/download:")
    ui.download(b, ctx.t("download_bulletin_pdf"), lambda now: bulletin.to_pdf(ui.bulletin_review(now, "pdf"), now.lang),
                f"{name}.pdf", "application/pdf", ctx, icon=":material/picture_as_pdf:")
