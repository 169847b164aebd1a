"""数据 — what is loaded, the monthly import (preview, then confirm; a file whose headers do not map gets
the mapping step and is saved as a 导入方案, spending.mappings), history and undo, sample data, templates
and backups."""

import hashlib
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from functools import partial

import pandas as pd
import streamlit as st

from spending import SpendingError, characters, clock, document, document_load, export, i18n, ingest, mappings, processes, seed, ui
from spending.db import disk_space

ctx = ui.context()
ui.require(ctx.user.is_admin, ctx)
ui.sync_address(ctx)
st.title(ctx.t("page_data"))
for level, message in st.session_state.pop("flash", []):   # results of the last write, kept over its rerun
    getattr(st, level)(ui.said(message, ctx.lang))   # this language's half, as plain text
    if level == "success":      # issue 37: in view too where the button was pressed, far below the page's top
        st.toast(ui.said(message, ctx.lang).split("\n\n")[0], icon=":material/check_circle:")


def same_for_all(make: Callable[[], bytes | str]) -> Callable[[ui.Context], bytes | str]:
    """A download's file that is the same for every account allowed it (a template, a file's problems)."""
    return lambda now: make()


def written(messages: list[tuple[str, str]], data: bool = True) -> None:
    """After a write: fresh caches, the messages shown on the rerun, a new empty uploader; after a write
    of data (not of a 导入方案) the month in view moves to the last month imported (issue 37)."""
    ui.after_write("flash", messages, lambda: new_round(data))


def new_round(data: bool = True) -> None:
    """What a write resets besides the caches: a new empty uploader; after a write of data the month in view."""
    if data:
        ui.month_follows_data()
    st.session_state.upload_round = st.session_state.get("upload_round", 0) + 1


# ------------------------------------------------------------------ what is loaded
st.subheader(ctx.t("data_loaded"))
summary = ui.query("data_summary")
if summary.empty:
    st.info(ctx.t("no_plan", year=""))
else:
    columns = ["fiscal_year", "projects", "initial_budget_wan", "payments", "paid_wan", "adjustments", "last_pay_date"]
    st.dataframe(ui.localise(summary, ctx, columns), hide_index=True, width="stretch",
                 column_config=ui.number_columns(ctx, columns))
history = ui.query("import_history")
live = history[history["undone_at"].isna()]          # an undone batch is not the last import
if not live.empty:
    last = live.iloc[0]
    st.caption(ctx.t("last_import", file=ui.plain(last["file_name"]), kind=i18n.kind(last["kind"], ctx.lang),
                     time=pd.Timestamp(last["imported_at"]).strftime("%Y-%m-%d %H:%M")))

# ------------------------------------------------------------------ import
@st.cache_resource(show_spinner=False)
def temp_cleared() -> int:
    """Once per server process: remove the temporary copies left by processes that no longer run."""
    return processes.clear_stale_temp()


temp_cleared()
st.subheader(ctx.t("import_title"))
upload_key = f"uploads_{st.session_state.get('upload_round', 0)}"
uploads = st.file_uploader(ctx.t("import_file"), type=["csv", "txt", "xlsx", "xlsm", "xls"], accept_multiple_files=True,
                           key=upload_key)
if uploads:   # a new set of files: pre-select the kind their headers say (the user may change it)
    signature = [(u.name, u.size, getattr(u, "file_id", None)) for u in uploads]
    if st.session_state.get("kind_detected_for") != signature:
        st.session_state.kind_detected_for = signature
        detected = ingest.sniff_kind(uploads[0].name, uploads[0].getvalue())
        st.session_state.kind_note = detected
        if detected:
            st.session_state.import_kind = detected
else:
    st.session_state.pop("kind_detected_for", None)
    st.session_state.pop("kind_note", None)
a, b, c = st.columns([2, 1, 1])
kind = a.radio(ctx.t("import_kind"), ingest.KINDS, horizontal=True, format_func=lambda k: i18n.kind(k, ctx.lang),
               index=None, key="import_kind")
