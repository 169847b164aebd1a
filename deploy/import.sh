#!/bin/sh
# 支出进度监控 — the night import: every file in INBOX_DIR is imported as payments
# (`python -m spending import-disbursements FILE`), then moved to DONE_DIR when it was imported, or to
# FAILED_DIR with its problem report beside it (FILE.log) when it was not. Started by
# spending-import.path whenever the inbox is not empty; by hand: systemctl start spending-import
#
#   SPENDING_DB       the database (else the project's data/spending.duckdb, as for every verb)
#   INBOX_DIR         the drop folder (default /var/lib/spending/import/inbox)
#   DONE_DIR          default: inbox's sibling done/;  FAILED_DIR  default: inbox's sibling failed/
#   WORK_DIR          default: inbox's sibling importing/ (a file is moved there while it is imported)
#   SETTLE_SECONDS    a file changed less than this long ago is still being written (default 10)
#   MAX_WAIT_SECONDS  how long one run waits for files still being written (default 3600)
#   SPENDING_PYTHON   the Python with the project's packages (default: the project's .venv/bin/python)
#
# Best: put a file into the inbox in one step (copy it into import/incoming/ on the same file system and
# `mv` it into inbox/). A file written straight into the inbox is imported only once it is complete: no
# process holds it open for writing (lsof; it sees the processes of the user running this script) and
# neither its contents nor its size nor its name changed for SETTLE_SECONDS (this catches writers run by
# other users too). Until then it stays in the inbox and this run looks again every second, for up to
# MAX_WAIT_SECONDS; what is still being written then stays for the next run (spending-import.path starts
# one again at once, since the inbox is not empty). An entry that cannot be moved out of the inbox at all
# makes the run wait a minute (at most MAX_WAIT_SECONDS) before it ends, so the runs do not follow each other
# until systemd's start limit ends the watching.
#
# Every other entry leaves the inbox: a link, folder, pipe or device goes to FAILED_DIR unread (nothing is
# followed through a link), as does a name starting with "." or "-" or holding a space or a control
# character (rename it and drop it again), each with its reason in FILE.log. A file with any problem is not
# imported at all (the importer writes nothing), and re-importing a file changes nothing. An import waits
# for the dashboard (--wait, default 120 s). Exit status 1 when any entry failed (systemd records it), else 0.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
INBOX_DIR=${INBOX_DIR:-/var/lib/spending/import/inbox}
DONE_DIR=${DONE_DIR:-$(dirname "$INBOX_DIR")/done}
FAILED_DIR=${FAILED_DIR:-$(dirname "$INBOX_DIR")/failed}
WORK_DIR=${WORK_DIR:-$(dirname "$INBOX_DIR")/importing}
SETTLE_SECONDS=${SETTLE_SECONDS:-10}
MAX_WAIT_SECONDS=${MAX_WAIT_SECONDS:-3600}
PYTHON=${SPENDING_PYTHON:-$ROOT/.venv/bin/python}

for setting in "SETTLE_SECONDS=$SETTLE_SECONDS" "MAX_WAIT_SECONDS=$MAX_WAIT_SECONDS"; do
    case ${setting#*=} in
        ''|*[!0-9]*) echo "import.sh: ${setting%%=*} must be a whole number of seconds, not '${setting#*=}'" >&2; exit 2 ;;
    esac
done
# lsof must find this very process to be of use (it is not installed, or /proc is cut down: ProcSubset=pid).
if lsof -w -a -p $$ -d cwd -F p >/dev/null 2>&1; then
    LSOF=lsof
else
    LSOF=
    echo "import.sh: lsof does not work here (Debian's lsof, and all of /proc): only the settle wait tells a file still being written" >&2
fi

mkdir -p "$DONE_DIR" "$FAILED_DIR" "$WORK_DIR" || exit 1
cd "$ROOT" || exit 1
status=0
stuck=0

# A name as it can be shown on one line, and as it is filed away (no spaces, no control characters).
shown() { printf '%s' "$1" | tr '\000-\037\177' '?'; }
filed() { printf '%s' "$1" | tr '\000-\040\177' '_'; }

# A free path in folder $1 for the entry named $2: STAMP-NAME (STAMP_2-NAME ... when that is taken).
free_path() {
    stamp=$(date +%Y%m%d-%H%M%S)
    path="$1/$stamp-$(filed "$2")"
    n=1
    while [ -e "$path" ] || [ -L "$path" ] || [ -e "$path.log" ] || [ -L "$path.log" ]; do
        n=$((n + 1))
        path="$1/${stamp}_$n-$(filed "$2")"
    done
    printf '%s' "$path"
}

# Is the regular file $1 still being written: changed (contents, size, name: mtime or ctime) within the last
# SETTLE_SECONDS, or open for writing by a process we can see?
busy() {
    now=$(date +%s)
    times=$(stat -c '%Y %Z' -- "$1") || return 0
    for t in $times; do
        [ $((now - t)) -lt "$SETTLE_SECONDS" ] && return 0
    done
    [ -n "$LSOF" ] && lsof -w -F a -- "$1" 2>/dev/null | grep -q '^a[wu]' && return 0
    return 1
}

