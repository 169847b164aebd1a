"""Who may use the dashboard and what was done: user add|remove|list (the accounts: admin, leader, section) and
audit (the append-only log of every write: who and when)."""

from __future__ import annotations

from spending import audit, auth
from spending.i18n import Message
from spending.cli.arguments import add_wait, day
from spending.cli.database import on_database
from spending.cli.output import emit

USER_COLUMNS = ["email", "role", "name", "sections"]


def add_user(verbs) -> None:
    """user add EMAIL --role admin|leader|section [--section NAME]… [--name 显示名] | user remove EMAIL (writes)
    | user list [--format table|csv|json]."""
    user = verbs.add_parser("user", help="accounts of the dashboard (admin, leader, section)")
    user_verbs = user.add_subparsers(dest="user_verb", required=True, metavar="add|remove|list")
    add = user_verbs.add_parser("add", help="create or change an account")
    add.set_defaults(func=user_add)
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=auth.ROLES)
    add.add_argument("--section", action="append", default=[], metavar="NAME", help="科室 (repeatable)")
    add.add_argument("--name", help="显示名")
    add_wait(add)
    remove = user_verbs.add_parser("remove", help="delete an account")
    remove.set_defaults(func=user_remove)
    remove.add_argument("email")
    add_wait(remove)
    listing = user_verbs.add_parser("list", help="every account")
    listing.set_defaults(func=user_list)
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")


@on_database
def user_add(con, args) -> None:
    user = auth.save(con, args.email, args.role, args.section, args.name, auth.cli_actor())
    print(Message("account_saved", user=("", user.label())))


@on_database
def user_remove(con, args) -> None:
    login = auth.normalise_login(args.email)
    auth.remove(con, login, auth.cli_actor())
    print(Message("account_removed", login=login))


@on_database
def user_list(con, args) -> None:
    rows = auth.accounts(con)
    if args.format != "json":
        rows = [{**r, "sections": ";".join(r["sections"])} for r in rows]
    emit(rows, USER_COLUMNS, args.format, empty=Message("accounts_none"))


def add_audit(verbs) -> None:
    """audit [--since YYYY-MM-DD] [--format table|csv|json]."""
    log = verbs.add_parser("audit", help="the audit log: every write, who and when")
    log.set_defaults(func=audit_log)
    log.add_argument("--since", type=day, metavar="YYYY-MM-DD")
    log.add_argument("--format", choices=("table", "csv", "json"), default="table")


@on_database
def audit_log(con, args) -> None:
    rows = [{**r, "detail": r["detail"] or ""} for r in audit.entries(con, args.since)]
    emit(rows, audit.COLUMNS, args.format, empty=Message("audit_empty"))
