"""The `liaison-desk` entry point: a sub-command runs headless, none opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app import cli


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line; Qt is imported only when the window is wanted."""
    args = cli.build_parser().parse_args(argv)
    if args.command is None:
        from ui.application import run_gui

        return run_gui(args.data_dir)
    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