if uploads and st.session_state.get("kind_note"):
    a.caption(ctx.t("kind_detected", kind=i18n.kind(st.session_state.kind_note, ctx.lang)))
year = b.number_input(ctx.t("import_year"), min_value=2000, max_value=2100, value=ctx.year or clock.today().year,
                      disabled=kind != "plan")
c.caption(f"{ctx.col('imported_by')}：{ui.plain(ctx.user.name or ctx.user.actor)}")


staged = st.session_state.setdefault("staged_files", {})   # key -> (Parsed | None, problems, count)
headers_of = st.session_state.setdefault("staged_headers", {})   # key -> (the file's header, the 导入方案 used)


units_asked = st.session_state.setdefault("units_asked", {})   # unit_key -> the amount's header (a file needing a unit)


def unit_key(upload) -> str:
    """The widget key of the unit chosen for an upload's budget amount (SPEC §5: asked, never guessed)."""
    return f"unit_{upload.name}_{getattr(upload, 'file_id', '')}_{kind}"


def staging_key(upload) -> tuple:
    return (upload.name, getattr(upload, "file_id", None), upload.size, kind, year, ui.data_version(),
            st.session_state.get(unit_key(upload)))


def unit_question(upload) -> None:
    """The unit of a budget amount whose header and title rows name none: a question shown only when the
    file needs it (the preview was refused with UnitUnknown); the choice previews the file again."""
    header = units_asked.get(unit_key(upload))
    if header is not None:
        st.radio(ctx.t("unit_question", header=ui.plain(header)), tuple(ingest.UNIT_CHOICES), index=None,
                 horizontal=True, format_func=lambda u: ctx.t(f"unit_{u}"), key=unit_key(upload))


def prepared(upload, kind: str) -> tuple[ingest.Parsed | None, list[ingest.Problem], int]:
    """Read, stage and check one uploaded file (kept per upload, kind, year and data version): every
    problem at once, as a dry run of the import does (ingest.preview)."""
    key = staging_key(upload)
    if key not in staged:
        bar = st.progress(0.0, text=f"{upload.name}…")
        try:
            table = ingest.read_file(upload.name, name=upload.name, data=upload.getvalue())
            bar.progress(0.2, text=f"{upload.name} 20%")
            # The preview writes and rolls back, so it runs as the one writer of the moment (ui.writing):
            # it never collides with an import, here or in another process. Its staging is closed after;
            # the import stages the file again on its own write connection.
            with ui.writing() as con:
                headers_of[key] = (table.header, mappings.find_for(con, kind, table.header))
                parsed = ingest.parse(con, kind, table, year if kind == "plan" else None, chosen=saved_columns(key),
                                      unit=st.session_state.get(unit_key(upload)),
                                      progress=lambda share: bar.progress(0.2 + 0.6 * share, text=f"{upload.name} {0.2 + 0.6 * share:.0%}"))
                try:
                    ingest.preview(parsed)
                    first_rows = parsed.preview_rows()
                finally:
                    parsed.close()
            if parsed.problem_count:   # nothing to import
                staged[key] = (None, parsed.rejected().problems, parsed.problem_count, parsed, first_rows)
            else:
                staged[key] = (parsed, parsed.problems, parsed.problem_count, parsed, first_rows)
        except ingest.ImportRejected as rejected:
            if isinstance(rejected, ingest.UnitUnknown):
                units_asked[unit_key(upload)] = rejected.header
            staged[key] = (None, rejected.problems, rejected.total, None, None)
        except disk_space.DiskFull as full:       # the dry run's writes: said, not kept (tried again once space is freed)
            bar.empty()
            st.error(ui.said(full, ctx.lang), icon=":material/error:")
            return None, [], 0
        bar.empty()
    return staged[key][:3]


# ------------------------------------------------------------------ the mapping step (issue 20)
def saved_columns(key: tuple) -> dict[str, str] | None:
    """The columns of the 导入方案 saved for this file's headers (prepared() looked it up), if any."""
    used = headers_of.get(key, (None, None))[1]
    return used.columns if used else None


