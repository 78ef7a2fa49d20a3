"""A full integrity check of a (read-only) database file, run in the background, in parallel.

``PRAGMA integrity_check`` on a 300 MB file takes seconds, most of it checking the indexes
of one table. The same work split in two runs on two connections at once:
``quick_check`` (every b-tree's structure, page accounting, NOT NULL and CHECK constraints)
plus ``integrity_check(table)`` for every table (that table's b-trees and its indexes'
content) cover everything ``integrity_check`` covers. ``foreign_key_check`` is added.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

from db.untrusted import open_untrusted

_CACHE_KIB = 256 * 1024  # index checks read the table at random: a big cache halves the time


class BackgroundIntegrityCheck:
    """Starts checking at construction; ``problems()`` waits and returns what was found."""

    def __init__(self, path: Path, *, workers: int = 2) -> None:
        self.path = path
        self._problems: list[str] = []
        self._lock = threading.Lock()
        with contextlib.closing(open_untrusted(path)) as conn:
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            ]
            sizes = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        bins: list[list[str]] = [[] for _ in range(max(1, workers))]
        loads = [0] * len(bins)
        for table in sorted(tables, key=lambda t: -sizes[t]):
            i = loads.index(min(loads))
            bins[i].append(table)
            loads[i] += sizes[table] + 1
        lightest = loads.index(min(loads))
        self._threads = [
            threading.Thread(
                target=self._run, args=(tables_, i == lightest), daemon=True, name="integrity"
            )
            for i, tables_ in enumerate(bins)
        ]
        for thread in self._threads:
            thread.start()

    def _run(self, tables: list[str], whole_file: bool) -> None:
        found: list[str] = []
        try:
            with contextlib.closing(open_untrusted(self.path)) as conn:
                conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
                if whole_file:
                    found += _rows(conn, "PRAGMA quick_check")
                    found += [
                        f"broken reference: {row}"
                        for row in conn.execute("PRAGMA foreign_key_check")
                    ]
                for table in tables:
                    found += _rows(conn, f'PRAGMA integrity_check("{table}")')
        except sqlite3.DatabaseError as exc:
            found.append(str(exc))
        with self._lock:
            self._problems += found

    def done(self) -> bool:
        """True once every part of the check has finished."""
        return not any(thread.is_alive() for thread in self._threads)

    def problems(self) -> list[str]:
        """Wait for the check; an empty list means the file is healthy."""
        for thread in self._threads:
            thread.join()
        with self._lock:
            return list(self._problems)


def _rows(conn: sqlite3.Connection, pragma: str) -> list[str]:
    rows = [str(row[0]) for row in conn.execute(pragma)]
    return [] if rows == ["ok"] else rows
