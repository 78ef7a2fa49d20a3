"""Snapshot speed at scale: export, inspect + replace, inspect + merge (python bench/run.py)."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from app.clock import FixedClock
from app.domain.enums import Rag
from app.snapshots.service import SnapshotService
from app.workspace import Workspace
from db.sqlite_tools import backup_database

EXPORT_TARGET, IMPORT_TARGET = 2.0, 3.0


def _median(runs: list[float]) -> float:
    return statistics.median(runs)


def measure(ws: Workspace, repeat: int = 3) -> list[tuple[str, float, float]]:
    """(name, median seconds, target seconds) for the snapshot operations on ``ws``."""
    root = Path(tempfile.mkdtemp(prefix="ld-bench-snap-"))
    try:
        return _measure(ws, root, repeat)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _measure(ws: Workspace, root: Path, repeat: int) -> list[tuple[str, float, float]]:
    service = SnapshotService(ws)
    base = root / "base.ldsnap"
    exports = []
    for _ in range(repeat):
        started = time.perf_counter()
        service.export(base)
        exports.append(time.perf_counter() - started)

    replaces = []
    for n in range(repeat):
        folder = root / f"fresh{n}"
        fresh = Workspace.open(folder, clock=FixedClock(ws.ctx.clock.now()))
        started = time.perf_counter()
        with SnapshotService(fresh).open(base) as session:
            session.replace()
        replaces.append(time.perf_counter() - started)
        fresh.close()
        if n:
            shutil.rmtree(folder)

    # Two officers each change 100 findings (20 of them the same field: conflicts).
    theirs = Workspace.open(root / "fresh0", clock=FixedClock(ws.ctx.clock.now()))
    theirs.set_actor("Other Officer")
    findings = theirs.findings.list()[:200]
    for f in findings[:100]:
        theirs.findings.update(replace(f, department="Their department"))
    handover = root / "handover.ldsnap"
    SnapshotService(theirs).export(handover)
    theirs.close()
    merges = []
    for n in range(repeat):
        folder = root / f"local{n}"
        folder.mkdir()
        backup_database(ws.database_path, folder / "liaison-desk.sqlite3")
        local = Workspace.open(folder, clock=FixedClock(ws.ctx.clock.now()))
        for f in findings[80:180]:
            local.findings.update(replace(local.findings.get(f.id), department="Mine", rag=Rag.RED))
        started = time.perf_counter()
        with SnapshotService(local).open(handover) as session:
            assert len(session.plan.conflicts) == 20
            session.merge(prefer="theirs")
        merges.append(time.perf_counter() - started)
        local.close()
        shutil.rmtree(folder)
    return [
        ("Snapshot export", _median(exports), EXPORT_TARGET),
        ("Snapshot inspect + replace (empty folder)", _median(replaces), IMPORT_TARGET),
        ("Snapshot inspect + merge (100 changes each side)", _median(merges), IMPORT_TARGET),
    ]