def show_mapping_used(key: tuple) -> None:
    used = headers_of.get(key, (None, None))[1]
    if used is not None:
        st.info(ctx.t("mapping_used", name=ui.plain(used.name), columns=ui.plain(used.columns_text())),
                icon=":material/rule_settings:")


def mapping_step(upload, key: tuple, problems: list[ingest.Problem], kind: str) -> None:
    """When the file's columns do not map: a header per required column (pre-filled with the best guess),
    a name, and the mapping saved as a 导入方案 for these headers; the rerun previews the file with it."""
    header = headers_of.get(key, (None, None))[0]
    if not header or headers_of[key][1] is not None or not mappings.needs_step(kind, header, problems):
        return
    if kind == "plan" and ingest.is_spending_plan([str(h) for h in header]):   # a 用款计划: no plan columns to map
        return
    plan_year = year if kind == "plan" else None
    asked = mappings.step_columns(kind, plan_year)
    guess = mappings.guesses(kind, header, asked)
    options = [None] + [h for h in dict.fromkeys(str(h) for h in header) if characters.normalise_header(h)]
    st.markdown(f"**{ctx.t('mapping_step')}**")
    st.caption(ctx.t("mapping_step_note"))
    widget = f"map_{upload.name}_{getattr(upload, 'file_id', '')}_{kind}"
    chosen: dict[str, str | None] = {}
    for group in [asked[:-12], asked[-12:]] if kind == "plan" else [asked]:   # a plan's checkpoints apart
        if group[0] in ingest.MONTHS:
            st.caption(ctx.t("mapping_months"))
        cells = st.columns(4)
        for i, column in enumerate(group):
            pick = guess.get(column)
            chosen[column] = cells[i % 4].selectbox(
                ingest.column_label(kind, column), options, index=options.index(pick) if pick in options else 0,
                format_func=lambda h: ctx.t("mapping_none") if h is None else h, key=f"{widget}_{column}")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    name = left.text_input(ctx.t("mapping_name"), value=upload.name.rsplit(".", 1)[0][:60], max_chars=mappings.MAX_NAME_CHARS,
                           key=f"{widget}_name")
    if right.button(ctx.t("mapping_save"), type="primary", icon=":material/save:", key=f"{widget}_save"):
        missing, no_month = mappings.incomplete(kind, chosen, asked)
        if missing:
            st.error(ctx.t("mapping_missing", columns="、".join(ingest.column_label(kind, c) for c in missing)))
        elif no_month:
            st.error(ctx.t("mapping_no_month"))
        else:
            ui.write(lambda con: mappings.save(con, ctx.user, name, kind, header, chosen),
                     lambda saved: [("success", ctx.t("mapping_saved", name=ui.plain(saved.name)))], "flash", ctx.lang,
                     lambda: staged.pop(key, None))      # prepared() again: the saved 导入方案 is found by the headers


def saved_mappings() -> None:
    """The saved 导入方案, and removing one (a wrongly chosen mapping is removed, then chosen again)."""
    with ui.connection() as con:
        found = mappings.listed(con)
    with st.expander(f"{ctx.t('mappings_title')}（{len(found)}）"):
        if not found:
            st.caption(ctx.t("mappings_none"))
            return
        st.dataframe(pd.DataFrame([{ctx.col("mapping"): m.name, ctx.col("kind"): i18n.kind(m.kind, ctx.lang),
                                    ctx.col("columns"): m.columns_text(), ctx.col("created_at"): m.created_at,
                                    ctx.col("created_by"): m.created_by} for m in found]),
                     hide_index=True, width="stretch")
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        gone = left.selectbox(ctx.t("mapping_remove"), [m.name for m in found], key="mapping_remove")
        if right.button(ctx.t("mapping_remove"), icon=":material/delete:", key="mapping_remove_button"):
            def forget_all() -> None:
                staged.clear()
                new_round(data=False)

            ui.write(lambda con: mappings.remove(con, ctx.user, gone),
                     lambda _: [("success", ctx.t("mapping_removed", name=gone))], "flash", ctx.lang, forget_all)


