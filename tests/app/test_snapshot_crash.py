"""Killed at any moment (SIGKILL) during export, replace or merge, the database still opens,
passes the integrity check and holds either everything before or everything after."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.snapshots.service import SnapshotService
from app.workspace import Workspace
from bench.synthetic import build
from tests.app.snapshot_helpers import content, populate

CHILD = Path(__file__).with_name("crash_child.py")
RUNS = {"export": 8, "replace": 10, "merge": 12, "replace-split": 4, "merge-split": 4}

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _digest(folder: Path) -> str:
    """Everything in the database, ignoring the random ids of merge entries."""
    db = folder / "liaison-desk.sqlite3"
    rows = content(db)
    rows["change_log"] = sorted((r[1:] for r in rows["change_log"]), key=repr)
    return hashlib.sha256(repr(sorted(rows.items())).encode()).hexdigest()


class Forker:
    """Talks to crash_child.py: modules load once, each operation runs in a fresh fork."""

    def __init__(self) -> None:
        self.server = subprocess.Popen(
            [sys.executable, str(CHILD)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def start(self, op: str, folder: Path, target: Path) -> int:
        assert self.server.stdin is not None and self.server.stdout is not None
        self.server.stdin.write(f"{op} {folder} {target}\n")
        self.server.stdin.flush()
        line = self.server.stdout.readline().split()
        assert line[0] == "go", line
        return int(line[1])

    def finish(self) -> list[str]:
        assert self.server.stdout is not None
        lines = []
        while not (line := self.server.stdout.readline()).startswith("exit"):
            lines.append(line.strip())
        return lines

    def close(self) -> None:
        assert self.server.stdin is not None
        self.server.stdin.close()
        self.server.wait(timeout=30)


@pytest.fixture(scope="module")
def forker():
    server = Forker()
    yield server
    server.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A big source, its snapshot, and a local folder that differs from it."""
    root = tmp_path_factory.mktemp("crash")
    source = build(root / "source", 1200)
    source.close()
    snapshot = root / "source.ldsnap"
    ws = Workspace.open(root / "source", clock=FixedClock(datetime(2025, 1, 1, 9)))
    SnapshotService(ws).export(snapshot)
    ws.close()
    local = Workspace.open(root / "local", clock=FixedClock(datetime(2024, 1, 1, 9)))
    populate(local, FixedClock(datetime(2024, 1, 1, 9)))
    local.close()
    return root, snapshot


@pytest.mark.parametrize("op", list(RUNS))
def test_a_killed_operation_leaves_the_before_or_the_after_state(world, forker, op, tmp_path):
    root, snapshot = world
    pristine = root / "local"
    before = _digest(pristine)

    done = tmp_path / "done"
    shutil.copytree(pristine, done)
    target = tmp_path / "out.ldsnap" if op == "export" else snapshot
    started = time.perf_counter()
    forker.start(op, done, target)
    assert forker.finish() == ["done"]
    duration = time.perf_counter() - started
    after = _digest(done)
    assert (after == before) is (op == "export")

    rng = random.Random(f"{op}-crash")
    outcomes = set()
    for run in range(RUNS[op]):
        folder = tmp_path / f"run{run}"
        shutil.copytree(pristine, folder)
        out = tmp_path / f"run{run}.ldsnap"
        pid = forker.start(op, folder, out if op == "export" else snapshot)
        time.sleep(duration * (rng.uniform(0, 1) if run % 2 else rng.uniform(0.7, 1.3)))
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        forker.finish()

        ws = Workspace.open(folder)
        try:
            assert ws.check().healthy, (op, run)
        finally:
            ws.close()
        state = _digest(folder)
        assert state in (before, after), (op, run)
        outcomes.add("after" if state == after and after != before else "before")
        if op == "export" and out.exists():
            with zipfile.ZipFile(out) as archive:
                assert archive.testzip() is None
            check = Workspace.open(tmp_path / f"check{run}")
            try:
                with SnapshotService(check).open(out) as session:
                    session.require_healthy()
            finally:
                check.close()
        shutil.rmtree(folder)
    print(op, round(duration, 3), outcomes)
