"""The frozen program's entry point: the same as the `liaison-desk` command (ui.launcher:main)."""

import multiprocessing
import sys

from ui.launcher import main

if __name__ == "__main__":
    # A snapshot's integrity check runs in spawned worker processes (db/integrity.py): in
    # the frozen program they start this executable again, and this hands them over.
    multiprocessing.freeze_support()
    sys.exit(main())
