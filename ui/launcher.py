"""The `liaison-desk` entry point: a sub-command runs headless, none opens the window.

A snapshot file on the command line (how Windows opens a double-clicked .ldsnap) opens the
window with that file. Qt is imported only when the window is wanted.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from app import cli, logs, paths

SNAPSHOT_SUFFIX = ".ldsnap"
_OPTIONS_WITH_VALUE = {"--data-dir"}


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # argparse keeps sub-commands here
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def split_files(argv: Sequence[str], commands: set[str]) -> tuple[list[str], list[str]]:
    """(arguments, snapshot files) when no sub-command is named; else (argv, [])."""
    rest: list[str] = []
    files: list[str] = []
    skip_value = False
    for arg in argv:
        if skip_value:
            rest.append(arg)
            skip_value = False
        elif arg in _OPTIONS_WITH_VALUE:
            rest.append(arg)
            skip_value = True
        elif arg in commands:
            return list(argv), []
        elif not arg.startswith("-") and arg.lower().endswith(SNAPSHOT_SUFFIX):
            files.append(arg)
        else:
            rest.append(arg)
    return rest, files


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line; run a sub-command, or open the window (with any files)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = cli.build_parser()
    rest, files = split_files(argv, _command_names(parser))
    args = parser.parse_args(rest)
    if args.command is None:
        from ui.application import run_gui

        return run_gui(args.data_dir, files)
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    """A sub-command, logged to logs/command-line.log when the data folder exists.

    The windowed program has no console: there, output goes to that log (never lost).
    """
    folder = paths.data_dir(args.data_dir)
    no_console = sys.stdout is None or sys.stderr is None
    session = None
    if folder.is_dir() or no_console:
        try:
            session = logs.setup_logging(folder, name=logs.CLI_LOG, faults=False)
        except OSError:
            session = None
    try:
        code = cli.run(args)
        logging.getLogger("liaison_desk").info("Command %s exited with %s", args.command, code)
        return code
    except Exception:
        logging.getLogger("liaison_desk").exception("Command %s failed", args.command)
        raise
    finally:
        if session is not None:
            session.close()


if __name__ == "__main__":
    sys.exit(main())
