"""项目 — one project in full: plan and actual curves, what the next checkpoint needs,
payments, adjustments, goals and indicators."""

import calendar
from datetime import date

import pandas as pd
import streamlit as st

from spending import bulletin, charts, i18n, ingest, monitoring, rules, ui

ctx = ui.guard(ui.context())
# 科室 first, then its projects: a province has too many projects for one list.
sections = ui.query("sections", year=ctx.year, scope=ctx.scope)
section_names = sections.loc[sections["projects"] > 0, "section"].tolist()
wanted = ui.page_param("code")
linked = ui.query("project_detail", year=ctx.year, code=wanted) if wanted else None
# Another section's project is refused before anything of it is shown (and, for a section user, a
# code that does not exist, so that the answer says nothing about other sections' codes).
unknown = linked is not None and linked.empty
ui.require((not unknown or ctx.scope is None) and (linked is None or unknown
                                                   or ctx.user.sees_section(linked["section"].iloc[0])), ctx)
if unknown:      # said under the page's own title; no other project is shown in its place
    st.title(ctx.t("page_project"))
    st.warning(ctx.t("bad_code", asked=ui.plain(wanted), year=ctx.year), icon=":material/link_off:")
    st.page_link("pages/pacing.py", label=ctx.t("bad_code_pick"), icon=":material/list:")
    st.stop()
if not section_names:
    st.info(ctx.t("no_plan", year=ctx.year))
    st.stop()
if "project_section" not in st.session_state or st.session_state.project_section not in section_names:
    st.session_state.project_section = (linked["section"].iloc[0] if linked is not None and len(linked)
                                        else section_names[0])
left, right = st.columns([1, 2])
section = left.selectbox(ctx.t("choose_section"), section_names, key="project_section")
projects = ui.query("project_list", year=ctx.year, section=section)
codes = projects["project_code"].tolist()
names = dict(zip(projects["project_code"], projects["project_name"]))
if "project_choice" not in st.session_state or st.session_state.project_choice not in codes:
    st.session_state.project_choice = wanted if wanted in codes else codes[0]
code = right.selectbox(ctx.t("choose_project"), codes, key="project_choice",
                       format_func=lambda c: f"{names[c]}（{c}）")
ui.sync_address(ctx, code=code)

detail = ui.query("project_detail", year=ctx.year, code=code).iloc[0]
ui.require(ctx.user.sees_section(detail["section"]), ctx)
answers = ctx.user.answers_for(detail["section"])     # indicator values and 监控表: its own section, or admin
curve = ui.query("project_curve", code=code, **ctx.params(scoped=False))
now = curve[curve["as_of_month"] == ctx.month].iloc[0]
st.title(f"{ui.plain(detail['project_name'])} · {ctx.month_label}", anchor=False)   # no heading anchor made of the data
st.caption(f"{ctx.col('project_code')} {ui.plain(code)} · {ctx.col('section')} {ui.plain(detail['section'])} · "
           f"{ctx.col('initial_budget_wan')} {ui.fmt_wan(detail['initial_budget_wan'])}")
terms = ui.query("project_terms", year=ctx.year, code=code)
if not terms.empty:          # a 绩效目标申报表's project: the whole life's total and period beside the year's budget
    t = terms.iloc[0]
    parts = []
    if not pd.isna(t["total_wan"]):
        parts.append(ctx.t("terms_total", total=ui.fmt_wan(t["total_wan"])))
    if not pd.isna(t["period_start"]) or not pd.isna(t["period_end"]):
        parts.append(ctx.t("terms_period", start="?" if pd.isna(t["period_start"]) else str(t["period_start"])[:10],
                           end="?" if pd.isna(t["period_end"]) else str(t["period_end"])[:10]))
    parts += [ui.plain(t[c]) for c in ("nature", "implementer") if isinstance(t[c], str) and t[c]]
    if t["code_made"]:
        parts.append(ctx.t("terms_code_made"))
    st.caption(" · ".join(parts))

ui.negative_spending(ctx, code=code)
last = ui.pace_metrics(ctx, now)
last.metric(ctx.col("status"), i18n.status(now["status"], ctx.lang))

note, amount = rules.checkpoint_note(now["status"], now["budget_wan"], now["actual_wan"],
                                     None if pd.isna(now["next_checkpoint_month"]) else int(now["next_checkpoint_month"]),
                                     None if pd.isna(now["next_checkpoint_need_wan"]) else now["next_checkpoint_need_wan"])
if note == "overspent":      # never congratulated: the amount over budget and what to do
    st.error(ctx.t("required_overspent", over=ui.fmt_wan(amount), pct=ui.fmt_pct(now["actual_pct"])),
             icon=":material/warning:")
