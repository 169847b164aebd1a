"""预警与问询 (issue 13) — admins issue the month's inquiries and download the letters; sections answer
theirs (open ones first), each form asking what its inquiry asks (notice_rules.ask, issue 21: the catch-up
month, 追加预算 or an explanation when overspent, 结转/结余 in December) with the forecast starting from
the chosen method's figure; admins close overspending and year-end inquiries by the treasury's
decision; leadership sees the answers per section, the 红色 answers and the 约谈 list.
Rights are checked in spending.notices / spending.monitoring, not by hiding widgets. "Today" is
notices.today(): $SPENDING_TODAY when set, read on every run."""


from functools import partial

import pandas as pd
import streamlit as st

from spending import SpendingError, bulletin, i18n, mail, notice_letters, notice_rules, notices, rules, ui

page = ui.context()
ui.sync_address(page)
st.title(page.t("page_notices"))
ctx = ui.guard(page, "notices_no_year")
today = notices.today()
st.caption(ctx.t("notices_today", today=today.isoformat()))
if flash := st.session_state.pop("notices_flash", None):
    st.success(ui.said(flash, ctx.lang), icon=":material/check_circle:")
month = i18n.month_label(ctx.year, ctx.month, ctx.lang)


def show(rows: list[dict], columns: list[str], key: str | None = None) -> None:
    names = ui.people()
    people = [{**r, **{k: ui.person(r[k], names) for k in ("answered_by", "issued_by", "decided_by", "reviewed_by")
                       if k in r}} for r in rows]
    frame = pd.DataFrame(notices.table_rows(people, columns, ctx.lang))
    level = notices.column("level", ctx.lang)
    colors = {notices.level_label(k, ctx.lang): c for k, c in notices.LEVEL_COLORS.items()}
    styled = frame.style.map(lambda v: f"color: {colors[v]}; font-weight: 700" if v in colors else "",
                             subset=[level]) if level in frame else frame
    st.dataframe(styled, hide_index=True, width="stretch", key=key, column_config=ui.two_decimals(frame))


METHODS = {"plan_shape": ctx.t("method_plan_shape"), "run_rate": ctx.t("method_run_rate"),
           "manual": ctx.t("method_manual")}
rows = ui.read(notices.inquiries, ctx.year, ctx.month, ctx.thresholds, today, ctx.scope)
LIST = ["section", "project_code", "project_name", "level", "deviation_pp", "due", "answered_at", "state"]
ANSWER = ["section", "project_name", "level", "deviation_cause", "cause_text", "corrective_action", "catch_up_month",
          "unspent_handling", "forecast_wan", "answered_by", "answered_at", "state", "review_reason", "decision"]

# ------------------------------------------------------------------ admins: warnings, issue, letters
if ctx.user.is_admin:
    st.subheader(ctx.t("notices_warnings", month=month))
    st.caption(ctx.t("notices_level_rule", yellow=ctx.thresholds.yellow, red=ctx.thresholds.red))
    found = ui.read(notices.warnings, ctx.year, ctx.month, ctx.thresholds)
    if found:
        show(found, ["section", "project_code", "project_name", "level", "gap_wan", "status", "actual_pct",
                     "plan_pct", "deviation_pp"], key="warnings")      # issue 37: the amount in view
    else:
        st.caption(ctx.t("notices_no_warnings"))
    with st.form("notices_issue"):
        proposed, guessed = notice_rules.reply_by(today)
        due = st.date_input(ctx.t("notices_due"), value=proposed, min_value=today)
        st.caption(ctx.t("notices_issue_note"))
        if guessed:
            st.caption(ui.said(guessed, ctx.lang))
        if ctx.not_yet_imported:      # issue 37: a month past 数据截至 is not issued on (as the command line)
            st.warning(ctx.t("notices_month_past_data", month=month, date=ctx.paid_to or "—"), icon=":material/block:")
        if st.form_submit_button(ctx.t("notices_issue"), icon=":material/send:", type="primary",
                                 disabled=ctx.not_yet_imported):
            ui.write(lambda con: notices.issue(con, ctx.user, ctx.year, ctx.month, ctx.thresholds, due=due,
                                               today=today),
                     lambda issued: issued.summary(), "notices_flash", ctx.lang)

