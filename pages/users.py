"""用户 — accounts for admins: who may log in, with which role and sections (the same as `user add`)."""

import streamlit as st

from spending import auth, i18n, ui

ctx = ui.context()
ui.require(ctx.user.is_admin, ctx)
ui.sync_address(ctx)
st.title(ctx.t("page_users"))
if flash := st.session_state.pop("users_flash", None):
    st.success(flash, icon=":material/check_circle:")   # already plain text in the page's language
if ctx.user.local:
    st.info(ctx.t("users_local_note"), icon=":material/info:")

accounts = ui.fetch("accounts/accounts")
if accounts.empty:
    st.caption(ctx.t("no_accounts"))
else:
    shown = accounts.assign(role=[i18n.ROLES[r][ctx.lang == "en"] for r in accounts["role"]],
                            sections=["、".join(s) for s in accounts["sections"]])
    st.dataframe(ui.localise(shown, ctx, ["email", "name", "role", "sections"]), hide_index=True, width="stretch")

sections = ui.query("accounts/known_sections")["section"].tolist()
st.subheader(ctx.t("user_add"))
with st.form("user_add", clear_on_submit=True):
    a, b = st.columns(2)
    email = a.text_input(ctx.col("email"), placeholder="name@bureau.gov.cn")
    name = b.text_input(ctx.col("name"))
    role = st.radio(ctx.col("role"), auth.ROLES, horizontal=True, index=2,
                    format_func=lambda r: i18n.ROLES[r][ctx.lang == "en"])
    chosen = st.multiselect(ctx.t("user_sections"), sections, placeholder=ctx.t("user_sections_hint"))
    if st.form_submit_button(ctx.t("user_save"), icon=":material/person_add:", type="primary"):
        ui.write(lambda con: auth.save(con, email, role, chosen if role == "section" else [], name, ctx.user.actor),
                 lambda saved: ctx.t("user_saved", who=ui.plain(saved.label(ctx.lang))), "users_flash", ctx.lang)

if not accounts.empty:
    st.subheader(ctx.t("user_remove"))
    a, b = st.columns([2, 1])
    # no account chosen until the admin chooses one (never their own by default)
    login = a.selectbox(ctx.col("email"), accounts["email"].tolist(), key="user_remove_choice", index=None,
                        placeholder=ctx.t("user_remove_pick"))
    sure = a.checkbox(ctx.t("user_remove_confirm"), key="user_remove_sure")
    if b.button(ctx.t("user_remove"), disabled=not sure or login is None, icon=":material/person_remove:") \
            and login is not None:
        removed: str = login
        ui.write(lambda con: auth.remove(con, removed, ctx.user.actor),
                 lambda _: ctx.t("user_removed", who=ui.plain(removed)), "users_flash", ctx.lang)