elif note == "no_plan":       # issue 33: nothing to reach until a plan is made
    st.warning(ctx.t("required_no_plan"), icon=":material/event_busy:")
elif note == "final":
    st.info(ctx.t("required_final", pct=f"{now['plan_pct']:.2f}"))
else:
    month = int(now["next_checkpoint_month"])
    due = date(ctx.year, month, calendar.monthrange(ctx.year, month)[1])
    values = dict(month=month, pct=f"{now['next_checkpoint_pct']:.2f}", date=due.isoformat())
    if note == "needs":
        st.warning(ctx.t("required_pace", need=ui.fmt_wan(amount), **values), icon=":material/schedule:")
    else:
        st.success(ctx.t("required_met", **values))

checkpoints = ui.query("project_checkpoints", year=ctx.year, code=code)["month"].tolist()
# a project that continues under the same 项目编码: last year's execution (if the user may see its section then)
last_year = ui.last_year(ctx, "project_last_year", code=code, **ctx.params(scoped=False))
if last_year is not None and not ctx.user.sees_section(last_year["section"].iloc[0]):
    last_year = None
st.plotly_chart(charts.cumulative_curve(curve, ctx.month, ctx.t("project_curve_title", project=detail["project_name"]),
                                        ctx.lang, checkpoints, last_year, ctx.year - 1), width="stretch")
if last_year is not None:
    with st.expander(ctx.t("last_year_project", year=ctx.year - 1)):
        columns = ["as_of_month", "budget_wan", "paid_in_month_wan", "actual_wan", "actual_pct", "plan_pct",
                   "deviation_pp", "status"]
        shown = ui.localise(last_year, ctx, columns)
        st.dataframe(ui.status_style(shown, ctx.col("status"), ctx.lang), hide_index=True,
                     width="stretch", column_config=ui.number_columns(ctx, columns, shown))


def shown_payments(payments) -> None:
    """Payment lines in 元, with what each line's file said (columns no line has are left out)."""
    columns = ["pay_date", "voucher_no", "amount_yuan", "payee", "summary", "line_no", "quota_doc_no", "source", "direct",
               "procurement", "budget_unit", "is_sample"]
    columns = [c for c in columns if c not in ("line_no", "quota_doc_no", "source", "direct", "procurement", "budget_unit")
               or payments[c].notna().any()]
    payments = payments.copy()
    for flag in ("direct", "procurement"):   # 是 / 否, blank where the file did not say
        payments[flag] = payments[flag].map({True: ctx.t("yes"), False: ctx.t("no")})
    shown = ui.localise(payments, ctx, columns)      # amounts with thousands separators
    st.dataframe(shown, hide_index=True, width="stretch", column_config=ui.number_columns(ctx, columns, shown))


left, right = st.columns([3, 2])
with left:
    st.subheader(ctx.t("payments"))
    payments = ui.query("project_payments", year=ctx.year, month=ctx.month, code=code)
    if payments.empty:
        st.caption(ctx.t("no_payments_project"))
    else:
        shown_payments(payments)
    carried = ui.query("project_carry_over", year=ctx.year, code=code)
    if not carried.empty:      # paid in the next year's first months from this year's budget: no month end counts them
        st.markdown(f"**{ctx.t('carry_over_payments')}**")
        st.caption(ctx.t("carry_over_note", year=ctx.year))
        shown_payments(carried)
with right:
    st.subheader(ctx.t("adjustments"))
    adjustments = ui.query("project_adjustments", year=ctx.year, code=code)
    if adjustments.empty:
        st.caption(ctx.t("no_adjustments"))
    else:
        columns = ["effective_date", "doc_no", "amount_wan", "reason", "quota_doc_no", "source", "direct", "is_sample"]
        # what an 指标 file said of each (task J): columns no row has are left out
        columns = [c for c in columns if c not in ("quota_doc_no", "source", "direct") or adjustments[c].notna().any()]
        adjustments = adjustments.copy()
        adjustments["direct"] = adjustments["direct"].map({True: ctx.t("yes"), False: ctx.t("no")})
        shown = ui.localise(adjustments, ctx, columns)
        st.dataframe(shown, hide_index=True, width="stretch", column_config=ui.number_columns(ctx, columns, shown))

