"""The background integrity check: whole on a thread, or split over worker processes.

The split check is quick_check (every page accounted for) plus integrity_check(TABLE) per
table (rows against indexes): each damage below is found by one half only, and by the split
check as a whole, as by the plain PRAGMA integrity_check.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db import integrity
from db.integrity import BackgroundIntegrityCheck


def _make(path: Path) -> Path:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executescript(
            """
            CREATE TABLE change_log (seq INTEGER PRIMARY KEY, entity TEXT NOT NULL);
            CREATE INDEX ix_change_log_entity ON change_log (entity);
            CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT);
            CREATE INDEX ix_note_text ON note (text);
            """
        )
        conn.executemany(
            "INSERT INTO change_log (entity) VALUES (?)", [(f"entity-{i:04d}",) for i in range(50)]
        )
        conn.executemany(
            "INSERT INTO note (text) VALUES (?)", [(f"note-{i:04d}",) for i in range(50)]
        )
        conn.commit()
    return path


def _page_size(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA page_size").fetchone()[0]


def _row_changed_behind_its_index(path: Path) -> Path:
    """One byte of a row of ``note`` changed in the table's page, not in its index."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'note'").fetchone()[0]
    size = _page_size(path)
    data = bytearray(path.read_bytes())
    page = (root - 1) * size
    assert data[page] == 0x0D  # a table leaf: the whole table is on this page
    at = page + bytes(data[page : page + size]).find(b"note-0007")
    data[at + 5] = ord("X")
    path.write_bytes(bytes(data))
    return path


def _page_nothing_uses(path: Path) -> Path:
    """One more page in the file (and in the header's page count) that no b-tree owns."""
    size = _page_size(path)
    data = bytearray(path.read_bytes())
    pages = struct.unpack(">I", data[28:32])[0]
    data[28:32] = struct.pack(">I", pages + 1)
    path.write_bytes(bytes(data) + bytes(size))
    return path


def _per_table(path: Path) -> list[str]:
    return [s for s in integrity.split_checks(path) if s.startswith("PRAGMA integrity_check(")]


@pytest.fixture
def split(monkeypatch):  # type: ignore[no-untyped-def]
    """Any file is split over worker processes (as a large one on two or more cores)."""
    monkeypatch.setattr(integrity, "SPLIT_FROM_BYTES", 0)
    monkeypatch.setattr(integrity.os, "cpu_count", lambda: 2)


def test_a_healthy_file_passes_both_ways(tmp_path, split):
    path = _make(tmp_path / "ok.sqlite3")
    assert integrity.should_split(path)
    assert BackgroundIntegrityCheck(path).problems() == []
    assert integrity.run_checks(path, integrity.whole_check()) == []


def test_every_table_is_checked_the_log_first(tmp_path):
    statements = integrity.split_checks(_make(tmp_path / "ok.sqlite3"))
    assert statements == [
        'PRAGMA integrity_check("change_log")',
        "PRAGMA quick_check",
        'PRAGMA integrity_check("note")',
        "PRAGMA foreign_key_check",
    ]


def test_a_row_missing_from_its_index_is_found_by_the_per_table_checks(tmp_path, split):
    path = _row_changed_behind_its_index(_make(tmp_path / "bad.sqlite3"))
    assert integrity.run_checks(path, ["PRAGMA quick_check"]) == []  # not its business
    assert integrity.run_checks(path, _per_table(path)) == ["row 8 missing from index ix_note_text"]
    assert BackgroundIntegrityCheck(path).problems() == ["row 8 missing from index ix_note_text"]
    whole = integrity.run_checks(path, integrity.whole_check())
    assert whole == ["row 8 missing from index ix_note_text"]


def test_a_page_no_table_uses_is_found_by_quick_check(tmp_path, split):
    path = _page_nothing_uses(_make(tmp_path / "bad.sqlite3"))
    assert integrity.run_checks(path, _per_table(path)) == []  # a table sees only its pages
    problems = BackgroundIntegrityCheck(path).problems()
    assert len(problems) == 1 and "is never used" in problems[0]
    assert integrity.run_checks(path, integrity.whole_check()) == problems


def test_a_small_file_is_checked_whole_on_the_thread(tmp_path, monkeypatch):
    path = _row_changed_behind_its_index(_make(tmp_path / "bad.sqlite3"))
    monkeypatch.setattr(integrity, "check_in_processes", None)  # would raise if used
    assert not integrity.should_split(path)
    assert BackgroundIntegrityCheck(path).problems() == ["row 8 missing from index ix_note_text"]


def test_one_core_checks_whole_whatever_the_size(tmp_path, monkeypatch):
    path = _make(tmp_path / "ok.sqlite3")
    monkeypatch.setattr(integrity, "SPLIT_FROM_BYTES", 0)
    monkeypatch.setattr(integrity.os, "cpu_count", lambda: 1)
    assert not integrity.should_split(path)


def _die(path: Path, statements: list[str]) -> list[str]:
    os._exit(3)  # a worker that crashes (as SQLite might on a hostile file)


def test_a_worker_that_dies_means_damaged_not_healthy(tmp_path, split, monkeypatch):
    path = _make(tmp_path / "ok.sqlite3")
    monkeypatch.setattr(integrity, "run_checks", _die)
    problems = BackgroundIntegrityCheck(path).problems()
    assert len(problems) == 1 and "stopped before it finished" in problems[0]


def test_a_check_that_cannot_run_is_not_healthy(tmp_path):
    problems = BackgroundIntegrityCheck(tmp_path / "gone.sqlite3").problems()
    assert len(problems) == 1 and "could not run" in problems[0]


def test_a_file_that_is_not_a_database_is_damaged(tmp_path, split):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    assert BackgroundIntegrityCheck(path).problems() != []


_HELPER = """
import sys, time, multiprocessing
sys.path.insert(0, sys.argv[1])
from db.integrity import Workers
workers = Workers()
list(workers.pool.map(abs, range(8)))  # both started and idle, waiting for work
print(*[p.pid for p in multiprocessing.active_children()], flush=True)
time.sleep(600)
"""


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")  # a zombie nobody has reaped yet has ended too
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_workers_end_when_the_program_that_started_them_is_killed():
    root = str(Path(__file__).resolve().parents[2])
    helper = subprocess.Popen(
        [sys.executable, "-c", _HELPER, root], stdout=subprocess.PIPE, text=True
    )
    assert helper.stdout is not None
    pids = [int(pid) for pid in helper.stdout.readline().split()]
    assert len(pids) == 2 and all(_running(pid) for pid in pids)
    helper.kill()
    helper.wait()
    deadline = time.monotonic() + 60  # a generous bound on "soon", not a speed target
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in pids)
