"""notices issue|list|letters|review|send|remind (预警与问询, issues 13 and 36): the month's warnings issued as
inquiries, listed with their state, written as 问询函, an answer reviewed, the letters and reminders mailed.

Today is $SPENDING_TODAY when set (spending.notices.today): the day inquiries are issued on and their default
reply-by date counts from; the CLI acts as an administrator, cli:<os user>. Bad thresholds and --wait are
usage errors (__main__, arguments.add_wait), as for every verb."""

from __future__ import annotations

import sys

from spending import auth, characters, i18n
from spending.i18n import Message
from spending.cli.arguments import add_wait, as_of, day, points, working_days
from spending.cli.database import on_database
from spending.cli.output import emit, plain, width
from spending.rules import DEFAULT_RED, DEFAULT_YELLOW


def add_notices(verbs) -> None:
    """notices issue|list|letters|review|send|remind (issue 13): 预警与问询 from the command line."""
    p = verbs.add_parser("notices", help="预警与问询: issue the month's inquiries, list them, write the letters")
    sub = p.add_subparsers(dest="notices_verb", required=True, metavar="issue|list|letters|review|send|remind")
    issue = sub.add_parser("issue", help="issue the month's warnings as inquiries to the sections")
    issue.set_defaults(func=issue_inquiries)
    issue.add_argument("--due", type=day, metavar="YYYY-MM-DD",
                       help="reply by (default: 5 Chinese working days from today, holidays and 调休 included)")
    add_wait(issue)
    listing = sub.add_parser("list", help="the month's inquiries and their state")
    listing.set_defaults(func=list_inquiries)
    listing.add_argument("--section")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    letters = sub.add_parser("letters", help="one 问询函 per section (PDF and Excel)")
    letters.set_defaults(func=write_letters)
    letters.add_argument("--out", required=True, metavar="FOLDER")
    review = sub.add_parser("review", help="accept an answer, or return it with a reason (issue 36)")
    review.set_defaults(func=review_answer)
    review.add_argument("--project", required=True, metavar="CODE")
    verdict = review.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--accept", action="store_true", help="accept the answer (已审核)")
    verdict.add_argument("--return", dest="return_reason", metavar="REASON",
                         help="return the answer with this reason (退回: the section answers again)")
    add_wait(review)
    send = sub.add_parser("send", help="mail each section its 问询函 of the month (once; issue 36)")
    send.set_defaults(func=send_letters)
    add_wait(send)
    remind = sub.add_parser("remind", help="mail today's reminders: due within N working days, or overdue")
    remind.set_defaults(func=send_reminders)
    remind.add_argument("--days", type=working_days, default=2, metavar="N",
                        help="remind of inquiries due within N Chinese working days (default 2), and overdue ones")
    add_wait(remind)
    for q in (issue, listing, letters, review, send, remind):
        if q is not remind:
            q.add_argument("--as-of", required=True, type=as_of, metavar="YYYY-MM")
        q.add_argument("--yellow", type=points, default=DEFAULT_YELLOW, metavar="PP")
        q.add_argument("--red", type=points, default=DEFAULT_RED, metavar="PP")


def _admin() -> auth.User:
    """The CLI's user: an administrator, cli:<os user>."""
    return auth.User(auth.cli_actor(), "admin")


@on_database
def send_letters(con, args) -> int:
    """notices send: each section's 问询函 of the month, mailed once; exit 1 when a message failed."""
    from spending import mail, notices

    y, m = args.as_of
    on = notices.today()
    return _mailed(mail.send(con, _admin(), y, m, args.thresholds, on=on))


@on_database
def send_reminders(con, args) -> int:
    """notices remind: today's reminders (due within --days working days, or overdue); exit 1 when one failed."""
    from spending import mail, notices

    on = notices.today()
    return _mailed(mail.remind(con, _admin(), args.days, args.thresholds, on=on))


def _mailed(outcome) -> int:
    print(outcome.summary())
    if outcome.failed:
        print(i18n.t("mail_failed_count", n=len(outcome.failed)), file=sys.stderr)
        return 1
    return 0


@on_database
def issue_inquiries(con, args) -> None:
    from spending import notices

    y, m = args.as_of
    on = notices.today()
    print(notices.issue(con, _admin(), y, m, args.thresholds, due=args.due, today=on).summary())


@on_database
def review_answer(con, args) -> None:
    from spending import notices

    y, m = args.as_of
    on = notices.today()
    verdict = "accepted" if args.accept else "returned"
    notices.review(con, _admin(), y, m, [args.project], verdict, args.return_reason, on)
    print(Message("answer_reviewed", month=(f"{y}-{m:02d} ", ""), project=args.project,
                  verdict=(notices.state_label(verdict), verdict)))


@on_database
def list_inquiries(con, args) -> None:
    from spending import notices

    y, m = args.as_of
    on = notices.today()
    rows = notices.inquiries(con, y, m, args.thresholds, on, section=args.section)
    if args.format == "table":
        shown = ["section", "project_code", "project_name", "level", "issued_at", "due", "answered_at", "state"]
        if not rows:
            print(Message("inquiries_none", month=f"{y}-{m:02d}"))
            return
        print(Message("inquiries_as_of", month=f"{y}-{m:02d}", today=on.isoformat()))
        cells = [[notices.column(c) for c in shown]]
        for r in notices.table_rows(rows, shown):
            cells.append([characters.visible(str(plain(v)), one_line=True) for v in r.values()])
        widths = [max(width(r[i]) for r in cells) for i in range(len(shown))]
        for line in cells:
            print("  ".join(text + " " * (w - width(text)) for text, w in zip(line, widths)).rstrip())
    else:
        emit([{**r, "due": r["due"].isoformat()} for r in rows], notices.LIST_COLUMNS, args.format)


@on_database
def write_letters(con, args) -> None:
    from spending import notice_letters, notices

    y, m = args.as_of
    on = notices.today()
    for path in notice_letters.write_letters(con, y, m, args.out, args.thresholds, on):
        print(Message("file_written", path=path))