if not carried.empty:   # the year closed at a cut-off after 31 December that the user picks (full width: six KPIs)
    months = list(range(13, 13 + ingest.CARRY_OVER_MONTHS))
    latest = 12 + pd.Timestamp(carried["pay_date"].max()).month
    through = st.columns([1, 3])[0].selectbox(ctx.t("closed_through"), months, index=months.index(latest), key="closed_through",
                                              format_func=lambda m: ctx.t("closed_month", year=ctx.year + 1,
                                                                          month=m - 12))
    closed = ui.query("closed_year_status", **ctx.closed_params(through, [detail["section"]], limit=None))
    closed_now = closed[closed["project_code"] == code].iloc[0]
    st.caption(ctx.t("closed_note", year=ctx.year, cut_off=ctx.t("closed_month", year=ctx.year + 1, month=through - 12)))
    ui.pace_metrics(ctx, closed_now).metric(ctx.col("status"), i18n.status(closed_now["status"], ctx.lang))

st.subheader(ctx.t("goals"))
st.markdown(f"**{ctx.t('purpose')}**：{ui.plain(detail['purpose'] or '—')}")
for n, goal in enumerate((detail["goal_1"], detail["goal_2"]), start=1):
    if goal:
        st.markdown(f"**{ctx.t('goal', n=n)}**：{ui.plain(goal)}")
st.subheader(ctx.t("indicators"))
indicators = ui.query("project_indicators", year=ctx.year, code=code)
if indicators.empty:
    st.caption(ctx.t("no_indicators"))
else:
    columns = ["level_1", "level_2", "level_3", "description", "symbol", "target_value", "unit", "basis"]
    st.dataframe(ui.localise(indicators, ctx, columns), hide_index=True, width="stretch")

# ------------------------------------------------------------------ 双监控: goals as well as money
st.header(ctx.t("dual_title"))
st.caption(ctx.t("dual_note", month=ctx.month_label))
values = ui.query("indicator_values", year=ctx.year, month=ctx.month, code=code, scope=ctx.scope)
if not values.empty:
    judged_labels = {s: i18n.indicator_status(s, ctx.lang) for s in rules.INDICATOR_STATUSES}
    NOT_JUDGED = "—"        # no judgement: a dash, never an empty cell Streamlit shows as "None" (issue 36)
    editor = pd.DataFrame({
        "seq": values["seq"],
        ctx.col("level_3"): values["level_3"],
        ctx.col("symbol"): values["symbol"].fillna(""),
        ctx.col("target_value"): values["target_value"].fillna(""),
        ctx.col("unit"): values["unit"].fillna(""),
        ctx.t("actual_value"): values["actual_value"].fillna(""),
        ctx.t("judged"): values["judged_status"].map(judged_labels).fillna(NOT_JUDGED),
        ctx.t("indicator_status"): [
            i18n.indicator_status(rules.indicator_status(s, t, a, j), ctx.lang)
            for s, t, a, j in zip(values["symbol"], values["target_value"], values["actual_value"],
                                  values["judged_status"])],
    })
    edited = st.data_editor(
        editor, hide_index=True, width="stretch", key=f"indicators_{code}_{ctx.month}",
        disabled=True if not answers else [c for c in editor.columns if c not in (ctx.t("actual_value"), ctx.t("judged"))],
        column_config={"seq": None, ctx.t("actual_value"): st.column_config.TextColumn(
            ctx.t("actual_value"), max_chars=rules.MAX_TEXT_CHARS), ctx.t("judged"): st.column_config.SelectboxColumn(
            ctx.t("judged"), options=[NOT_JUDGED] + list(judged_labels.values()))})
    if answers and st.button(ctx.t("save_indicators"), icon=":material/save:"):
        from_label = {v: k for k, v in judged_labels.items()}
        rows: list[tuple[int, str | None, str | None]] = [
            (int(r["seq"]), str(r[ctx.t("actual_value")] or ""), from_label.get(r[ctx.t("judged")]))
                for r in edited.to_dict("records")]
        ui.write(lambda con: monitoring.save_indicator_values(con, ctx.user, ctx.year, code, ctx.month, rows),
                 lambda changed: ctx.t("saved_n", n=changed), "project_flash", ctx.lang)

st.subheader(ctx.t("return_title"))
if flash := st.session_state.pop("project_flash", None):
    st.success(flash, icon=":material/check_circle:")
returns = ui.query("monitoring_returns", year=ctx.year, month=ctx.month, code=code, scope=ctx.scope)
saved = returns.iloc[0] if len(returns) else None
# nothing entered this month yet: start from last month's return (the person confirms or changes it)
earlier = ui.query("monitoring_returns", year=ctx.year, month=ctx.month - 1, code=code, scope=ctx.scope) if saved is None else None
prefill = saved if saved is not None else (earlier.iloc[0] if earlier is not None and len(earlier) else None)
if saved is None and prefill is not None:
    st.caption(ctx.t("return_prefilled"))
