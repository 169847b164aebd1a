"""export_parquet: plans, payments and adjustments as Parquet in the hive layout other engines read."""

from __future__ import annotations

import os
from pathlib import Path

from spending import db

EXPORTS = ("projects", "disbursements", "adjustments")


def export_parquet(con, folder: str | os.PathLike) -> dict[str, int]:
    """Plans, payments and adjustments as Parquet under folder/<table>/fiscal_year=Y/section=S/,
    the hive layout Spark, Trino or DuckDB over object storage read as one table.

    S is the section (URL-encoded by DuckDB, so 综合/科 is one folder); a section longer than 80 UTF-8
    bytes is cut to 18 characters, "~" and 8 hex digits of its MD5 (no folder name past 255 bytes).
    Every file holds the full name as section_name."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    cur = con.cursor()
    try:
        for name in EXPORTS:
            written = cur.execute(db.filled("export/parquet", rows=db.sql(f"export/{name}")), {"target": str(folder / name)})
            counts[name] = written.fetchone()[0]
    finally:
        cur.close()
    return counts
