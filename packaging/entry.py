"""The frozen program's entry point: the same as the `liaison-desk` command (ui.launcher:main)."""

import sys

from ui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