december = curve[curve["as_of_month"] == 12].iloc[0]
guess = rules.forecasts_wan(now["actual_wan"], now["plan_pct"], december["plan_pct"], ctx.month)
methods = {"plan_shape": ctx.t("method_plan_shape"), "run_rate": ctx.t("method_run_rate"),
           "manual": ctx.t("method_manual")}
a, b = st.columns(2)
a.metric(ctx.t("forecast_plan_shape"), "—" if guess["plan_shape"] is None else ui.fmt_wan(guess["plan_shape"]))
b.metric(ctx.t("forecast_run_rate"), ui.fmt_wan(guess["run_rate"]))
if not answers:
    st.caption(ctx.t("read_only_return"))
# the method outside the form: choosing it changes the figure below before anything is saved
prefilled_method = prefill["forecast_method"] if prefill is not None and prefill["forecast_method"] in methods else None
method = st.radio(ctx.t("forecast_method"), list(methods), format_func=methods.get, horizontal=True,
                  index=list(methods).index(prefilled_method or "run_rate"), disabled=not answers,
                  key=f"return_method_{code}_{ctx.month}")
if prefill is not None and method == prefilled_method:
    default = prefill["forecast_wan"]          # what was saved (or last month's), as it was
elif method != "manual":    # the method's own figure; none while it has none (never another method's)
    default = guess.get(method)
else:
    default = prefill["forecast_wan"] if prefill is not None else None
with st.form(f"return_{code}_{ctx.month}"):
    forecast = st.number_input(ctx.t("forecast_wan"), min_value=0.0, value=None if default is None else float(default),
                               step=0.01, format="%.2f", disabled=not answers,
                               key=f"return_forecast_{code}_{ctx.month}_{method}")
    causes = list(rules.DEVIATION_CAUSES)
    cause = st.selectbox(ctx.t("deviation_cause"), [None, *causes],
                         index=(causes.index(prefill["deviation_cause"]) + 1) if prefill is not None and prefill["deviation_cause"] else 0,
                         format_func=lambda c: "—" if c is None else c, disabled=not answers)
    known = prefill.get("cause_text") if prefill is not None else None
    cause_text = st.text_input(ctx.t("cause_text"), value=known if isinstance(known, str) else "",
                               max_chars=max(rules.MAX_TEXT_CHARS, len(known) if isinstance(known, str) else 0),
                               disabled=not answers)     # the cause in words; an older longer text is not cut
    chances = list(rules.LIKELIHOODS)
    likelihood = st.selectbox(ctx.t("likelihood"), [None, *chances],
                              index=(chances.index(prefill["likelihood"]) + 1) if prefill is not None and prefill["likelihood"] else 0,
                              format_func=lambda c: "—" if c is None else c, disabled=not answers)
    action = st.text_area(ctx.t("corrective_action"), value=(prefill["corrective_action"] or "") if prefill is not None else "",
                          max_chars=max(rules.MAX_TEXT_CHARS, len(str(prefill["corrective_action"] or "")) if prefill is not None else 0),
                          disabled=not answers)     # never cut silently: the save says it is too long
    st.caption(ctx.t("entered_as", who=ui.plain(ctx.user.name or ui.person(ctx.user.actor))))
    if st.form_submit_button(ctx.t("save_return"), icon=":material/save:", disabled=not answers):
        figure = guess.get(method)
        method = rules.method_used(method, figure, forecast)
        ui.write(lambda con: monitoring.save_return(con, ctx.user, ctx.year, code, ctx.month, forecast, method,
                                                    cause, likelihood, action, cause_text=cause_text.strip() or None),
                 lambda version: ctx.t("return_version_saved", version=version), "project_flash", ctx.lang)
if saved is not None:
    st.caption(ctx.t("return_saved", who=ui.plain(ui.person(saved["entered_by"]) or "—"),
                     when=pd.Timestamp(saved["entered_at"]).strftime("%Y-%m-%d %H:%M")))
    history = ui.query("monitoring_return_history", year=ctx.year, code=code, month=ctx.month)
    if len(history) > 1:
        with st.expander(ctx.t("return_history", n=len(history))):
            columns = ["version", "entered_at", "entered_by", "forecast_wan", "forecast_method", "deviation_cause",
                       "likelihood", "corrective_action"]
            people = ui.people()
            history = history.assign(entered_by=history["entered_by"].map(lambda login: ui.person(login, people)))
            st.dataframe(ui.blank_text(bulletin.table(history, columns, ctx.lang)), hide_index=True, width="stretch")
