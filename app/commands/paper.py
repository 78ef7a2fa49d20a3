"""The `paper` sub-command: a meeting's HMICFRS Update as PDF or Word, archived with it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from app.cli import EXIT_OK, CommandError, iso_date, open_workspace
from app.formatting import long_date


def add_commands(sub: Any) -> None:
    """Register `paper`."""
    paper = sub.add_parser(
        "paper", help="produce the committee paper (HMICFRS Update) for a meeting"
    )
    paper.add_argument(
        "--meeting", type=iso_date, required=True, metavar="YYYY-MM-DD", help="the meeting date"
    )
    paper.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    paper.add_argument(
        "--format",
        choices=("pdf", "docx"),
        help="pdf or docx (default: from the file's extension, else pdf)",
    )


def _paper(args: argparse.Namespace, out: TextIO) -> int:
    from app.paper import PaperError, PaperService

    target = Path(args.out).expanduser()
    fmt = args.format or ("docx" if target.suffix.lower() == ".docx" else "pdf")
    # Refuse a bad path before any work, so nothing is archived for a file never written.
    if not target.parent.is_dir():
        raise CommandError(f"cannot write {target}: the folder {target.parent} does not exist")
    if target.is_dir():
        raise CommandError(f"cannot write {target}: it is a folder")
    ws = open_workspace(args, create=False)
    try:
        papers = PaperService(ws)
        try:
            meeting = papers.meeting_on(args.meeting)
            produced = papers.produce(meeting, fmt, target)
        except PaperError as exc:
            raise CommandError(str(exc)) from exc
    finally:
        ws.close()
    pages = f", {produced.pages} pages" if produced.pages else ""
    print(
        f"Wrote the {meeting.committee} paper for {long_date(meeting.meets_on)} to "
        f"{produced.path} ({fmt.upper()}{pages}).",
        file=out,
    )
    if produced.earlier is not None:
        if produced.changes:
            print("Changed since the paper produced before:", file=out)
            for line in produced.changes:
                print(f"  {line}", file=out)
        else:
            print("The figures are the same as in the paper produced before.", file=out)
    return EXIT_OK


HANDLERS = {"paper": _paper}
