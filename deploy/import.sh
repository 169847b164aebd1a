#!/bin/sh
# 支出进度监控 — the night import: every file in INBOX_DIR is imported as payments
# (`python -m spending import-disbursements FILE`), then moved to DONE_DIR when it was imported, or to
# FAILED_DIR with its problem report beside it (FILE.log) when it was not. Started by
# spending-import.path whenever the inbox is not empty; by hand: systemctl start spending-import
#
#   SPENDING_DB      the database (else the project's data/spending.duckdb, as for every verb)
#   INBOX_DIR        the drop folder (default /var/lib/spending/import/inbox)
#   DONE_DIR         default: inbox's sibling done/;  FAILED_DIR  default: inbox's sibling failed/
#   SPENDING_PYTHON  the Python with the project's packages (default: the project's .venv/bin/python)
#
# Put a file into the inbox in one step: copy it into import/incoming/ (same file system) and `mv` it into
# inbox/, so a half-copied file is never imported. A file with any problem is not imported at all (the
# importer writes nothing), and re-importing a file changes nothing. An import waits for the dashboard
# (--wait, default 120 s). Exit status 1 when any file failed (systemd records it), else 0.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
INBOX_DIR=${INBOX_DIR:-/var/lib/spending/import/inbox}
DONE_DIR=${DONE_DIR:-$(dirname "$INBOX_DIR")/done}
FAILED_DIR=${FAILED_DIR:-$(dirname "$INBOX_DIR")/failed}
PYTHON=${SPENDING_PYTHON:-$ROOT/.venv/bin/python}

mkdir -p "$DONE_DIR" "$FAILED_DIR" || exit 1
cd "$ROOT" || exit 1
status=0
for file in "$INBOX_DIR"/* "$INBOX_DIR"/.[!.]*; do
    [ -e "$file" ] || [ -L "$file" ] || continue
    name=${file##*/}
    stamp=$(date +%Y%m%d-%H%M%S)
    if [ -f "$file" ] && "$PYTHON" -m spending import-disbursements "$file" > "$FAILED_DIR/.$name.log" 2>&1; then
        mv -f "$file" "$DONE_DIR/$stamp-$name"
        mv -f "$FAILED_DIR/.$name.log" "$DONE_DIR/$stamp-$name.log"
        echo "import.sh: imported $name -> $DONE_DIR/$stamp-$name"
    else
        [ -f "$file" ] || echo "not a regular file | 不是普通文件" >> "$FAILED_DIR/.$name.log"
        mv -f "$file" "$FAILED_DIR/$stamp-$name"
        mv -f "$FAILED_DIR/.$name.log" "$FAILED_DIR/$stamp-$name.log"
        echo "import.sh: NOT imported $name -> $FAILED_DIR/$stamp-$name (reasons: $FAILED_DIR/$stamp-$name.log)" >&2
        sed 's/^/  /' "$FAILED_DIR/$stamp-$name.log" | head -n 50 >&2
        status=1
    fi
done
exit $status