def forget_stale(current: list) -> None:
    """Close the staging of files no longer on the page (or prepared against older data or another kind)."""
    keep = {staging_key(u) for u in current}
    for key in [k for k in headers_of if k not in keep]:
        headers_of.pop(key)
    for key in [k for k in staged if k not in keep]:
        parsed = staged.pop(key)[0]
        if parsed is not None:
            parsed.close()


def problem_table(problems: list[ingest.Problem], file_kind: str) -> pd.DataFrame:
    """The problems with headers in the page's language (行号, 列, 列名, 值, 原因), the reason in it too."""
    return pd.DataFrame([{ctx.t("problem_line"): p.line, ctx.t("problem_column"): p.column,
                          ctx.t("column_zh"): ingest.column_label(file_kind, p.column),
                          ctx.t("problem_value"): "" if p.value is None else str(p.value),
                          ctx.t("problem_reason"): p.en if ctx.lang == "en" else p.zh} for p in problems])


def show_summary(parsed: ingest.Parsed, first_rows: pd.DataFrame, chosen_unit: str | None = None) -> None:
    """What was read: encoding, rows, totals, the header mapping (and the amount's unit), the first rows,
    the left-out title and total lines, the rows matched by name, per-project subtotals in 元 and the warnings."""
    table = parsed.table
    title = f" · {ctx.t('title_rows', line=table.header_line, n=table.title_rows)}" if table.title_rows else ""
    if parsed.layout == "spending_plan" and parsed.planned_yuan is not None and parsed.adjusted_yuan is not None:   # a 用款计划: its planned amounts' total, the budgets beside (task B)
        st.caption(ctx.t("read_summary_spending_plan", encoding=table.encoding, rows=parsed.rows_in_file,
                         new=parsed.new_rows, skipped=parsed.skipped, wan=ui.fmt_wan(parsed.planned_yuan / ingest.WAN),
                         yuan=ui.fmt_wan(parsed.planned_yuan),
                         budget=ui.fmt_wan(parsed.adjusted_yuan / ingest.WAN)) + title)
    else:
        st.caption(ctx.t("read_summary", encoding=table.encoding, rows=parsed.rows_in_file, new=parsed.new_rows,
                         skipped=parsed.skipped, wan=ui.fmt_wan(parsed.total_yuan / ingest.WAN),
                         yuan=ui.fmt_wan(parsed.total_yuan)) + title)
    if parsed.unused:
        st.info(ctx.t("unused_columns", columns="、".join(ui.plain(h) for h in parsed.unused)))
    if table.titles:
        shown = "、".join(f"{line}「{ui.plain(text)}」" for line, text in table.titles[:10])
        st.info(ctx.t("title_lines", lines=shown))
    if parsed.total_lines:
        shown = "、".join(f"{line}（{label}）" for line, label in parsed.total_lines[:10])
        st.info(ctx.t("total_lines", n=len(parsed.total_lines), lines=shown))
    if parsed.kind == "disbursements" and parsed.unit == ingest.WAN_UNIT:
        header = parsed.mapping["amount_yuan"]
        why: str | None = (ctx.t("wan_by_header", header=ui.plain(header))
                           if ingest.header_unit(header) == ingest.WAN_UNIT else ctx.t("wan_by_title"))
        st.info(ctx.t("amount_in_wan", why=why))
    budget = ingest.RECORDS[parsed.kind].amount_column if ingest.RECORDS[parsed.kind].budget_amount else None
    if budget in parsed.mapping:   # a budget amount: its unit as its header, the user's choice or a title row said
        header = parsed.mapping[budget]
        why = (ctx.t("wan_by_header", header=ui.plain(header)) if ingest.header_unit(header)
               else ctx.t("unit_chosen") if chosen_unit
               else ctx.t("wan_by_title") if ingest.mapped_by(parsed).get(budget) != "name" else None)
        if why:
            st.info(ctx.t("budget_in_unit", unit=parsed.unit, why=why))
    if parsed.layout == "spending_plan":   # a 用款计划 in amounts (task J): its unit, its amounts kept
        st.info(ctx.t("spending_plan_read", unit=parsed.unit,
                      why=ctx.t("unit_chosen") if chosen_unit else ctx.t("wan_by_title") if parsed.table.titles
                      else ctx.t("wan_by_header", header=ui.plain(next(h for c, h in parsed.mapping.items()
                                                                       if c in ingest.SPENDING_PLAN_AMOUNTS)))))
    ways = ingest.mapped_by(parsed)
    mapping = pd.DataFrame({ctx.t("file_header"): list(parsed.mapping.values()),
                            ctx.t("spec_column"): [ingest.column_label(parsed.kind, c) for c in parsed.mapping],
                            ctx.t("mapped_by"): [ctx.t(f"mapped_{ways[c]}") for c in parsed.mapping]})
    left, right = st.columns([2, 3])
    left.dataframe(mapping, hide_index=True, width="stretch")
    right.dataframe(first_rows, hide_index=True, width="stretch")
    if parsed.by_name:
        st.info(ctx.t("by_name", n=len(parsed.by_name)))
        st.dataframe(pd.DataFrame(parsed.by_name).rename(columns={
            "line": ctx.t("line_no"), "project_name": ctx.col("project_name"), "project_code": ctx.col("project_code")}),
            hide_index=True, width="stretch")
    if parsed.subtotals:
        total = sum((r["amount_yuan"] for r in parsed.subtotals), start=Decimal(0))   # Decimal, as fetched
        st.markdown(f"**{ctx.t('subtotals')}** · {ctx.t('total_yuan', yuan=f'{total:,.2f}')}")
        sub = pd.DataFrame(parsed.subtotals)[["project_code", "amount_yuan", "rows", "project_name"]].rename(columns={"project_code": ctx.col("project_code"),
                                               "project_name": ctx.col("project_name"),
                                               "rows": ctx.t("rows_count"), "amount_yuan": ctx.col("amount_yuan")})
        # 元 to the fen, exactly as the treasury system's report has them (DECIMAL as text: never through float)
        sub[ctx.col("amount_yuan")] = [f"{v:,.2f}" for v in sub[ctx.col("amount_yuan")]]
        st.dataframe(sub, hide_index=True, width="stretch",
                     column_config={ctx.col("amount_yuan"): st.column_config.TextColumn(alignment="right")})
    if parsed.changes:      # a plan that changes stored projects: each, before and after
        st.warning(ctx.t("plan_changes", n=len(parsed.changes)))
        st.dataframe(pd.DataFrame(ingest.change_rows(parsed.changes, ctx.lang)), hide_index=True, width="stretch")
    if parsed.negative_spending:
        st.warning(ctx.t("negative_spending"))
        neg = pd.DataFrame(parsed.negative_spending)[["project_code", "project_name", "month", "cumulative_wan"]]
        neg = neg.astype({"cumulative_wan": float}).rename(columns={
            "project_code": ctx.col("project_code"), "project_name": ctx.col("project_name"),
            "month": ctx.t("month_no"), "cumulative_wan": ctx.t("cumulative_wan")})
        st.dataframe(neg, hide_index=True, width="stretch", column_config=ui.two_decimals(neg))


