"""What every page shares, by concern: data (the connection, cached queries, the review), address
(the context a page works in: year, month, language, thresholds from the sidebar and the page's address),
registry (the pages), access (who is using the dashboard), text (data shown as plain text), tables (tables,
figures), downloads (every file a page offers, made on the click for the account as it is then) and writes
(a page's write: said when refused, else fresh caches, a message kept for the rerun, the rerun).
Pages use them as ui.<name>."""

from spending.ui.access import (  # noqa: F401
    identify, may_open, open_inquiries, page_param, require, who_is_here,
)
from spending.ui.address import (  # noqa: F401
    address_notices, closed_address, closed_label, closed_link, closed_year, Context, YearContext, context, data_currency,
    default_month, entered, language, month_follows_data, sidebar, sync_address,
)
from spending.ui.data import (  # noqa: F401
    _connection, _frame, _query, _shared, bulletin_review, clear_caches, connection, data_version, fetch,
    MAX_CHART_BARS, MAX_TABLE_ROWS, projects_chosen, query, read, review, writing,
)
from spending.ui.downloads import (  # noqa: F401
    admins, anyone, current_user, database_backup, download, made_on_click,
)
from spending.ui.registry import (  # noqa: F401
    PAGES, pages, unknown_path,
)
from spending.ui.tables import (  # noqa: F401
    blank_text,
    change, compact_on_phones, FLAGGED, flagged_lines, fmt_pct, fmt_pp, fmt_wan, guard, LARGE_DOWNLOAD, last_year, last_year_caption,
    localise, negative_spending, number_columns, pace_metrics, people, person, project_link, project_table,
    sample_loaded, status_downloads, status_style, two_decimals, uploader_words,
)
from spending.ui.text import (  # noqa: F401
    plain, said,
)
from spending.ui.writes import (  # noqa: F401  (issue 38: every page's write)
    after_write, write,
)
from spending.ui import money  # noqa: F401  (issue 34: 预算单位 and 资金来源)