# ------------------------------------------------------------------ sections: open inquiries first, answer each
if ctx.user.role == "section":
    everything = ui.read(notices.inquiries, ctx.year, None, ctx.thresholds, today, ctx.scope)
    waiting = [r for r in everything if r["state"] in notice_rules.WAITING]
    waiting.sort(key=lambda r: (r["state"] not in ("overdue", "returned"), r["due"], r["month"], r["project_code"]))
    st.subheader(ctx.t("notices_waiting", n=len(waiting)))
    if not waiting:
        st.caption(ctx.t("notices_nothing_waiting"))
    for r in waiting:
        title = ctx.t("notices_inquiry", month=i18n.month_label(r["fiscal_year"], r["month"], ctx.lang),
                      name=r["project_name"], code=r["project_code"], level=notices.level_label(r["level"], ctx.lang),
                      due=r["due"].isoformat(), state=notices.state_label(r["state"], ctx.lang))
        with st.expander(ui.plain(title), expanded=True, icon=":material/mark_email_unread:"):
            st.markdown(ui.plain(ctx.t("notices_figures", budget=ui.fmt_wan(r["budget_wan"]),
                                       actual=ui.fmt_wan(r["actual_wan"]), actual_pct=ui.fmt_pct(r["actual_pct"]),
                                       plan_pct=ui.fmt_pct(r["plan_pct"]), dev=ui.fmt_pp(r["deviation_pp"]))))
            if r["state"] == "returned":      # issue 36: the treasury's reason, then the form to answer again
                st.error(ui.plain(ctx.t("notices_returned_reason", reason=r["review_reason"],
                                        by=ui.person(r["reviewed_by"], ui.people()),
                                        at=r["reviewed_at"].strftime("%Y-%m-%d %H:%M"))), icon=":material/undo:")
            asks = r["ask"]        # what this inquiry asks for (notice_rules.ask): behind, overspent, year_end
            if asks == "overspent":
                st.warning(ctx.t("notices_ask_overspent", over=ui.fmt_wan(rules.over_budget_wan(r["actual_wan"], r["budget_wan"]))),
                           icon=":material/warning:")
            elif asks == "year_end":
                st.warning(ctx.t("notices_ask_year_end", unspent=ui.fmt_wan(-rules.over_budget_wan(r["actual_wan"], r["budget_wan"]))),
                           icon=":material/event:")
            key = f"{r['month']}_{r['project_code']}"
            # outside the form: choosing the method changes the figure below before anything is saved
            method = st.radio(ctx.t("notices_method"), list(METHODS), format_func=METHODS.get, horizontal=True,
                              key=f"answer_method_{key}")
            figure = notice_rules.forecast_default(r, method)
            with st.form(f"answer_{key}"):
                causes = [None] + list(rules.DEVIATION_CAUSES)
                cause = st.selectbox(ctx.t("notices_cause"), causes, format_func=lambda c: "—" if c is None else c)
                cause_text = st.text_area(ctx.t("notices_cause_text"), max_chars=rules.MAX_TEXT_CHARS)
                action = st.text_area(ctx.t({"behind": "notices_action", "overspent": "notices_action_overspent",
                                             "year_end": "notices_action_year_end"}[asks]),
                                      max_chars=rules.MAX_TEXT_CHARS)
                catch_up = handling = None
                if asks == "behind":
                    offered = notice_rules.catch_up_months(r["month"], r["fiscal_year"], today)    # no month already past
                    catch_up = st.selectbox(ctx.t("notices_catch_up"), offered, index=len(offered) - 1,
                                            format_func=lambda m: i18n.month_name(m, ctx.lang))
                elif asks == "year_end":
                    handling = st.selectbox(ctx.t("notices_handling"), [None] + list(notice_rules.UNSPENT_HANDLING),
                                            format_func=lambda h: "—" if h is None else h)
                forecast = st.number_input(ctx.t("notices_forecast"), min_value=0.0, step=0.01, format="%.2f",
                                           value=None if figure is None else float(figure),
                                           key=f"answer_forecast_{key}_{method}")
                st.caption(ctx.t("notices_answer_note"))
                if st.form_submit_button(ctx.t("notices_answer"), icon=":material/reply:", type="primary"):
                    method = rules.method_used(method, figure, forecast)
                    # this row's values bound now (not a closure over the loop's variables)
                    answer = partial(notices.answer, user=ctx.user, year=ctx.year, month=r["month"],
                                     code=r["project_code"], cause=cause, cause_text=cause_text, action=action,
                                     catch_up_month=catch_up,
                                     forecast_wan=None if forecast is None else f"{forecast:.2f}", method=method,
                                     unspent_handling=handling)
                    ui.write(answer, lambda version: ctx.t("notices_answer_saved", version=version), "notices_flash",
                             ctx.lang)
    done = [r for r in everything if r["state"] not in notice_rules.WAITING]
    if done:
        st.subheader(ctx.t("notices_answered_list"))
        show(done, ["as_of"] + ANSWER[1:], key="answered")