forget_stale(uploads or [])
ready = []
if uploads and kind is None:
    st.info(ctx.t("choose_kind"))
for upload in (uploads or []) if kind else []:
    assert kind is not None     # (the files are read once the kind is chosen)
    parsed, problems, problem_count = prepared(upload, kind)
    summary_of, first_rows = staged.get(staging_key(upload), (None,) * 5)[3:]
    with st.container(border=True):
        st.markdown(f"**{upload.name}**")
        show_mapping_used(staging_key(upload))
        unit_question(upload)
        if summary_of is not None:
            show_summary(summary_of, first_rows, st.session_state.get(unit_key(upload)))
        if problems:
            st.error(ctx.t("problems", n=problem_count))
            report = problem_table(problems, kind)
            st.dataframe(report, hide_index=True, width="stretch")
            ui.download(st, ctx.t("download_problems"), same_for_all(partial(export.to_csv, report, [(upload.name, "")])),
                        f"{upload.name}-problems.csv", "text/csv", ctx, allowed=ui.admins, key=f"problems_{upload.name}")
            other = ingest.sniff_kind(upload.name, upload.getvalue()) if summary_of is None else None
            if other and other != kind:
                st.warning(ctx.t("kind_mismatch", file=upload.name, kind=i18n.kind(other, ctx.lang)))
            if not (unit_key(upload) in units_asked and st.session_state.get(unit_key(upload)) is None):
                mapping_step(upload, staging_key(upload), problems, kind)   # (a unit to choose is no mapping's matter)
        elif parsed is not None:
            st.success(ctx.t("valid_file"))
            ready.append(upload)

