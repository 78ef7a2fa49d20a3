"""The `calendar` sub-command: export the inspection calendar to an .ics file for Outlook."""

from __future__ import annotations

import argparse
from datetime import time
from pathlib import Path
from typing import Any, TextIO

from app.calendar.events import CalendarFilter, EventType
from app.cli import EXIT_OK, CommandError, iso_date, open_workspace
from app.formatting import long_date


def add_commands(sub: Any) -> None:
    """Register this module's sub-commands."""
    cal = sub.add_parser(
        "calendar",
        help="export the inspection calendar to an .ics file (Outlook, Google, Apple)",
        description="Write every date that matters (fieldwork, debriefs, publications, PCC "
        "responses, finding due dates, meetings) to an iCalendar file. Re-importing a later "
        "export updates the same entries rather than adding copies.",
    )
    cal.add_argument("--ics", required=True, metavar="FILE", help="the .ics file to write")
    cal.add_argument(
        "--from",
        dest="first",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="first day (default: the earliest date recorded)",
    )
    cal.add_argument(
        "--to",
        dest="last",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="last day (default: the latest date recorded)",
    )
    cal.add_argument(
        "--type",
        dest="types",
        action="append",
        metavar="TYPE",
        choices=[t.value for t in EventType],
        help="only this kind of date (repeatable): " + ", ".join(t.value for t in EventType),
    )
    cal.add_argument(
        "--overdue-only", action="store_true", help="finding due dates: only those already overdue"
    )
    cal.add_argument("--owner", metavar="NAME", help="finding due dates: only this owner's")
    cal.add_argument(
        "--meeting-time",
        metavar="HH:MM-HH:MM",
        type=_time_range,
        help="give committee and board meetings this time (London); otherwise they are all-day",
    )


def _time_range(text: str) -> tuple[time, time]:
    try:
        start, end = (time.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a time range; write it as HH:MM-HH:MM, e.g. 10:00-12:30"
        ) from None
    if end <= start:
        raise argparse.ArgumentTypeError(f"'{text}': the meeting ends before it starts")
    return start, end


def _calendar(args: argparse.Namespace, out: TextIO) -> int:
    from app.calendar.ics import ExportFailed, export_ics

    if args.first and args.last and args.last < args.first:
        raise CommandError("--to is before --from")
    ws = open_workspace(args, create=False)
    try:
        owner_id = _owner_id(ws, args.owner) if args.owner else None
        flt = CalendarFilter(
            types=frozenset(EventType(t) for t in args.types or ()),
            overdue_findings_only=args.overdue_only,
            finding_owner_id=owner_id,
            include_cancelled=True,
        )
        try:
            result = export_ics(
                ws, Path(args.ics), args.first, args.last, flt, meeting_time=args.meeting_time
            )
        except ExportFailed as exc:
            raise CommandError(str(exc)) from exc
    finally:
        ws.close()
    span = ""
    if args.first or args.last:
        span = (
            f" from {long_date(args.first) or 'the start'} to {long_date(args.last) or 'the end'}"
        )
    print(f"Wrote {result.events} calendar entries{span} to {result.path}", file=out)
    return EXIT_OK


def _owner_id(ws: Any, name: str) -> str:
    wanted = name.strip().casefold()
    matches = [p for p in ws.people.list() if p.name.casefold() == wanted]
    if not matches:
        matches = [p for p in ws.people.list() if wanted in p.name.casefold()]
    if len(matches) != 1:
        found = "no one" if not matches else f"{len(matches)} people"
        raise CommandError(f"--owner '{name}' matches {found}; give the full name")
    return matches[0].id


HANDLERS = {"calendar": _calendar}
