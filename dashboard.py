"""支出进度监控 — entry point: page config, who is using it, navigation over app_pages/, the shared sidebar.

Imported (not run as the page), this file is the server: `streamlit run dashboard.py` finds `app` and serves
it — Streamlit's own server, with a middleware that lets no other site frame the dashboard (issue 32:
spending/framing.py). Each page view runs it as __main__."""

import streamlit as st

if __name__ != "__main__":      # imported by the server: the ASGI app it serves (nothing of the pages loaded yet)
    from spending import framing

    app = st.App(__file__, middleware=framing.middleware())
else:                           # a run of the page
    import logging

    from spending import SpendingError, clock, i18n, ui
    from spending.db import opening

    st.set_page_config(page_title=i18n.t("app_title"), page_icon=":material/monitoring:", layout="wide")
    lang = ui.language()

    pages = ui.pages(lang)
    page = st.navigation(list(pages.values()), position="hidden")
    ui.entered()

    st.sidebar.markdown(f"### {i18n.t('app_title', lang)}")
    if not opening.db_path().exists():
        st.error(i18n.t("no_database", lang))
        st.stop()
    user = ui.identify(lang)       # stops with the login, 无权访问 or 本机 page when there is no user
    for path, (_, _, _, who) in ui.PAGES.items():
        if ui.may_open(user, who):
            st.sidebar.page_link(pages[path])
    try:
        ctx = st.session_state["context"] = ui.sidebar(clock.today(lenient=True), user)
        if ui.sample_loaded():
            st.warning(i18n.t("sample_banner", lang), icon=":material/science:")
    except SpendingError as error:
        st.error(ui.said(error, lang))
        st.stop()
    ui.address_notices()
    if (asked := ui.unknown_path(st.context.url, st.get_option("server.baseUrlPath"))) is not None:
        st.warning(i18n.t("bad_page", lang, asked=ui.plain(asked)), icon=":material/link_off:")
    ui.data_currency(ctx)
    ui.open_inquiries(ctx)
    ui.who_is_here(user, lang)
    ui.compact_on_phones()
    ui.uploader_words(lang)
    try:
        page.run()
    except SpendingError as error:   # what we say in words (a bad SPENDING_TODAY on the 预警与问询 page): said as it is
        st.error(ui.said(error, lang), icon=":material/error:")
    except Exception:   # a bug of ours: a friendly message here, the whole trace in the server's log
        logging.getLogger("spending").exception("page %s failed", page.url_path or "/")
        st.error(i18n.t("page_failed", lang), icon=":material/error:")
