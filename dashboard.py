"""支出进度监控 — the dashboard's entry point: page config, navigation and the shared sidebar."""

import streamlit as st

st.set_page_config(page_title="支出进度监控", page_icon="📊", layout="wide")
st.title("支出进度监控")
st.write("页面建设中。")