if uploads and kind and len(ready) == len(uploads):
    if st.button(ctx.t("import_button"), type="primary", icon=":material/upload:"):
        messages = []
        try:
            with st.spinner(ctx.t("importing")), ui.writing() as con:
                for upload in ready:   # staged again on the write connection: the data may have changed since
                    try:
                        table = ingest.read_file(upload.name, name=upload.name, data=upload.getvalue())
                        used = mappings.find_for(con, kind, table.header)
                        parsed = ingest.parse(con, kind, table, year if kind == "plan" else None,
                                              chosen=used.columns if used else None,
                                              unit=st.session_state.get(unit_key(upload)))
                        result = ingest.load(parsed, user=ctx.user.actor)
                        messages.append(("success", ctx.t("import_done") + result.summary().text(ctx.lang)
                                         + ("\n\n" + ctx.t("mapping_used", name=used.name, columns=used.columns_text())
                                            if used else "")))
                    except ingest.ImportRejected as rejected:
                        messages.append(("error", ctx.t("import_rejected") + "\n\n" + rejected.text(ctx.lang)))
                        break
        except disk_space.DiskFull as full:       # rolled back, the file given back its size (sharing.Shared.writing)
            messages.append(("error", str(full)))
        written(messages)

saved_mappings()

# ------------------------------------------------------------------ the published 部门预算绩效文本
st.subheader(ctx.t("document_title"))
st.caption(ctx.t("document_note"))
text_file = st.file_uploader(ctx.t("document_file"), type=["txt", "docx", "md", "html", "htm"],
                             key=f"document_{st.session_state.get('upload_round', 0)}")


@st.cache_data(max_entries=8, show_spinner=False)
def text_read(sha256: str, name: str, _data: bytes) -> tuple[document.Document | None, str | None]:
    """The text parsed once per upload, kept by its SHA-256 (a rerun parses nothing), with what the
    amounts and duties settle; or why it cannot be read (the CLI's message: UTF-16, binary, a limit).
    Each call gives its own copy: a rerun's choices never change the text kept."""
    try:
        doc = document_load.read(_data, name)
    except SpendingError as error:
        return None, str(error)
    document_load.settle(doc, {})
    return doc, None


@st.cache_data(max_entries=32, show_spinner=False)
def text_settled(sha256: str, name: str, given: tuple, _data: bytes) -> tuple[document.Document, str | None]:
    """The text with the person's choices (CODE, 科室) settled, kept by the text's hash and the choices."""
    doc, _ = text_read(sha256, name, _data)
    assert doc is not None, name        # (settled only once read)
    try:
        document_load.settle(doc, dict(given))
    except SpendingError as error:
        fresh, _ = text_read(sha256, name, _data)
        assert fresh is not None, name
        return fresh, str(error)
    return doc, None


doc = None
if text_file is not None:
    data = text_file.getvalue()
    sha256 = hashlib.sha256(data).hexdigest()
    doc, unreadable = text_read(sha256, text_file.name, data)
    if doc is None:
        st.error(ui.said(unreadable, ctx.lang), icon=":material/error:")
