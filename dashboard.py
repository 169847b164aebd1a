"""支出进度监控 — entry point: page config, navigation over app_pages/, the shared sidebar."""

from datetime import date

import streamlit as st

from spending import SpendingError, db, i18n, ui

st.set_page_config(page_title="支出进度监控", page_icon=":material/monitoring:", layout="wide")
lang = ui.language()

PAGES = [
    st.Page("app_pages/overview.py", title=i18n.t("page_overview", lang), icon=":material/dashboard:", default=True),
    st.Page("app_pages/pacing.py", title=i18n.t("page_pacing", lang), icon=":material/speed:", url_path="pacing"),
    st.Page("app_pages/sections.py", title=i18n.t("page_sections", lang), icon=":material/groups:", url_path="sections"),
    st.Page("app_pages/project.py", title=i18n.t("page_project", lang), icon=":material/folder_open:", url_path="project"),
    st.Page("app_pages/data.py", title=i18n.t("page_data", lang), icon=":material/upload_file:", url_path="data"),
]
page = st.navigation(PAGES)
st.sidebar.markdown(f"### {i18n.t('app_title', lang)}")

if not db.db_path().exists():
    st.error(i18n.t("no_database", lang))
    st.stop()
try:
    st.session_state["context"] = ui.sidebar(date.today())
    if ui.query("sample_loaded")["sample_rows"].iloc[0] > 0:
        st.warning(i18n.t("sample_banner", lang), icon=":material/science:")
except SpendingError as error:
    st.error(str(error))
    st.stop()
page.run()