# ------------------------------------------------------------------ everyone: the month's inquiries
st.subheader(ctx.t("notices_list", month=month))
if rows:
    show(rows, LIST, key="inquiries")
else:
    st.caption(ctx.t("notices_none"))

# ------------------------------------------------------------------ leadership (and admins): how the sections answer
if ctx.user.role in ("leader", "admin") and rows:
    st.subheader(ctx.t("notices_summary"))
    counts = notice_rules.summary(rows)
    totals = {k: sum(c[k] for c in counts) for k in notice_rules.SUMMARY_COLUMNS[1:]}
    st.markdown(ui.plain(ctx.t("notices_totals", **totals) + ctx.t("notices_totals_review", **totals)))
    summary = pd.DataFrame(counts)
    st.dataframe(summary.rename(columns={c: notices.column(c, ctx.lang) for c in summary.columns}),
                 hide_index=True, width="stretch", key="summary")
    st.subheader(ctx.t("notices_red_answers"))
    red = notice_rules.red_answers(rows)
    if red:
        show(red, ANSWER, key="red_answers")
    else:
        st.caption(ctx.t("notices_no_red_answers"))
    st.subheader(ctx.t("notices_escalated"))
    escalated = ui.read(notices.escalations, ctx.year, ctx.month, ctx.thresholds, today)
    if escalated:
        show(escalated, ["section", "project_code", "project_name", "level", "deviation_pp", "state"], key="escalated")
    else:
        st.caption(ctx.t("notices_no_escalated"))

# ------------------------------------------------------------------ admins: review the answers (issue 36)
if ctx.user.is_admin and rows:
    st.subheader(ctx.t("notices_review"))
    st.caption(ctx.t("notices_review_note"))
    answered = {r["project_code"]: r for r in rows if r["state"] == "answered"}
    if not answered:
        st.caption(ctx.t("notices_nothing_to_review"))
    else:
        show(list(answered.values()), ANSWER, key="to_review")

        def named(code: str) -> str:
            return f"{answered[code]['project_name']}（{answered[code]['section']}）"

        def reviewed(codes: list[str], verdict: str, reason: str | None, flash: str) -> None:
            ui.write(lambda con: notices.review(con, ctx.user, ctx.year, ctx.month, codes, verdict, reason, today),
                     lambda _: flash, "notices_flash", ctx.lang)

        with st.form("notices_accept"):
            chosen = st.multiselect(ctx.t("notices_review_pick"), list(answered), format_func=named,
                                    placeholder=ctx.t("notices_review_placeholder"))
            if st.form_submit_button(ctx.t("notices_accept"), icon=":material/done_all:", type="primary"):
                reviewed(chosen, "accepted", None, ctx.t("notices_accepted", n=len(chosen)))
        with st.form("notices_return"):
            which = st.selectbox(ctx.t("notices_return_which"), list(answered), format_func=named)
            reason = st.text_input(ctx.t("notices_return_reason"), max_chars=rules.MAX_TEXT_CHARS)
            if st.form_submit_button(ctx.t("notices_return"), icon=":material/undo:"):
                reviewed([which], "returned", reason, ctx.t("notices_returned", name=answered[which]["project_name"]))

# ------------------------------------------------------------------ admins: close by the treasury's decision
if ctx.user.is_admin and rows:
    st.subheader(ctx.t("notices_decide"))
    st.caption(ctx.t("notices_decide_note"))
    pending = {f"{r['month']}_{r['project_code']}": r for r in notice_rules.decidable(rows)}
    if not pending:
        st.caption(ctx.t("notices_nothing_to_decide"))
    else:
        which = st.selectbox(ctx.t("notices_decide_which"), list(pending), key="decide_which", format_func=lambda k: (
            f"{pending[k]['project_name']}（{pending[k]['section']}，{notices.level_label(pending[k]['level'], ctx.lang)}，"
            f"{notices.state_label(pending[k]['state'], ctx.lang)}）"))
        with st.form("notices_decide"):       # the decisions that fit what the chosen inquiry asked
            decision = st.selectbox(ctx.t("notices_decision"), list(i18n.DECISIONS[pending[which]["ask"]]))
            note = st.text_input(ctx.t("notices_decision_note"), max_chars=rules.MAX_TEXT_CHARS)
            if st.form_submit_button(ctx.t("notices_decide"), icon=":material/task_alt:"):
                inquiry = pending[which]
                ui.write(lambda con: notices.decide(con, ctx.user, ctx.year, inquiry["month"], inquiry["project_code"],
                                                    decision, note),
                         lambda _: ctx.t("notices_decided", name=inquiry["project_name"], decision=decision),
                         "notices_flash", ctx.lang)