if text_file is not None and doc is not None:
    st.caption(ctx.t("document_read", department=ui.plain(doc.department or "—"), year=doc.year or "—",
                     encoding=doc.encoding, sections=len(doc.sections), projects=len(doc.projects)))
    text_problems = document_load.all_problems(doc, None)
    # owners the text does not settle keep the stored ones (a revised document); the others that change
    owner_changes = [] if text_problems else ui.read(document_load.keep_owners, doc, doc.year)
    owners = [s.name for s in doc.sections]
    chosen: dict[str, str] = {}
    for p in doc.unassigned if owners else []:   # nothing is guessed: the person settles what the text leaves open
        pick = st.selectbox(ctx.t("document_owner", project=f"{p.name}（{p.code}）"), [None, *owners],
                            format_func=lambda s: ctx.t("document_owner_open") if s is None else s,
                            key=f"owner_{text_file.name}_{p.code}")
        if pick:
            chosen[p.code] = pick
    if chosen:
        doc, error = text_settled(sha256, text_file.name, tuple(sorted(chosen.items())), data)
        if error:
            st.error(ui.said(error, ctx.lang))
        if not text_problems:
            owner_changes = ui.read(document_load.keep_owners, doc, doc.year)
    if not text_problems:             # a 申报表's project already stored: found by its unique name
        for project_name, code in ui.read(document_load.match_stored, doc, doc.year)[0]:
            st.info(ctx.t("document_matched", name=ui.plain(project_name), code=code))
    made = [p for p in doc.projects if p.made_code]
    if made:                  # a 申报表 has no 项目编码: the code made from the name, or the person's (--code)
        st.info(ctx.t("document_made_codes", n=len(made)))
        codes = {}
        for p in made:
            real = st.text_input(ctx.t("document_made_code", name=p.name, code=p.code), key=f"code_{text_file.name}_{p.code}")
            if real.strip():
                codes[p.name] = real.strip()
        try:
            document_load.set_codes(doc, codes)
        except SpendingError as error:
            st.error(ui.said(error, ctx.lang))
        if not text_problems:         # a code given to a project stored under the code made from its name: it takes it
            _, stored_problems, recoded = ui.read(document_load.match_stored, doc, doc.year)
            text_problems = text_problems + stored_problems
            for change in recoded:
                st.info(ctx.t("document_recoded", name=ui.plain(change.name), before=change.before, after=change.after))
    declared = any(p.total_wan is not None or p.start or p.end for p in doc.projects)
    rows = pd.DataFrame([{
        ctx.col("project_code"): p.code, ctx.col("project_name"): p.name,
        ctx.t("document_amount"): float(p.amount_wan) if p.amount_wan is not None else None,
        **({ctx.t("document_total"): float(p.total_wan) if p.total_wan is not None else None,
            ctx.t("document_period"): f"{p.start or '?'} – {p.end or '?'}" if p.start or p.end else ""} if declared else {}),
        ctx.t("document_checkpoints"): ctx.t("checkpoints_sep").join(ctx.t("checkpoint_at", month=m, pct=f"{v:.2f}")
                                                 for m, v in sorted(p.checkpoints.items())),
        ctx.t("document_indicators"): len(p.indicators), ctx.col("section"): p.owner,
        ctx.t("document_rule"): i18n.owner_rule(p.rule, ctx.lang),
        ctx.t("document_line"): doc.where(p.line)[ctx.lang == "en"],
    } for p in doc.projects])
    st.dataframe(rows, hide_index=True, width="stretch", column_config=ui.two_decimals(rows))
    if text_problems:
        st.error(ctx.t("problems", n=len(text_problems)))
        st.dataframe(pd.DataFrame([{ctx.t("document_line"): p.where(ctx.lang),
                                    ctx.t("problem_reason"): p.en if ctx.lang == "en" else p.zh}
                                   for p in text_problems]), hide_index=True, width="stretch")
    else:
        if owner_changes:     # stored projects the text moves to another section: each, before → after
            st.warning(ctx.t("document_owner_changes", n=len(owner_changes)))
            st.dataframe(pd.DataFrame([{ctx.col("project_code"): c.code, ctx.col("project_name"): c.name,
                                        ctx.t("document_owner_change"): f"{c.before} → {c.after}"}
                                       for c in owner_changes]), hide_index=True, width="stretch")
        if doc.unassigned and owners:
            st.warning(ctx.t("document_unassigned", n=len(doc.unassigned)))
        unplanned = [p for p in doc.projects if not p.checkpoints]
        if unplanned:
            st.info(ctx.t("document_no_plan", n=len(unplanned)))
        if st.button(ctx.t("document_import"), type="primary", icon=":material/upload:"):
            importing, file_name = doc, text_file.name
            ui.write(lambda con: document_load.import_document(con, importing, file_name, sha256, user=ctx.user.actor),
                     lambda result: [("success", result.summary())], "flash", ctx.lang, new_round)  # a refusal said