# File entry $1 (named $2) away in FAILED_DIR, with the reasons from file $3 beside it.
refuse() {
    target=$(free_path "$FAILED_DIR" "$2")
    if mv -f -- "$1" "$target" && mv -f -- "$3" "$target.log"; then
        printf 'import.sh: NOT imported %s -> %s (reasons: %s.log)\n' "$(shown "$2")" "$target" "$target" >&2
        sed 's/^/  /' "$target.log" | head -n 50 >&2
    else
        printf 'import.sh: NOT imported %s, and could not move it to %s; its reasons:\n' "$(shown "$2")" "$FAILED_DIR" >&2
        sed 's/^/  /' "$3" | head -n 50 >&2
        rm -f -- "$3"
        stuck=1
    fi
    status=1
}

# A one-line reason in a fresh file (for refuse).
reason() {
    note=$(mktemp "$WORK_DIR/.reason.XXXXXX") || exit 1
    printf '%s\n' "$1" > "$note"
    printf '%s' "$note"
}

not_regular="not a regular file (a link, folder, pipe or device): nothing was read through it | 不是普通文件（链接、文件夹、管道或设备），未读取"

# Import $1, a file this run moved into its own folder under WORK_DIR (nobody else can swap it there).
import_taken() {
    file=$1
    name=${file##*/}
    if [ -L "$file" ] || [ ! -f "$file" ]; then
        refuse "$file" "$name" "$(reason "$not_regular")"
    else
        # Opened for writing between the look in the inbox and the move: wait for it here.
        waited=0
        while busy "$file" && [ "$waited" -lt "$MAX_WAIT_SECONDS" ]; do
            sleep 1
            waited=$((waited + 1))
        done
        log=$(mktemp "$WORK_DIR/.log.XXXXXX") || exit 1
        if busy "$file"; then
            printf '%s\n' "still being written after $MAX_WAIT_SECONDS s: not imported | 等待 $MAX_WAIT_SECONDS 秒后仍在写入，未导入" > "$log"
            refuse "$file" "$name" "$log"
        elif "$PYTHON" -m spending import-disbursements "$file" > "$log" 2>&1; then
            target=$(free_path "$DONE_DIR" "$name")
            mv -f -- "$file" "$target"
            mv -f -- "$log" "$target.log"
            printf 'import.sh: imported %s -> %s\n' "$(shown "$name")" "$target"
        else
            refuse "$file" "$name" "$log"
        fi
    fi
    rmdir -- "${file%/*}" 2>/dev/null
}

# One entry $1 of the inbox: leave it (still being written: pending=1), refuse it, or take and import it.
take() {
    file=$1
    name=${file##*/}
    if [ -L "$file" ] || [ ! -f "$file" ]; then
        refuse "$file" "$name" "$(reason "$not_regular")"
    elif busy "$file"; then
        [ "$told" = 1 ] || printf 'import.sh: %s is still being written: waiting for it\n' "$(shown "$name")"
        pending=1
    else
        case $name in
            .*|-*|*[[:space:][:cntrl:]]*)
                refuse "$file" "$name" "$(reason "the name starts with '.' or '-' or holds a space or a control character: rename the file and drop it again | 文件名以“.”或“-”开头，或含空格、控制字符：请改名后重新放入")"
                return ;;
        esac
        own=$(mktemp -d "$WORK_DIR/XXXXXXXX") || exit 1
        if mv -f -- "$file" "$own/$name"; then
            import_taken "$own/$name"
        else
            rmdir -- "$own"
            status=1
            stuck=1
        fi
    fi
}

# What an interrupted run left under WORK_DIR is imported first (importing a file again changes nothing).
for file in "$WORK_DIR"/*/* "$WORK_DIR"/*/.[!.]* "$WORK_DIR"/*/..?*; do
    [ -e "$file" ] || [ -L "$file" ] || continue
    import_taken "$file"
done

started=$(date +%s)
told=0
while :; do
    pending=0
    for file in "$INBOX_DIR"/* "$INBOX_DIR"/.[!.]* "$INBOX_DIR"/..?*; do
        [ -e "$file" ] || [ -L "$file" ] || continue
        take "$file"
    done
    [ "$pending" = 1 ] || break
    told=1
    if [ $(($(date +%s) - started)) -ge "$MAX_WAIT_SECONDS" ]; then
        echo "import.sh: a file is still being written after $MAX_WAIT_SECONDS s: left in $INBOX_DIR for the next run"
        break
    fi
    sleep 1
done
# An entry that could not be moved keeps the inbox not empty, so spending-import.path would start this again at
# once, again and again, until systemd's start limit stops the watching altogether: wait a while first.
if [ "$stuck" = 1 ]; then
    pause=$((MAX_WAIT_SECONDS < 60 ? MAX_WAIT_SECONDS : 60))
    echo "import.sh: an entry could not be moved out of $INBOX_DIR (see above): looking again in $pause s" >&2
    sleep "$pause"
fi
exit $status
