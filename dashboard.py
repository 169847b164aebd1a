"""支出进度监控 — entry point: page config, who is using it, navigation over app_pages/, the shared sidebar."""

import logging
from datetime import date

import streamlit as st

from spending import SpendingError, db, i18n, ui

st.set_page_config(page_title="支出进度监控", page_icon=":material/monitoring:", layout="wide")
lang = ui.language()

# Every page is registered so that its address resolves; the sidebar links only to the pages the
# user's role may open, and each page checks the role itself (ui.require) before showing anything.
PAGES = {   # url path: (file, title, icon, who may open it)
    "": ("app_pages/overview.py", "page_overview", ":material/dashboard:", "everyone"),
    "pacing": ("app_pages/pacing.py", "page_pacing", ":material/speed:", "everyone"),
    "sections": ("app_pages/sections.py", "page_sections", ":material/groups:", "everyone"),
    "project": ("app_pages/project.py", "page_project", ":material/folder_open:", "everyone"),
    "data": ("app_pages/data.py", "page_data", ":material/upload_file:", "admin"),
    "users": ("app_pages/users.py", "page_users", ":material/manage_accounts:", "admin"),
    "audit": ("app_pages/audit.py", "page_audit", ":material/history:", "audit"),
}
pages = {path: st.Page(file, title=i18n.t(title, lang), icon=icon, url_path=path or None, default=not path)
         for path, (file, title, icon, _) in PAGES.items()}
page = st.navigation(list(pages.values()), position="hidden")

st.sidebar.markdown(f"### {i18n.t('app_title', lang)}")
if not db.db_path().exists():
    st.error(i18n.t("no_database", lang))
    st.stop()
user = ui.identify(lang)       # stops with the login, 无权访问 or 本机 page when there is no user
for path, (_, _, _, who) in PAGES.items():
    if ui.may_open(user, who):
        st.sidebar.page_link(pages[path])
try:
    ctx = st.session_state["context"] = ui.sidebar(date.today(), user)
    if ui.query("sample_loaded")["sample_rows"].iloc[0] > 0:
        st.warning(i18n.t("sample_banner", lang), icon=":material/science:")
except SpendingError as error:
    st.error(ui.plain(error))
    st.stop()
ui.address_notices()
ui.data_currency(ctx)
ui.who_is_here(user, lang)
try:
    page.run()
except Exception:   # a bug of ours: a friendly message here, the whole trace in the server's log
    logging.getLogger("spending").exception("page %s failed", page.url_path or "/")
    st.error(i18n.t("page_failed", lang), icon=":material/error:")