if ctx.user.is_admin and rows:
    st.subheader(ctx.t("notices_letters"))
    per_section = notice_letters.letter_rows(rows)
    sample = ui.sample_loaded()
    ui.download(st, ctx.t("notices_download_zip"),        # issue 36: every letter at once
                lambda now: notice_letters.letters_zip(now.year, now.month, per_section, today, now.lang, sample),
                notice_letters.letters_zip_name(ctx.year, ctx.month, sample, ctx.lang), "application/zip", ctx,
                allowed=ui.admins, icon=":material/folder_zip:", key="letters_zip")
    a, b, c = st.columns([2, 1, 1])
    section = a.selectbox(ctx.t("notices_letter_section"), list(per_section), key="letter_section")
    sample = ui.sample_loaded()
    ui.download(b, ctx.t("notices_download_xlsx"),
                lambda now: notice_letters.letter_xlsx(now.year, now.month, section, per_section[section], bulletin.issuer(),
                                                now.lang, sample),
                notice_letters.letter_name(ctx.year, ctx.month, section, "xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ctx, allowed=ui.admins,
                icon=":material/table:")
    made = st.session_state.get("letter_pdf")
    if made and made[0] == (ctx.year, ctx.month, section):
        made_pdf: bytes = made[1]
        ui.download(c, ctx.t("notices_download_pdf"), lambda now: made_pdf,
                    notice_letters.letter_name(ctx.year, ctx.month, section, "pdf"), "application/pdf", ctx,
                    allowed=ui.admins, icon=":material/picture_as_pdf:")
    elif c.button(ctx.t("notices_letter_pdf"), icon=":material/picture_as_pdf:"):
        try:
            pdf = notice_letters.letter_pdf(ctx.year, ctx.month, section, per_section[section], bulletin.issuer(), today,
                                     ctx.lang, ui.sample_loaded())
        except SpendingError as error:
            st.error(ui.said(error, ctx.lang))
        else:
            st.session_state.letter_pdf = ((ctx.year, ctx.month, section), pdf)
            st.rerun()

# ------------------------------------------------------------------ admins: the letters by mail, and what went out (issue 36)
if ctx.user.is_admin and rows:
    st.subheader(ctx.t("notices_mail"))
    st.caption(ctx.t("notices_mail_note"))
    if said := st.session_state.pop("notices_mail_said", None):
        first, *rest = said[0].splitlines()          # the counts, then one line per section: a list
        (st.error if said[1] else st.success)("\n".join([ui.said(first, ctx.lang), ""] + [f"- {ui.said(line, ctx.lang)}"
                                                                                      for line in rest]),
                                              icon=":material/mail:")
    settings: mail.Settings | None
    try:
        settings = mail.settings()
    except SpendingError as error:
        settings = None
        st.warning(ui.said(error, ctx.lang), icon=":material/mail_lock:")
    if st.button(ctx.t("notices_send"), icon=":material/forward_to_inbox:", key="notices_send", disabled=settings is None):
        ui.write(lambda con: mail.send(con, ctx.user, ctx.year, ctx.month, ctx.thresholds, settings, today, ctx.lang),
                 lambda outcome: (outcome.summary(ctx.lang), bool(outcome.failed)), "notices_mail_said", ctx.lang)
    st.subheader(ctx.t("notices_outbox"))
    sent = ui.read(mail.outbox, ctx.year)
    if sent:
        names = ui.people()
        shown = [{**r, "kind": ctx.t(f"mail_kind_{r['kind']}"),
                  "recipients": "、".join(f"{names[a]} <{a}>" if a in names else a for a in r["recipients"]),
                  "attachments": "、".join(r["attachments"])} for r in sent]
        st.dataframe(pd.DataFrame(notices.table_rows(shown, mail.OUTBOX_COLUMNS, ctx.lang)), hide_index=True,
                     width="stretch", key="outbox")
    else:
        st.caption(ctx.t("notices_outbox_none"))
