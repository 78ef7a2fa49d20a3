"""The `liaison-desk` command line: everything that needs no window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from types import ModuleType
from typing import NoReturn, TextIO

from app import __version__, paths
from app.formatting import parse_iso_date

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """Stops a command with one clear line on stderr."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not a usage dump: the message is what the person needs.
        self.exit(EXIT_USAGE, f"liaison-desk: {message} (see liaison-desk --help)\n")


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD dates."""
    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def open_workspace(args: argparse.Namespace, *, create: bool):  # type: ignore[no-untyped-def]
    """The workspace named by --data-dir (or the default); CommandError when it cannot open."""
    from app.workspace import Workspace, WorkspaceError

    folder = paths.data_dir(args.data_dir)
    try:
        return Workspace.open(folder, create=create)
    except WorkspaceError as exc:
        raise CommandError(str(exc)) from exc


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
    for module in command_modules():
        module.add_commands(sub)
    return parser


def command_modules() -> list[ModuleType]:
    """The modules that contribute sub-commands; each has add_commands() and HANDLERS."""
    from app.commands import calendar, core, excel, paper, snapshot

    return [core, calendar, excel, paper, snapshot]


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run a sub-command; returns the exit code."""
    args = build_parser().parse_args(argv)
    return run(args, out=out)


def run(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Run parsed arguments that name a sub-command."""
    out = out or sys.stdout
    handlers = {name: fn for m in command_modules() for name, fn in m.HANDLERS.items()}
    try:
        return handlers[args.command](args, out)
    except CommandError as exc:
        print(f"liaison-desk: {exc}", file=sys.stderr)
        return EXIT_USAGE
