"""A full integrity check of a (read-only) database file, run in the background.

``PRAGMA integrity_check`` plus ``PRAGMA foreign_key_check`` on a thread of its own, so an
import can work out the differences meanwhile; nothing may be written until ``problems()``
has answered.

On a large file with two or more cores the same checks are shared by two worker
processes. ``PRAGMA integrity_check`` is two things (SQLite 3.40, pragma.c and btree.c):

- a walk of every b-tree of the file: every page used exactly once (tables, indexes,
  overflow chains, the freelist), page and cell formats, records' NOT NULL and CHECK
  constraints. ``PRAGMA quick_check`` is exactly this;
- then, table by table, what quick_check leaves out: each row's record header decoded,
  each row found in each of the table's indexes, each index's entry count, UNIQUE
  indexes unique. ``PRAGMA integrity_check(TABLE)`` does this for one table (and walks
  that table's own b-trees again, but without accounting for the rest of the file).

So ``quick_check`` once, ``integrity_check(TABLE)`` for every table and
``foreign_key_check`` find everything the whole check finds. Processes, not threads: two
connections in one process were measured (earlier) five times slower than one, SQLite's
allocator (and its mutex) being shared by every connection of a process. Workers are
spawned, never forked (a fork would copy locks held by other threads, Qt's among them),
and import nothing but the standard library.

Measured at 50,000 findings (a 427 MB file; 2-core machine, SQLite 3.40.1): the whole
check takes 2.6–2.9 s on one core. Split: change_log with its three indexes 1.76 s,
quick_check 0.59 s, all other tables 0.85 s together, foreign keys 0.08 s; on two idle
cores the split check takes 1.66–1.77 s for 3.25 s of work in all (~0.35 s more than the
whole check: quick_check walks the b-trees the per-table checks walk again). Neither a
bigger nor a smaller page cache, nor mmap, changed these figures. With another program
keeping one core busy the split gains nothing (the work, not the waiting, is then the
limit). On one core, or for a small file (where starting processes costs more than it
saves), the whole check runs on the thread.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sqlite3
import threading
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

_CACHE_KIB = 256 * 1024  # index checks read the table at random: a big cache halves the time
WORKERS = 2
SPLIT_FROM_BYTES = 32 << 20  # below this one whole check takes ~0.2 s: no processes
# The append-only change log is most of the work (1.76 s of 2.9 s at 50,000 findings): it
# is queued first so the other worker gets through everything else meanwhile.
_LARGEST_FIRST = ("change_log",)


def _open(path: Path) -> sqlite3.Connection:
    """Read-only, running nothing from the file's schema: db.untrusted.open_untrusted, repeated
    here so that worker processes import only the standard library (not SQLAlchemy)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
    return conn


def run_checks(path: Path, statements: list[str]) -> list[str]:
    """Run check pragmas on ``path``; the problems they report (empty when healthy)."""
    found: list[str] = []
    try:
        with contextlib.closing(_open(path)) as conn:
            for statement in statements:
                rows = conn.execute(statement).fetchall()
                if statement.startswith("PRAGMA foreign_key_check"):
                    found += [f"broken reference: {row}" for row in rows]
                elif rows != [("ok",)]:
                    found += [str(row[0]) for row in rows]
    except sqlite3.DatabaseError as exc:
        found.append(str(exc))
    return found


def whole_check() -> list[str]:
    """The statements of the check in one connection."""
    return ["PRAGMA integrity_check", "PRAGMA foreign_key_check"]


def split_checks(path: Path) -> list[str]:
    """The same checks as independent statements, the longest first (see the docstring)."""
    with contextlib.closing(_open(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    first = [t for t in _LARGEST_FIRST if t in tables]
    rest = [t for t in tables if t not in first]

    def per_table(names: list[str]) -> list[str]:
        return [f'PRAGMA integrity_check("{name.replace(chr(34), chr(34) * 2)}")' for name in names]

    return [
        *per_table(first),
        "PRAGMA quick_check",
        *per_table(rest),
        "PRAGMA foreign_key_check",
    ]


def _ready() -> None:
    """Nothing: submitted once per worker so that each is spawned at once."""


def _end_with_parent() -> None:
    """In each worker: end it when the program that started it ends, even killed (an idle
    worker would otherwise wait for work forever)."""
    parent = multiprocessing.parent_process()
    if parent is not None:

        def watch() -> None:
            parent.join()  # returns once the parent process has gone
            os._exit(0)

        threading.Thread(target=watch, daemon=True, name="parent-watch").start()


class Workers:
    """WORKERS spawned processes for one split check, started ahead of it.

    A spawned process takes 0.1–0.4 s to start (Python, then the program's main module
    again): started when an import begins, they are ready by the time the file has been
    extracted. Whoever holds them closes them (the check does, once it has them)."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(WORKERS, mp_context=context, initializer=_end_with_parent)
        for _ in range(WORKERS):
            self.pool.submit(_ready)

    def close(self) -> None:
        """Stop the processes (at once: a check still running reports that it stopped)."""
        self.pool.shutdown(wait=False, cancel_futures=True)


def workers_for(size: int) -> Workers | None:
    """Workers started now for a file of about ``size`` bytes, or None if not worth it."""
    return Workers() if _worth_splitting(size) else None


def _worth_splitting(size: int) -> bool:
    return (os.cpu_count() or 1) >= WORKERS and size >= SPLIT_FROM_BYTES


def should_split(path: Path) -> bool:
    """True when two processes are worth starting for this file on this machine."""
    return _worth_splitting(path.stat().st_size)


def check_in_processes(path: Path, statements: list[str], workers: Workers) -> list[str]:
    """Run each statement as a job for the workers; all problems found."""
    found: list[str] = []
    try:
        jobs = [workers.pool.submit(run_checks, path, [statement]) for statement in statements]
        for job in jobs:
            found += job.result()
    except (BrokenProcessPool, CancelledError, OSError, RuntimeError) as exc:
        # A worker died, none could start, or they were stopped: nothing can be said.
        found.append(f"the integrity check stopped before it finished ({exc or 'no reason'})")
    return found


class BackgroundIntegrityCheck:
    """Starts checking at construction; ``problems()`` waits and returns what was found."""

    def __init__(self, path: Path, workers: Workers | None = None) -> None:
        self.path = path
        self._workers = workers
        self._problems: list[str] = ["the integrity check did not finish"]
        self._thread = threading.Thread(target=self._run, daemon=True, name="integrity")
        self._thread.start()

    def _run(self) -> None:
        workers = self._workers
        try:
            if should_split(self.path):
                workers = workers or Workers()
                self._problems = check_in_processes(self.path, split_checks(self.path), workers)
            else:
                self._problems = run_checks(self.path, whole_check())
        except BaseException as exc:  # whatever it was, the file is not known to be healthy
            self._problems = [f"the integrity check could not run ({exc})"]
        finally:
            if workers is not None:
                workers.close()

    def done(self) -> bool:
        """True once the check has finished."""
        return not self._thread.is_alive()

    def problems(self) -> list[str]:
        """Wait for the check; an empty list means the file is healthy."""
        self._thread.join()
        return list(self._problems)
