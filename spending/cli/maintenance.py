"""Keeping the database: init (the schema and the source document's 2021 plan; --demo the sample payments too),
remove-sample, backup (a copy of the whole database in a new file) and export-parquet."""

from __future__ import annotations

from spending import auth, seed
from spending.i18n import Message
from spending.db import backups, parquet
from spending.cli.arguments import add_wait
from spending.cli.database import on_database


def add_init(verbs) -> None:
    """init [--demo] (a write verb)."""
    init_ = verbs.add_parser("init", help="create the database with the 2021 plan")
    init_.set_defaults(func=init)
    init_.add_argument("--demo", action="store_true", help="also load sample payments (marked as sample)")
    add_wait(init_)


def init(args) -> int:
    """Creates the database itself (seed.initialise): it opens none before."""
    seed.require_plan_files()
    print(seed.initialise(args.db, demo=args.demo, wait=args.wait))
    return 0


def add_copies(verbs) -> None:
    """remove-sample (a write verb), backup FILE, export-parquet FOLDER."""
    sample = verbs.add_parser("remove-sample", help="remove the sample payments and adjustments")
    sample.set_defaults(func=remove_sample)
    add_wait(sample)
    copy = verbs.add_parser("backup", help="copy the whole database into a new file")
    copy.set_defaults(func=backup)
    copy.add_argument("file")
    parquet = verbs.add_parser("export-parquet", help="plans, payments and adjustments as Parquet partitioned by year "
                                                      "and section")
    parquet.set_defaults(func=export_parquet)
    parquet.add_argument("folder")


@on_database
def remove_sample(con, args) -> None:
    removed = seed.remove_sample(con, user=auth.cli_actor())
    print(Message("sample_removed", removed=removed))


@on_database
def backup(con, args) -> None:
    target = backups.backup(con, args.file)
    print(Message("backed_up", target=target))


@on_database
def export_parquet(con, args) -> None:
    counts = parquet.export_parquet(con, args.folder)
    print(Message("parquet_exported", counts=("", ", ".join(f"{k} {v}" for k, v in counts.items()))))
