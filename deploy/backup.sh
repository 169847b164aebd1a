#!/bin/sh
# 支出进度监控 — back the database up into BACKUP_DIR/spending-YYYY-MM-DD.duckdb, then delete the backups
# whose date is more than KEEP_DAYS days ago. Run by spending-backup.service every night; by hand:
#   sudo -u spending env SPENDING_DB=/var/lib/spending/spending.duckdb /opt/spending/deploy/backup.sh
#
#   SPENDING_DB      the database (else the project's data/spending.duckdb, as for every verb)
#   BACKUP_DIR       where the backups go (default /var/backups/spending)
#   KEEP_DAYS        how many days of backups to keep (default 30)
#   SPENDING_PYTHON  the Python with the project's packages (default: the project's .venv/bin/python)
#
# The copy is made by the project's `backup` verb (one complete file or nothing; it only reads, so the
# dashboard keeps running). A second run on the same day replaces that day's file. Old backups are
# deleted only after today's backup succeeded. Any failure exits non-zero (systemd records it).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BACKUP_DIR=${BACKUP_DIR:-/var/backups/spending}
KEEP_DAYS=${KEEP_DAYS:-30}
PYTHON=${SPENDING_PYTHON:-$ROOT/.venv/bin/python}

case $KEEP_DAYS in
    ''|*[!0-9]*) echo "backup.sh: KEEP_DAYS must be a whole number of days, not '$KEEP_DAYS'" >&2; exit 2 ;;
esac

today=$(date +%Y-%m-%d)
target="$BACKUP_DIR/spending-$today.duckdb"
fresh="$BACKUP_DIR/.spending-$today.duckdb.new"

mkdir -p "$BACKUP_DIR"
rm -f "$fresh"
cd "$ROOT"
if ! "$PYTHON" -m spending backup "$fresh"; then
    rm -f "$fresh"
    echo "backup.sh: backup of ${SPENDING_DB:-data/spending.duckdb} FAILED; old backups left alone" >&2
    exit 1
fi
mv -f "$fresh" "$target"
echo "backup.sh: wrote $target ($(wc -c < "$target" | tr -d ' ') bytes)"

# Retention by the date in the file name (a copied file keeps its name, not always its time); `date -d` is
# GNU date, as on Debian.
cutoff=$(date -d "$KEEP_DAYS days ago" +%Y-%m-%d)
for old in "$BACKUP_DIR"/spending-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].duckdb; do
    [ -e "$old" ] || continue
    name=${old##*/}
    day=${name#spending-}
    day=${day%.duckdb}
    if expr "$day" \< "$cutoff" >/dev/null; then
        rm -f "$old"
        echo "backup.sh: removed $old (older than $KEEP_DAYS days)"
    fi
done
