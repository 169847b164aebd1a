"""The command line of SPEC §3: python -m spending [--db PATH] VERB ...

Exit status: 0 done; 1 invalid input or data, a missing file, a database not initialised
or locked (one line on stderr, never a traceback); 2 wrong usage.

This module is the parser and the dispatch: every verb's parser names the function that runs it
(set_defaults(func=…)) and main() calls args.func(args). The verbs live in spending/cli/, grouped by what
they are (imports, reports, notices, accounts, maintenance; see its __init__).
"""

from __future__ import annotations

import argparse
import os
import sys

import duckdb

from spending import SpendingError
from spending.i18n import Message
from spending.db import damage, disk_space, opening
from spending.cli import accounts, imports, maintenance, notices, reports
from spending.cli.arguments import UsageError
from spending.cli.output import Visible, silence_stdout, unfiltered
from spending.rules import Thresholds


def build_parser() -> argparse.ArgumentParser:
    """The verbs in the order `--help` lists them; a write verb takes --wait (arguments.add_wait)."""
    parser = argparse.ArgumentParser(prog="python -m spending", description="支出进度监控 — spending pace monitor")
    parser.add_argument("--db", help="DuckDB file (default: $SPENDING_DB, else data/spending.duckdb)")
    parser.set_defaults(writes=False)
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    maintenance.add_init(verbs)
    imports.add_files(verbs)
    reports.add_pace(verbs)
    imports.add_document(verbs)
    reports.add_compare(verbs)
    notices.add_notices(verbs)
    reports.add_report(verbs)
    maintenance.add_copies(verbs)
    accounts.add_user(verbs)
    accounts.add_audit(verbs)
    imports.add_history(verbs)
    imports.add_mappings(verbs)
    return parser


def main(argv: list[str] | None = None) -> int:
    """The command line; everything it prints on stdout and stderr goes through characters.visible (output.Visible)."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Visible(unfiltered(sys.stdout)), Visible(unfiltered(sys.stderr))
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if "yellow" in vars(args):      # every verb with thresholds: --yellow and --red checked as a pair
        try:
            args.thresholds = Thresholds(args.yellow, args.red)
        except ValueError as error:
            parser.error(str(error))
    if args.verb == "user" and args.user_verb == "add" and args.role != "section" and args.section:
        parser.error("--section is only for --role section")
    try:
        return args.func(args)
    except BrokenPipeError:     # `... | head` stopped reading: not an error, and nothing more to say
        silence_stdout()
        return 0
    except disk_space.DiskFull:
        path = opening.db_path(args.db)
        disk_space.give_back_space(path)        # the connection is closed (on_database): the failed write's blocks go
        print(str(disk_space.DiskFull(path)), file=sys.stderr)
        return 1
    except SpendingError as error:
        print(str(error), file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    except duckdb.Error as error:
        if damage.is_damage(error):
            print(str(damage.damaged(opening.db_path(args.db))), file=sys.stderr)
            return 1
        if disk_space.disk_full(error):         # a write outside a transaction, a spill, the checkpoint of close
            path = opening.db_path(args.db)
            disk_space.give_back_space(path)
            print(str(disk_space.DiskFull(path)), file=sys.stderr)
            return 1
        print(Message("database_error", error=("", str(error).splitlines()[0])), file=sys.stderr)
        return 1
    except Exception as error:  # a bug of ours: still one line (SPENDING_DEBUG=1 shows the traceback)
        if os.environ.get("SPENDING_DEBUG"):
            raise
        print(Message("internal_error", error=("", f"{type(error).__name__}: {error}")), file=sys.stderr)
        return 1


def entry() -> None:
    """The `spending` console script (pyproject.toml) and `python -m spending`."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head` closed the pipe: not an error of ours
        silence_stdout()
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    entry()
