"""The page registry: every page of the dashboard, its file, title, icon and who may open it (the one
place a new page is added: its file in pages/, its entry in PAGES, its title in i18n.py)."""

from __future__ import annotations

import streamlit as st

from spending import i18n

# Every page is registered so that its address resolves; the sidebar links only to the pages the
# user's role may open, and each page checks the role itself (require) before showing anything.
PAGES = {   # url path: (file beside the entry script, title, icon, who may open it)
    "": ("pages/overview.py", "page_overview", ":material/dashboard:", "everyone"),
    "pacing": ("pages/pacing.py", "page_pacing", ":material/speed:", "everyone"),
    "sections": ("pages/sections.py", "page_sections", ":material/groups:", "everyone"),
    "project": ("pages/project.py", "page_project", ":material/folder_open:", "everyone"),
    "data": ("pages/data.py", "page_data", ":material/upload_file:", "admin"),
    "users": ("pages/users.py", "page_users", ":material/manage_accounts:", "admin"),
    "audit": ("pages/audit.py", "page_audit", ":material/history:", "audit"),
    "notices": ("pages/notices.py", "page_notices", ":material/campaign:", "everyone"),      # issue 13
}


def pages(lang: str) -> dict:
    return {path: st.Page(file, title=i18n.t(title, lang), icon=icon, url_path=path or None, default=not path)
            for path, (file, title, icon, _) in PAGES.items()}


def unknown_path(url: str | None, base: str | None = "") -> str | None:
    """The page path of the browser's address `url` (st.context.url) when it names none of PAGES
    (Streamlit then runs the default page, saying so only in English): the path as asked, else None.
    `base`: server.baseUrlPath (a dashboard served under /spending/)."""
    from urllib.parse import unquote, urlsplit

    if not url:
        return None
    path = unquote(urlsplit(url).path).strip("/")
    base = (base or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    return None if path in PAGES else path
