"""审计 — the audit log for admins and leaders: every write, who did it, when, before and after."""

from datetime import date, timedelta

import streamlit as st

from spending import audit, export, ui

ctx = ui.context()
ui.require(ctx.user.reads_audit, ctx)
ui.sync_address(ctx)
st.title(ctx.t("page_audit"))
since = st.date_input(ctx.t("audit_since"), value=date.today() - timedelta(days=30), format="YYYY-MM-DD")
log = ui.fetch("audit_log", since=since, limit=ui.MAX_TABLE_ROWS)
if log.empty:
    st.caption(ctx.t("audit_empty"))
    st.stop()
log = log.assign(audit_kind=[audit.kind_label(a, ctx.lang) for a in log["action"]],
                 detail=[audit.describe(d, ctx.lang) for d in log["detail"].where(log["detail"].notna(), None)],
                 action=[audit.action_label(a, ctx.lang) for a in log["action"]])
shown = ui.localise(log, ctx, ["at", "actor", "audit_kind", "action", "object", "detail"])
st.dataframe(shown, hide_index=True, width="stretch",
             column_config={ctx.col("at"): st.column_config.DatetimeColumn(ctx.col("at"), format="YYYY-MM-DD HH:mm:ss")})
if len(log) == ui.MAX_TABLE_ROWS:
    st.caption(ctx.t("audit_capped", n=ui.MAX_TABLE_ROWS))
ui.download(st, ctx.t("audit_download"), lambda now: export.to_csv(shown, [(ctx.t("page_audit"), str(since))]),
            f"audit-{since}.csv", "text/csv", ctx, allowed=lambda user: user.reads_audit, icon=":material/download:")
