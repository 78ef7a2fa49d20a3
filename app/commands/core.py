"""Core sub-commands: demo, summary, check."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from app.cli import EXIT_FAILED, EXIT_OK, CommandError, iso_date, open_workspace
from app.formatting import long_date


def add_commands(sub: Any) -> None:
    """Register this module's sub-commands."""
    demo = sub.add_parser("demo", help="load the demo data into an empty database")
    demo.add_argument("--force", action="store_true", help="load even if the database has data")
    summary = sub.add_parser("summary", help="print the findings summary (open / closed / total)")
    summary.add_argument(
        "--as-at",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="figures as at this date (default: today)",
    )
    sub.add_parser("check", help="schema revision, integrity check and counts")


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from app.demo import DemoRefused, load_demo

    ws = open_workspace(args, create=True)
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
    ws = open_workspace(args, create=False)
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
    ws = open_workspace(args, create=False)
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


HANDLERS = {"demo": _demo, "summary": _summary, "check": _check}
