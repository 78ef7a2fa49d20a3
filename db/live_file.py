"""Putting another database file in the place of the live one, atomically and durably."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
from pathlib import Path

_RETRIES = 20
_RETRY_PAUSE_S = 0.25


class FileInUse(Exception):
    """Another program holds the file; nothing was replaced."""


def fsync_file(path: Path) -> None:
    """Flush a file's content to the disk."""
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to the disk; a no-op where folders cannot be."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def release_wal(path: Path) -> None:
    """Fold the -wal file into the database and switch it to a rollback journal.

    Replacing a database file while its old -wal file is still beside it would let SQLite
    replay the old log onto the new file; after this the file stands alone. Raises
    FileInUse when another connection still holds the database.
    """
    if not path.exists():
        return
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA busy_timeout = 2000")
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite3.OperationalError as exc:
            raise FileInUse(f"{path.name} is in use by another program ({exc})") from exc
    if mode.lower() != "delete":
        raise FileInUse(f"{path.name} is in use by another program; close it and try again")


def replace_file(source: Path, target: Path) -> None:
    """Move ``source`` over ``target`` in one step (same folder), retrying while Windows
    antivirus or indexing briefly holds the file."""
    fsync_file(source)
    for attempt in range(_RETRIES):
        try:
            os.replace(source, target)
            break
        except PermissionError as exc:
            if attempt == _RETRIES - 1:
                raise FileInUse(
                    f"{target.name} is held by another program (antivirus or backup "
                    "software?); nothing was replaced, try again in a moment"
                ) from exc
            time.sleep(_RETRY_PAUSE_S)
    fsync_folder(target.parent)
