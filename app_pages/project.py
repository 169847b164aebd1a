"""项目 — one project in full: plan and actual curves, what the next checkpoint needs,
payments, adjustments, goals and indicators."""

import calendar
from datetime import date

import streamlit as st

from spending import charts, ui

ctx = ui.context()
ui.guard(ctx)
projects = ui.query("project_status", month=ctx.month, section=None, **ctx.params())
if projects.empty:
    st.info(ctx.t("no_plan", year=ctx.year))
    st.stop()
codes = projects.sort_values(["section", "project_code"])["project_code"].tolist()
names = dict(zip(projects["project_code"], projects["project_name"]))
wanted = ui.page_param("code")
if "project_choice" not in st.session_state or st.session_state.project_choice not in codes:
    st.session_state.project_choice = wanted if wanted in codes else codes[0]
code = st.selectbox(ctx.t("choose_project"), codes, key="project_choice", format_func=lambda c: f"{names[c]}（{c}）")
ui.sync_address(ctx, code=code)

detail = ui.query("project_detail", year=ctx.year, code=code).iloc[0]
curve = ui.query("project_curve", code=code, **ctx.params())
now = curve[curve["as_of_month"] == ctx.month].iloc[0]
st.title(f"{detail['project_name']} · {ctx.month_label}")
st.caption(f"{ctx.col('project_code')} {code} · {ctx.col('section')} {detail['section']} · "
           f"{ctx.col('initial_budget_wan')} {ui.fmt_wan(detail['initial_budget_wan'])}")

wan = ctx.t("wan")
cols = st.columns(6)
cols[0].metric(f"{ctx.t('kpi_budget')}（{wan}）", ui.fmt_wan(now["budget_wan"]))
cols[1].metric(f"{ctx.t('kpi_actual')}（{wan}）", ui.fmt_wan(now["actual_wan"]))
cols[2].metric(ctx.t("kpi_actual_pct"), ui.fmt_pct(now["actual_pct"]))
cols[3].metric(ctx.t("kpi_plan_pct"), ui.fmt_pct(now["plan_pct"]))
cols[4].metric(f"{ctx.t('kpi_deviation')}（{ctx.t('pp')}）", ui.fmt_pp(now["deviation_pp"]))
cols[5].metric(ctx.col("status"), ui.localise(curve.loc[[now.name]], ctx, ["status"]).iloc[0, 0])

if now["next_checkpoint_month"] is None or now["next_checkpoint_month"] != now["next_checkpoint_month"]:
    st.info(ctx.t("required_final", pct=f"{now['plan_pct']:.2f}"))
else:
    month = int(now["next_checkpoint_month"])
    due = date(ctx.year, month, calendar.monthrange(ctx.year, month)[1])
    values = dict(month=month, pct=f"{now['next_checkpoint_pct']:.2f}", date=due.isoformat())
    if now["next_checkpoint_need_wan"] > 0:
        st.warning(ctx.t("required_pace", need=ui.fmt_wan(now["next_checkpoint_need_wan"]), **values),
                   icon=":material/schedule:")
    else:
        st.success(ctx.t("required_met", **values))

checkpoints = ui.query("project_checkpoints", year=ctx.year, code=code)["month"].tolist()
st.plotly_chart(charts.cumulative_curve(curve, ctx.month, ctx.t("project_curve_title", project=detail["project_name"]),
                                        ctx.lang, checkpoints), width="stretch")

left, right = st.columns([3, 2])
with left:
    st.subheader(ctx.t("payments"))
    payments = ui.query("project_payments", year=ctx.year, month=ctx.month, code=code)
    if payments.empty:
        st.caption(ctx.t("no_payments_project"))
    else:
        columns = ["pay_date", "voucher_no", "amount_wan", "payee", "summary", "is_sample"]
        st.dataframe(ui.localise(payments, ctx, columns), hide_index=True, width="stretch",
                     column_config=ui.number_columns(ctx, columns))
with right:
    st.subheader(ctx.t("adjustments"))
    adjustments = ui.query("project_adjustments", year=ctx.year, code=code)
    if adjustments.empty:
        st.caption(ctx.t("no_adjustments"))
    else:
        columns = ["effective_date", "doc_no", "amount_wan", "reason", "is_sample"]
        st.dataframe(ui.localise(adjustments, ctx, columns), hide_index=True, width="stretch",
                     column_config=ui.number_columns(ctx, columns))

st.subheader(ctx.t("goals"))
st.markdown(f"**{ctx.t('purpose')}**：{detail['purpose'] or '—'}")
for n, goal in enumerate((detail["goal_1"], detail["goal_2"]), start=1):
    if goal:
        st.markdown(f"**{ctx.t('goal', n=n)}**：{goal}")
st.subheader(ctx.t("indicators"))
indicators = ui.query("project_indicators", year=ctx.year, code=code)
if indicators.empty:
    st.caption(ctx.t("no_indicators"))
else:
    columns = ["level_1", "level_2", "level_3", "description", "symbol", "target_value", "unit", "basis"]
    st.dataframe(ui.localise(indicators, ctx, columns), hide_index=True, width="stretch")
