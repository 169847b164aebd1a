"""How a verb gets the database: a read verb read-only and at once (SPEC 3.1: it never waits; beside a running
write it says so in one line), a write verb (one with --wait: arguments.add_wait) read-write, waiting up to
--wait seconds for the other writer; closed however the verb ends."""

from __future__ import annotations

import functools
import sys

from spending import ingest, mappings
from spending.db import opening


def open_database(args):
    """Read verbs: read-only, at once; write verbs: read-write, waiting up to --wait seconds."""
    if args.writes:
        return opening.connect(args.db, wait=args.wait)
    return opening.connect(args.db, read_only=True)


def on_database(verb):
    """A verb `verb(con, args)` as argparse's func(args): run on the database it opens (open_database) and
    closed after it; its exit status (None: 0). A file refused (ingest.ImportRejected) is its report on stderr
    and exit 1; an unknown 导入方案 (--mapping NAME, mappings remove NAME) is wrong usage: exit 2."""
    @functools.wraps(verb)
    def run(args) -> int:
        con = open_database(args)
        try:
            code = verb(con, args)
        except ingest.ImportRejected as rejected:
            print(rejected.report(), file=sys.stderr)
            return 1
        except mappings.UnknownMapping as unknown:
            print(str(unknown), file=sys.stderr)
            return 2
        finally:
            con.close()
        return 0 if code is None else code
    return run