# ------------------------------------------------------------------ history and undo
st.subheader(ctx.t("history"))
if not history.empty:
    columns = ["batch_id", "imported_at", "kind", "file_name", "rows_in_file", "rows_loaded", "rows_skipped",
               "amount_wan", "is_sample", "imported_by", "undone_at", "sha256"]
    people = ui.people()
    shown = history.assign(kind=history["kind"].map(lambda k: i18n.kind(k, ctx.lang)),
                           imported_by=history["imported_by"].map(lambda login: ui.person(login, people)))   # a person
    shown = ui.localise(shown, ctx, columns)       # an empty cell is empty (never "None")
    st.dataframe(shown, hide_index=True, width="stretch", column_config=ui.number_columns(ctx, columns, shown))
    undoable = history[history["kind"].isin(list(ingest.UNDOABLE)) & history["undone_at"].isna()]
    if not undoable.empty:
        with st.expander(ctx.t("undo_title")):
            labels = {int(r.batch_id): f"#{r.batch_id} {r.file_name}（{i18n.kind(r.kind, ctx.lang)}，{r.rows_loaded}）"
                      for r in undoable.itertuples()}
            batch = st.selectbox(ctx.t("undo_choose"), list(labels), format_func=lambda b: labels[b], key="undo_batch")
            sure = st.checkbox(ctx.t("undo_confirm"), key="undo_sure")
            if st.button(ctx.t("undo_button"), disabled=not sure) and batch is not None:
                undone_batch: int = batch
                ui.write(lambda con: ingest.undo(con, undone_batch, user=ctx.user.actor),
                         lambda undone: [("success", undone.summary())], "flash", ctx.lang, new_round)

# ------------------------------------------------------------------ sample data
if ui.sample_loaded():
    st.subheader(ctx.t("remove_sample"))
    sure = st.checkbox(ctx.t("remove_sample_confirm"), key="sample_sure")
    if st.button(ctx.t("remove_sample"), disabled=not sure, icon=":material/delete:"):
        ui.write(lambda con: seed.remove_sample(con, user=ctx.user.actor),
                 lambda removed: [("success", ctx.t("sample_removed", n=removed))], "flash", ctx.lang, new_round)

# ------------------------------------------------------------------ templates and backup
st.subheader(ctx.t("templates"))
cols = st.columns(len(ingest.KINDS) + 1)
for column, k in zip(cols, ingest.KINDS):
    ui.download(column, i18n.kind(k, ctx.lang), same_for_all(partial(export.template_xlsx, k)),
                i18n.t("template_file", kind=i18n.kind(k)),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ctx, allowed=ui.admins,
                icon=":material/download:", key=f"template_{k}")
backup_name = f"spending-backup-{datetime.now():%Y%m%d-%H%M}.duckdb"
ui.download(cols[-1], ctx.t("backup"), lambda now: ui.database_backup(now, backup_name), backup_name,
            "application/octet-stream", ctx, allowed=ui.admins, icon=":material/backup:")
st.caption(ctx.t("backup_note"))
