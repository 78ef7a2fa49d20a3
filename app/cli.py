"""The `liaison-desk` command line: everything that needs no window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO

from app import __version__, paths
from app.formatting import long_date, parse_iso_date

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """Stops a command with one clear line on stderr."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not a usage dump: the message is what the person needs.
        self.exit(EXIT_USAGE, f"liaison-desk: {message} (see liaison-desk --help)\n")


def _iso_date(text: str) -> date:
    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; with no sub-command the window opens."""
    parser = _Parser(
        prog="liaison-desk",
        description="HMICFRS liaison: findings, inspections and the committee paper.",
    )
    parser.add_argument("--version", action="version", version=f"Liaison Desk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"data folder (default: ${paths.ENV_HOME} or the user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    demo = sub.add_parser("demo", help="load the demo data into an empty database")
    demo.add_argument("--force", action="store_true", help="load even if the database has data")
    summary = sub.add_parser("summary", help="print the findings summary (open / closed / total)")
    summary.add_argument(
        "--as-at",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="figures as at this date (default: today)",
    )
    sub.add_parser("check", help="schema revision, integrity check and counts")
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run a sub-command; returns the exit code."""
    args = build_parser().parse_args(argv)
    return run(args, out=out)


def run(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Run parsed arguments that name a sub-command."""
    out = out or sys.stdout
    handlers = {"demo": _demo, "summary": _summary, "check": _check}
    try:
        return handlers[args.command](args, out)
    except CommandError as exc:
        print(f"liaison-desk: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _open(args: argparse.Namespace, *, create: bool):  # type: ignore[no-untyped-def]
    from app.workspace import Workspace, WorkspaceError

    folder = paths.data_dir(args.data_dir)
    try:
        return Workspace.open(folder, create=create)
    except WorkspaceError as exc:
        raise CommandError(str(exc)) from exc


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from app.demo import DemoRefused, load_demo

    ws = _open(args, create=True)
    try:
        counts = load_demo(ws, force=args.force)
    except DemoRefused as exc:
        raise CommandError(f"{exc} (use --force to load it anyway)") from exc
    finally:
        ws.close()
    print(f"Loaded the demo data into {ws.database_path}:", file=out)
    for label, n in counts.items():
        print(f"  {n:>7,} {label}", file=out)
    return EXIT_OK


def _summary(args: argparse.Namespace, out: TextIO) -> int:
    ws = _open(args, create=False)
    try:
        day = args.as_at or ws.ctx.clock.today()
        summary = ws.figures.summary_as_at(day)
        force = ws.settings.get().force_name
    finally:
        ws.close()
    print(f"Findings summary as at {long_date(day)} — {force}", file=out)
    print(file=out)
    width = max([len(r.label) for r in summary.rows] + [20])
    print(f"{'':<{width}}  {'Open':>6}  {'Closed':>6}  {'Total':>6}", file=out)
    for row in summary.rows:
        print(f"{row.label:<{width}}  {row.open:>6}  {row.closed:>6}  {row.total:>6}", file=out)
    print(
        f"{'Total':<{width}}  {summary.open:>6}  {summary.closed:>6}  {summary.total:>6}", file=out
    )
    return EXIT_OK


def _check(args: argparse.Namespace, out: TextIO) -> int:
    ws = _open(args, create=False)
    try:
        health = ws.check()
    finally:
        ws.close()
    print(f"Database: {Path(ws.database_path)}", file=out)
    print(f"Schema revision: {health.revision}", file=out)
    print(f"Integrity: {'ok' if health.healthy else 'PROBLEMS'}", file=out)
    for problem in health.problems:
        print(f"  {problem}", file=out)
    for label, n in health.counts.items():
        print(f"  {n:>7,} {label}", file=out)
    return EXIT_OK if health.healthy else EXIT_FAILED
